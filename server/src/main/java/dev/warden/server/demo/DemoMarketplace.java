package dev.warden.server.demo;

import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.time.Instants;
import dev.warden.server.catalog.PartnerQuery;
import dev.warden.server.catalog.Partners;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.snapshot.ImportResult;
import dev.warden.server.snapshot.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the demo marketplace (a snapshot shipped in the jar) at start-up when {@code warden.demo} is
 * true and Warden holds no partners yet. The tickets' dates are moved so that the demo looks the same
 * whenever it is started: some tickets overdue, some due soon, some waiting for triage.
 */
@Component
@ConditionalOnBooleanProperty("warden.demo")
class DemoMarketplace implements ApplicationRunner {
    static final String RESOURCE = "/demo/marketplace.json";
    /** The day the demo's dates were written for. */
    static final LocalDate WRITTEN_FOR = LocalDate.of(2026, 11, 28);

    private static final Logger log = LoggerFactory.getLogger(DemoMarketplace.class);

    private final Snapshots snapshots;
    private final Partners partners;
    private final AppVersions versions;
    private final Clock clock;
    private final dev.warden.server.dependencies.Advisories advisories;
    private final dev.warden.server.reviews.Submissions submissions;
    private final dev.warden.server.enforcement.Transparency transparency;

    DemoMarketplace(
            Snapshots snapshots,
            Partners partners,
            AppVersions versions,
            Clock clock,
            dev.warden.server.dependencies.Advisories advisories,
            dev.warden.server.reviews.Submissions submissions,
            dev.warden.server.enforcement.Transparency transparency) {
        this.submissions = submissions;
        this.transparency = transparency;
        this.advisories = advisories;
        this.versions = versions;
        this.snapshots = snapshots;
        this.partners = partners;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (partners.list(PartnerQuery.ALL, new Paging(0, 1), Actor.system("demo"))
                        .totalItems()
                > 0) {
            log.info("Demo marketplace not loaded: Warden already holds data.");
            return;
        }
        byte[] document;
        try (InputStream in = DemoMarketplace.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data missing from the jar: " + RESOURCE);
            }
            document = in.readAllBytes();
        }
        long days = ChronoUnit.DAYS.between(WRITTEN_FOR, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        ImportResult result =
                snapshots.importDocument(shifted(document, Duration.ofDays(days)), false, Actor.system("demo"));
        DemoVersions.advisories(advisories);
        DemoVersions.load(versions);
        DemoSubmissions.load(submissions, versions);
        // The public page shows an action as soon as an approver takes it, so it can be tried at once.
        transparency.change(new dev.warden.server.enforcement.Transparency.Change(true, null, 0), Actor.system("demo"));
        log.info(
                "Demo marketplace loaded. {} Four app versions were uploaded and scanned; four submissions are in the"
                        + " security review; the transparency page /transparency is published.",
                result.summary());
    }

    static byte[] shifted(byte[] document, Duration shift) {
        JsonNode tree = SnapshotCodec.parse(document);
        for (JsonNode ticket : tree.path("tickets")) {
            for (JsonNode event : ticket.path("events")) {
                for (String field : new String[] {"at", "proposedDueAt", "dueAt"}) {
                    if (event.hasNonNull(field)) {
                        ((ObjectNode) event)
                                .put(
                                        field,
                                        Instants.format(
                                                Instants.parse(event.get(field).asString())
                                                        .plus(shift)));
                    }
                }
            }
        }
        for (String records : new String[] {
            "incidents",
            "bountyPrograms",
            "verifications",
            "entityChanges",
            "tokenUse",
            "incidentProcesses",
            "badgeAwards"
        }) {
            tree.path(records).forEach(r -> shiftDates(r, shift));
        }
        return SnapshotCodec.mapper().writeValueAsBytes(tree);
    }

    private static final java.util.Set<String> INSTANTS = java.util.Set.of(
            "at", "awareAt", "reportedAt", "recordedAt", "requestedAt", "declaredAt", "scannedAt", "attestedAt");
    private static final java.util.Set<String> DATES =
            java.util.Set.of("publicOn", "launchedOn", "lastActivityOn", "happenedOn", "reviewedOn");

    /** Moves every instant and date of an obligation record, at any depth, by {@code shift}. */
    private static void shiftDates(JsonNode node, Duration shift) {
        if (node.isArray()) {
            node.forEach(n -> shiftDates(n, shift));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (String field : List.copyOf(object.propertyNames())) {
            JsonNode value = object.get(field);
            if (INSTANTS.contains(field) && value.isString()) {
                object.put(
                        field, Instants.format(Instants.parse(value.asString()).plus(shift)));
            } else if (DATES.contains(field) && value.isString()) {
                object.put(
                        field,
                        LocalDate.parse(value.asString())
                                .plusDays(shift.toDays())
                                .toString());
            } else {
                shiftDates(value, shift);
            }
        }
    }
}

package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.server.policy.Policies;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A partner's evaluation reads only the tickets that can count: its breaches and its SLA attainment come
 * out the same as from every ticket, while the closed ones due more than a year ago, and the closed
 * duplicates, are not read.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketsThatCountIT {
    static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = new AppKey("com.acme.app");

    static String ticket(String key, String type, String hosting, String reported, String... later) {
        StringBuilder events = new StringBuilder("""
                {"type": "REPORTED", "at": "%s", "actor": "scanner", "cvss": "%s"}""".formatted(reported, CRITICAL));
        for (int i = 0; i + 1 < later.length; i += 2) {
            events.append(",")
                    .append(
                            switch (later[i]) {
                                case "FIXED" -> """
                        {"type": "RELEASED", "at": "%s", "actor": "partner"},
                        {"type": "VERIFIED_PATCHED", "at": "%s", "actor": "analyst"}""".formatted(later[i + 1], later[i + 1]);
                                case "DUPLICATE" -> """
                        {"type": "MARKED_DUPLICATE", "at": "%s", "actor": "analyst", "of": "OLD-1"}""".formatted(later[i + 1]);
                                default -> throw new IllegalArgumentException(later[i]);
                            });
        }
        return """
                {"key": "%s", "type": "%s", "app": "com.acme.app", "hosting": "%s", "title": "%s",
                 "events": [%s]}""".formatted(key, type, hosting, key, events);
    }

    @Test
    void theTicketsThatCountGiveTheSameBreachesAsEveryTicket() {
        // A critical ticket is due 10 days after it is reported.
        List<String> tickets = List.of(
                ticket("OLD-1", "SECURITY", "CLOUD", "2024-01-01T00:00:00Z", "FIXED", "2024-01-05T00:00:00Z"),
                ticket("OLD-2", "SECURITY", "CLOUD", "2024-02-01T00:00:00Z", "FIXED", "2024-04-01T00:00:00Z"),
                ticket("LATE-1", "SECURITY", "CLOUD", "2026-03-01T00:00:00Z", "FIXED", "2026-04-01T00:00:00Z"),
                ticket("INTIME-1", "SECURITY", "CLOUD", "2026-06-01T00:00:00Z", "FIXED", "2026-06-03T00:00:00Z"),
                ticket("INTIME-2", "SECURITY", "DATA_CENTER", "2026-07-01T00:00:00Z", "FIXED", "2026-07-02T00:00:00Z"),
                ticket("DUP-1", "SECURITY", "CLOUD", "2026-05-01T00:00:00Z", "DUPLICATE", "2026-05-02T00:00:00Z"),
                ticket("OPEN-1", "SECURITY", "CLOUD", "2026-10-01T00:00:00Z"),
                ticket("OPEN-2", "SECURITY", "DATA_CENTER", "2026-11-01T00:00:00Z"),
                ticket("BOUNTY-1", "BUG_BOUNTY", "CLOUD", "2026-09-01T00:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.enabled", "false", "warden.enforcement.incremental", "false"),
                new TestClock(NOW))) {
            var imported = warden.admin().post("/api/v1/snapshot", """
                    {"format": "warden.snapshot/v1",
                     "partners": [{"id": "acme", "name": "Acme", "tier": "GOLD"}],
                     "apps": [{"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                               "listings": [{"hosting": "CLOUD", "state": "LISTED"},
                                            {"hosting": "DATA_CENTER", "state": "LISTED"}]}],
                     "tickets": [%s]}""".formatted(String.join(",", tickets)));
            assertThat(imported.status()).as(imported.body()).isBetween(200, 201);
            Tickets all = warden.bean(Tickets.class);
            PolicyVersions versions = warden.bean(Policies.class).inForce();

            List<String> everyKey = new ArrayList<>();
            Breaches fromEvery = breaches(versions, everyKey, sink -> all.forEach(ACME, sink));
            List<String> countedKeys = new ArrayList<>();
            Breaches fromCounted = breaches(versions, countedKeys, sink -> all.forEachThatCounts(ACME, NOW, sink));

            assertThat(everyKey).hasSize(tickets.size());
            assertThat(countedKeys)
                    .as("open, or closed and due in the last year; not the older ones nor the duplicate")
                    .containsExactly("BOUNTY-1", "INTIME-1", "INTIME-2", "LATE-1", "OPEN-1", "OPEN-2");
            assertThat(summary(fromCounted)).isEqualTo(summary(fromEvery));
            assertThat(fromCounted.attainment(APP, Hosting.CLOUD))
                    .as("LATE-1 missed, INTIME-1 in time; OPEN-1 and BOUNTY-1 came due and are still open")
                    .isEqualTo(fromEvery.attainment(APP, Hosting.CLOUD))
                    .isEqualTo(new Breaches.Attainment(4, 3));
            assertThat(fromCounted.attainment(APP, Hosting.DATA_CENTER))
                    .isEqualTo(fromEvery.attainment(APP, Hosting.DATA_CENTER))
                    .isEqualTo(new Breaches.Attainment(1, 0));
        }
    }

    static Breaches breaches(PolicyVersions versions, List<String> keys, Consumer<Consumer<Ticket>> read) {
        Breaches breaches = new Breaches();
        read.accept(t -> {
            keys.add(t.key().value());
            TicketClock.at(t, versions, NOW).ifPresent(breaches::add);
        });
        return breaches;
    }

    /** Every group of every kind, as text: listing, count, since, worst, the tickets named. */
    static Map<String, String> summary(Breaches b) {
        Map<String, String> out = new TreeMap<>();
        BiConsumer<String, Map<Breaches.Key, Breaches.Group>> add = (kind, groups) -> groups.forEach((k, g) -> out.put(
                kind + " " + k.app().value() + " " + k.hosting(),
                g.count() + " " + g.since() + " " + g.worst() + " " + g.first()));
        add.accept("overdue", b.overdue());
        add.accept("triage", b.triageOverdue());
        add.accept("acknowledge", b.acknowledgeOverdue());
        assertThat(out)
                .as("something to compare")
                .containsKeys("overdue com.acme.app CLOUD", "triage com.acme.app CLOUD");
        return out;
    }
}

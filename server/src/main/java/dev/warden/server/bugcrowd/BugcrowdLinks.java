package dev.warden.server.bugcrowd;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bugcrowd programs linked to Warden's bug bounty programs, each with its targets mapped to the apps'
 * listings its tickets are against.
 */
@Service
public class BugcrowdLinks {
    /** In a program's targets, the key that stands for every target not named. */
    static final String ANY_TARGET = "*";

    /** A Bugcrowd program linked to a Warden program: the targets name the listings tickets are against. */
    @Schema(name = "BugcrowdProgramInput")
    public record ProgramInput(
            @Nullable String programId, @Nullable Map<String, String> targets) {}

    private final BugcrowdRows rows;
    private final BugcrowdConnections connections;
    private final BugcrowdFigures figures;
    private final AuditTrail audit;
    private final BountyPrograms programs;
    private final Apps apps;
    private final Clock clock;

    BugcrowdLinks(
            BugcrowdRows rows,
            BugcrowdConnections connections,
            BugcrowdFigures figures,
            AuditTrail audit,
            BountyPrograms programs,
            Apps apps,
            Clock clock) {
        this.rows = rows;
        this.connections = connections;
        this.figures = figures;
        this.audit = audit;
        this.programs = programs;
        this.apps = apps;
        this.clock = clock;
    }

    /** Links a Bugcrowd program (by its code) to a Warden bug bounty program, or changes the link. */
    @Transactional
    public BugcrowdConnections.ProgramStatus link(String code, ProgramInput in, Actor by) {
        if (rows.connection().isEmpty()) {
            throw new NotFoundException("No Bugcrowd connection: connect first, then link programs");
        }
        Fields errors = new Fields("invalid Bugcrowd program link");
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            errors.error("/code", "is the program's code, as in its Bugcrowd address (letters, digits, - _ .)");
        }
        BountyProgram program = null;
        if (in.programId() == null || in.programId().isBlank()) {
            errors.error("/programId", "is required: the id of the Warden bug bounty program it is");
        } else {
            program = programs.find(in.programId().strip()).map(v -> v.value()).orElse(null);
            if (program == null) {
                errors.error(
                        "/programId", "no bug bounty program '" + in.programId().strip() + "'");
            }
        }
        Map<String, String> targets = new TreeMap<>();
        if (in.targets() != null) {
            if (in.targets().size() > 100) {
                errors.error("/targets", "at most 100 targets");
            }
            in.targets().forEach((name, listing) -> {
                String pointer = "/targets/" + name.replace("~", "~0").replace("/", "~1");
                if (name.isBlank() || name.length() > 300) {
                    errors.error(pointer, "a target's name is 1 to 300 characters");
                    return;
                }
                targets.put(name.strip(), listing == null ? "" : listing.strip());
            });
        }
        if (program != null) {
            for (Map.Entry<String, String> t : targets.entrySet()) {
                String pointer = "/targets/" + t.getKey().replace("~", "~0").replace("/", "~1");
                String problem = listingProblem(program, t.getValue());
                if (problem != null) {
                    errors.error(pointer, problem);
                }
            }
        }
        errors.check();
        BountyProgram p = Objects.requireNonNull(program);
        Optional<BugcrowdRows.Program> old = rows.program(code);
        figures.linksChanged();
        rows.saveProgram(new BugcrowdRows.Program(
                code,
                p.id(),
                p.partner().value(),
                JsonMapper.shared().writeValueAsString(targets),
                null,
                old.map(BugcrowdRows.Program::createdAt).orElse(Timestamps.utc(clock.instant())),
                old.map(BugcrowdRows.Program::createdBy).orElse(by.id())));
        audit.record(
                by,
                old.isEmpty() ? "BUGCROWD_PROGRAM_LINKED" : "BUGCROWD_PROGRAM_CHANGED",
                "integration",
                "bugcrowd:" + code,
                p.partner(),
                Map.of("program", p.id(), "targets", targets));
        return connections.status().programs().stream()
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    /** Unlinks a program; its tickets stay, and no pull touches them any more. */
    @Transactional
    public void unlink(String code, Actor by) {
        BugcrowdRows.Program p =
                rows.program(code).orElseThrow(() -> new NotFoundException("No Bugcrowd program '" + code + "'"));
        rows.deleteProgram(code);
        figures.linksChanged();
        audit.record(
                by,
                "BUGCROWD_PROGRAM_UNLINKED",
                "integration",
                "bugcrowd:" + code,
                new dev.warden.core.catalog.PartnerId(p.partnerId()),
                Map.of("program", p.programId()));
    }

    /**
     * The listing a target's submissions are against: the one it is mapped to, else the one for every
     * other target, else the program's only listing when it covers one app with one listing.
     */
    Optional<Listing> listingOf(BugcrowdRows.Program link, @Nullable String target) {
        Map<String, String> targets = BugcrowdConnections.targets(link.targets());
        String mapped = target == null ? null : targets.get(target);
        if (mapped == null) {
            mapped = targets.get(ANY_TARGET);
        }
        if (mapped != null) {
            return Listing.parse(mapped);
        }
        BountyProgram program =
                programs.find(link.programId()).map(v -> v.value()).orElse(null);
        if (program == null || program.apps().size() != 1) {
            return Optional.empty();
        }
        AppKey only = program.apps().get(0);
        List<Hosting> hostings = apps.find(only).map(v -> v.value()).stream()
                .flatMap(a -> a.listings().stream())
                .map(dev.warden.core.catalog.Listing::hosting)
                .toList();
        return hostings.size() == 1 ? Optional.of(new Listing(only.value(), hostings.get(0))) : Optional.empty();
    }

    /** An app's listing, written {@code app-key/CLOUD}. */
    record Listing(String app, Hosting hosting) {
        static Optional<Listing> parse(String text) {
            int slash = text.lastIndexOf('/');
            if (slash <= 0 || !AppKey.isValid(text.substring(0, slash))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Listing(text.substring(0, slash), Hosting.valueOf(text.substring(slash + 1))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private @Nullable String listingProblem(BountyProgram program, String text) {
        Optional<Listing> listing = Listing.parse(text);
        if (listing.isEmpty()) {
            return "is an app's listing, written app-key/CLOUD or app-key/DATA_CENTER";
        }
        AppKey key = AppKey.of(listing.get().app());
        if (!program.apps().contains(key)) {
            return "app '" + key.value() + "' is not covered by program " + program.id();
        }
        boolean listed = apps.find(key)
                .map(v -> v.value().listing(listing.get().hosting()).isPresent())
                .orElse(false);
        return listed
                ? null
                : "app '" + key.value() + "' has no " + listing.get().hosting() + " listing";
    }
}

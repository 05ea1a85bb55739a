package dev.warden.server.dependencies;

import dev.warden.scanner.Finding;
import dev.warden.scanner.Severity;
import dev.warden.scanner.sca.Advisory;
import dev.warden.scanner.sca.AdvisoryIndex;
import dev.warden.scanner.sca.AdvisorySources;
import dev.warden.scanner.sca.Component;
import dev.warden.scanner.sca.Ecosystem;
import dev.warden.scanner.sca.VulnerableDependencies;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The advisory database: imports OSV advisories (incrementally: a record replaces the one held only when
 * its modified date is later), and matches components against them.
 */
@Service
public class Advisories {
    /** Advisories written per transaction during an import. */
    private static final int BATCH = 500;

    private final AdvisoryRows rows;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    Advisories(
            AdvisoryRows rows,
            AuditTrail audit,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock) {
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** What an import read and changed. */
    public record Imported(
            int records,
            int added,
            int updated,
            int unchanged,
            int withdrawn,
            int otherEcosystems,
            List<String> errors) {
        public Imported {
            errors = List.copyOf(errors.subList(0, Math.min(errors.size(), 100)));
        }
    }

    /**
     * Imports the advisories under {@code path} (a record, a folder of them, or a zip), in batches, each
     * its own transaction; audited once. The changed packages' latest versions are matched again after.
     *
     * @param source how the import is named in its record (a file name, a configured folder)
     */
    public Imported importFrom(Path path, String source, Actor by) {
        Instant now = clock.instant();
        int[] counts = new int[4]; // added, updated, unchanged, withdrawn
        Set<String> packages = new HashSet<>();
        List<Advisory> batch = new ArrayList<>();
        AdvisorySources.Read read;
        try {
            read = AdvisorySources.read(path, a -> {
                batch.add(a);
                if (batch.size() >= BATCH) {
                    write(batch, counts, packages, now);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(batch, counts, packages, now);
        Imported imported = new Imported(
                read.records(), counts[0], counts[1], counts[2], counts[3], read.otherEcosystems(), read.errors());
        tx.executeWithoutResult(status -> {
            rows.imported(now, by.name(), source, read, counts[0], counts[1], counts[2], counts[3]);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", source);
            details.put("records", read.records());
            details.put("added", counts[0]);
            details.put("updated", counts[1]);
            details.put("unchanged", counts[2]);
            details.put("withdrawn", counts[3]);
            details.put("errors", read.errors().size());
            audit.record(by, "ADVISORIES_IMPORTED", "advisories", source, null, details);
            if (!packages.isEmpty()) {
                events.publishEvent(new AdvisoriesImported(packages)); // heard after this commits
            }
        });
        return imported;
    }

    private void write(List<Advisory> batch, int[] counts, Set<String> packages, Instant now) {
        if (batch.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            for (Advisory a : batch) {
                Optional<Instant> held = rows.modified(a.id());
                if (held.isPresent() && !a.modified().isAfter(held.get())) {
                    counts[2]++;
                    continue;
                }
                counts[held.isPresent() ? 1 : 0]++;
                if (a.withdrawn() != null) {
                    counts[3]++;
                }
                rows.put(a, now);
                for (Advisory.Affected affected : a.affected()) {
                    packages.add(affected.ecosystem().name() + ":"
                            + affected.ecosystem().key(affected.name()));
                }
            }
        });
        batch.clear();
    }

    /**
     * The vulnerable-dependency findings of the components, from {@code threshold} up: only the
     * advisories naming one of the components' packages are read.
     */
    public List<Finding> match(List<Component> components, Severity threshold) {
        if (components.isEmpty()) {
            return List.of();
        }
        Set<String> mavenNames = new HashSet<>();
        Set<String> mavenArtifacts = new HashSet<>();
        Set<String> npmNames = new HashSet<>();
        for (Component c : components) {
            String key = c.ecosystem().key(c.name());
            if (c.ecosystem() == Ecosystem.NPM) {
                npmNames.add(key);
            } else if (c.group() == null) {
                mavenArtifacts.add(key);
            } else {
                mavenNames.add(key);
            }
        }
        List<Advisory> candidates = rows.affecting(mavenNames, mavenArtifacts, npmNames);
        if (candidates.isEmpty()) {
            return List.of();
        }
        return VulnerableDependencies.findings(components, AdvisoryIndex.of(candidates), threshold);
    }

    /** A page of advisories. */
    public record Page(List<AdvisoryRows.Summary> items, long total) {}

    public Page list(@Nullable String q, int limit, long offset) {
        String query = q == null || q.isBlank() ? null : q.strip();
        return new Page(rows.list(query, limit, offset), rows.count(query));
    }

    /** One advisory's record as Warden keeps it (compact OSV JSON). */
    public Optional<String> record(String id) {
        return rows.record(id);
    }

    /** The latest imports, newest first. */
    public List<AdvisoryRows.Import> imports(int limit) {
        return rows.imports(limit);
    }
}

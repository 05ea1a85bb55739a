package dev.warden.server.snapshot;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.snapshot.Snapshot;
import dev.warden.core.snapshot.SnapshotChecks;
import dev.warden.core.snapshot.SnapshotStream;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.Texts;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.EnforcementHistory;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import dev.warden.server.tickets.ImportedKeys;
import dev.warden.server.tickets.TicketImports;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a document too large to hold in memory (a million tickets), reading it three times: once to
 * collect the partners, apps and obligation records and check them, once to check every ticket against
 * them, and once to write, the tickets a chunk at a time with their inserts batched. Everything is
 * written in one transaction, so the promise of the in-memory import holds: checked whole, then written
 * whole or not at all, and importing the same document twice changes nothing.
 *
 * <p>Unlike the in-memory import, objects are checked by binding them (types, required fields, value
 * formats) and by the document's consistency checks, not by the JSON schema as a whole, and a malformed
 * object stops the reading with its location. Errors are listed up to {@link #MAX_ERRORS}.
 */
@Service
class StreamedImport {
    static final int CHUNK = 1000;
    static final int MAX_ERRORS = 1000;
    private static final int PROGRESS_EVERY = 100_000;

    private final Partners partners;
    private final Apps apps;
    private final TicketImports ticketImports;
    private final ObligationFacts obligations;
    private final TransactionTemplate transactions;
    private final ImportStatistics statistics;
    private final EnforcementHistory history;
    private final ImportIndexes indexes;
    private final Clock clock;

    StreamedImport(
            Partners partners,
            Apps apps,
            TicketImports ticketImports,
            ObligationFacts obligations,
            PlatformTransactionManager transactionManager,
            ImportStatistics statistics,
            EnforcementHistory history,
            ImportIndexes indexes,
            Clock clock) {
        this.clock = clock;
        this.indexes = indexes;
        this.history = history;
        this.statistics = statistics;
        this.partners = partners;
        this.apps = apps;
        this.ticketImports = ticketImports;
        this.obligations = obligations;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** What the first reading collects: everything but the tickets. */
    private record Catalog(
            List<Partner> partners, List<App> apps, Obligations obligations, List<EnforcementCase> cases) {}

    /**
     * Imports {@code file}. {@code fileHeld}: the database is the embedded one and only this process uses
     * it, so its indexes may be set aside while the import writes ({@link ImportIndexes}).
     */
    ImportResult run(Path file, boolean dryRun, Actor actor, boolean fileHeld, Consumer<String> progress) {
        Catalog catalog = catalog(file);
        int tickets = checkTickets(file, catalog, progress);
        List<String> setAside = fileHeld ? indexes.setAsideFor(tickets, progress) : List.of();
        try {
            return write(file, catalog, dryRun, actor, progress);
        } finally {
            indexes.restore(setAside, progress);
        }
    }

    private ImportResult write(Path file, Catalog catalog, boolean dryRun, Actor actor, Consumer<String> progress) {
        ImportResult result = transactions.execute(tx -> {
            Map<Change, Integer> partnerChanges = ImportResult.Counts.tally();
            for (Partner partner : catalog.partners()) {
                partnerChanges.merge(partners.upsert(partner, actor), 1, Integer::sum);
            }
            Map<Change, Integer> appChanges = ImportResult.Counts.tally();
            for (App app : catalog.apps()) {
                appChanges.merge(apps.upsert(app, actor), 1, Integer::sum);
            }
            Map<Change, Integer> ticketChanges = writeTickets(file, ticketImports.keys(), actor, progress);
            Map<Change, Integer> obligationChanges = ImportResult.Counts.tally();
            for (Object record : Snapshots.records(catalog.obligations())) {
                obligationChanges.merge(obligations.upsert(record, actor), 1, Integer::sum);
            }
            Map<Change, Integer> caseChanges = Snapshots.importCases(history, catalog.cases(), actor);
            if (dryRun) {
                tx.setRollbackOnly();
            }
            ImportResult counted = new ImportResult(
                    dryRun,
                    ImportResult.Counts.of(partnerChanges),
                    ImportResult.Counts.of(appChanges),
                    ImportResult.Counts.of(ticketChanges),
                    ImportResult.Counts.of(obligationChanges),
                    ImportResult.Counts.of(caseChanges));
            statistics.onCommit(counted);
            return counted;
        });
        return Objects.requireNonNull(result);
    }

    private static Catalog catalog(Path file) {
        List<Partner> partners = new ArrayList<>();
        List<App> apps = new ArrayList<>();
        Obligations.Collector records = new Obligations.Collector();
        List<EnforcementCase> cases = new ArrayList<>();
        read(file, new SnapshotStream.Handler() {
            @Override
            public void partner(Partner partner) {
                partners.add(partner);
            }

            @Override
            public void app(App app) {
                apps.add(app);
            }

            @Override
            public void obligation(Object record) {
                records.add(record);
            }

            @Override
            public void enforcementCase(EnforcementCase enforcementCase) {
                cases.add(enforcementCase);
            }
        });
        return new Catalog(partners, apps, records.build(), cases);
    }

    /** Checks every ticket against the catalog; how many there are. */
    private int checkTickets(Path file, Catalog catalog, Consumer<String> progress) {
        // The catalog's own checks, on a document of everything but the tickets, in document order (the
        // errors point at indexes in the file).
        Obligations o = catalog.obligations();
        Snapshot withoutTickets = new Snapshot(
                Snapshot.FORMAT,
                null,
                catalog.partners(),
                catalog.apps(),
                List.of(),
                o.incidents(),
                o.programs(),
                o.verifications(),
                o.entityChanges(),
                o.tokenUse(),
                o.scanFindings(),
                o.incidentProcesses(),
                o.badgeAwards(),
                o.privacyDeclarations(),
                o.scopeReviews(),
                catalog.cases());
        List<FieldError> errors = new ArrayList<>(Texts.check(withoutTickets, ""));
        errors.addAll(SnapshotChecks.check(withoutTickets, apps.known()));
        SnapshotChecks.TicketChecks checks = new SnapshotChecks.TicketChecks(catalog.apps(), apps.known());
        int[] index = {0};
        int[] more = {0};
        Instant now = clock.instant();
        read(file, new SnapshotStream.Handler() {
            @Override
            public void ticket(Ticket ticket) {
                int i = index[0]++;
                List<FieldError> found = new ArrayList<>(Texts.check(ticket, "/tickets/" + i));
                checks.check(i, ticket, found);
                FutureEvents.check(i, ticket, now, found);
                for (FieldError e : found) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(e);
                    } else {
                        more[0]++;
                    }
                }
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    progress.accept("checked " + (i + 1) + " tickets");
                }
            }
        });
        if (!errors.isEmpty()) {
            List<FieldError> listed =
                    new ArrayList<>(errors.stream().sorted(FieldError.ORDER).toList());
            if (more[0] > 0) {
                listed.add(new FieldError("/tickets", more[0] + " more error(s) not listed"));
            }
            throw new InvalidInputException("the snapshot is inconsistent", listed);
        }
        return index[0];
    }

    private Map<Change, Integer> writeTickets(
            Path file, ImportedKeys existing, Actor actor, Consumer<String> progress) {
        Map<Change, Integer> tally = ImportResult.Counts.tally();
        List<Ticket> chunk = new ArrayList<>(CHUNK);
        int[] written = {0};
        Runnable flush = () -> {
            ticketImports
                    .upsertAll(chunk, existing, actor)
                    .forEach((change, n) -> tally.merge(change, n, Integer::sum));
            written[0] += chunk.size();
            if (written[0] % PROGRESS_EVERY < chunk.size()) {
                progress.accept("written " + written[0] + " tickets");
            }
            chunk.clear();
        };
        read(file, new SnapshotStream.Handler() {
            @Override
            public void ticket(Ticket ticket) {
                chunk.add(ticket);
                if (chunk.size() == CHUNK) {
                    flush.run();
                }
            }
        });
        if (!chunk.isEmpty()) {
            flush.run();
        }
        return tally;
    }

    private static void read(Path file, SnapshotStream.Handler handler) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            SnapshotStream.read(in, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

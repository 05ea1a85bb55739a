package dev.warden.server.snapshot;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.snapshot.Snapshot;
import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.Texts;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.EnforcementHistory;
import dev.warden.server.identity.ActorNames;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import dev.warden.server.tickets.ImportedKeys;
import dev.warden.server.tickets.TicketImports;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Exports the marketplace as a snapshot, and imports one: checked whole, then written whole or not at all. */
@Service
public class Snapshots {
    private final Partners partners;
    private final Apps apps;
    private final Tickets tickets;
    private final TicketImports ticketImports;
    private final dev.warden.server.tickets.TicketDetails ticketDetails;
    private final ActorNames actorNames;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ObligationFacts obligations;
    private final ImportStatistics statistics;
    private final StreamedImport streamed;
    private final EnforcementHistory history;

    Snapshots(
            Partners partners,
            Apps apps,
            Tickets tickets,
            TicketImports ticketImports,
            dev.warden.server.tickets.TicketDetails ticketDetails,
            ActorNames actorNames,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ObligationFacts obligations,
            ImportStatistics statistics,
            StreamedImport streamed,
            EnforcementHistory history) {
        this.history = history;
        this.streamed = streamed;
        this.obligations = obligations;
        this.statistics = statistics;
        this.partners = partners;
        this.apps = apps;
        this.tickets = tickets;
        this.ticketImports = ticketImports;
        this.ticketDetails = ticketDetails;
        this.actorNames = actorNames;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The marketplace as a canonical document; a partner's actor gets only its own partner and apps. */
    public byte[] export(Actor actor) {
        Snapshot snapshot = transactions.execute(tx -> {
            List<Ticket> all = new ArrayList<>();
            PartnerId partner = actor.partner();
            Map<String, Ticket.Details> described = ticketDetails.forExport();
            // A partner's export names the operator's people and clients as the ticket API does.
            tickets.forEach(
                    partner,
                    t -> all.add((partner == null
                                    ? t
                                    : new Ticket(
                                            t.key(),
                                            t.type(),
                                            t.app(),
                                            t.hosting(),
                                            t.title(),
                                            actorNames.shownTo(partner, t.events())))
                            .withDetails(described.get(t.key().value()))));
            Snapshot facts = Snapshot.of(
                    clock.instant(),
                    partners.all().stream().filter(p -> actor.canSee(p.id())).toList(),
                    apps.all().stream().filter(a -> actor.canSee(a.partner())).toList(),
                    all,
                    obligations.of(actor.partner()));
            // The operator's export carries the enforcement history; a partner's does not (proposals,
            // votes and outreach notes are the operator's; the partner sees its actions in the portal).
            return partner == null ? facts.withCases(history.all()) : facts;
        });
        return SnapshotCodec.write(java.util.Objects.requireNonNull(snapshot));
    }

    /**
     * Adds the document's enforcement cases, in its order, after everything they refer to; only the
     * operator imports history.
     */
    static Map<Change, Integer> importCases(EnforcementHistory history, List<EnforcementCase> cases, Actor actor) {
        Map<Change, Integer> tally = ImportResult.Counts.tally();
        if (!cases.isEmpty() && actor.partner() != null) {
            throw new InvalidInputException(
                    "/enforcementCases", "enforcement history is imported by the operator, not by a partner");
        }
        for (int i = 0; i < cases.size(); i++) {
            tally.merge(history.upsert(cases.get(i), "/enforcementCases/" + i, actor), 1, Integer::sum);
        }
        return tally;
    }

    /** The records in the order an import writes them. */
    static List<Object> records(Obligations records) {
        List<Object> all = new ArrayList<>();
        all.addAll(records.incidents());
        all.addAll(records.programs());
        all.addAll(records.verifications());
        all.addAll(records.entityChanges());
        all.addAll(records.tokenUse());
        all.addAll(records.scanFindings());
        all.addAll(records.incidentProcesses());
        all.addAll(records.badgeAwards());
        all.addAll(records.privacyDeclarations());
        all.addAll(records.scopeReviews());
        return all;
    }

    /**
     * Imports a document: objects in it are created or replaced, objects not in it are left alone, and
     * importing the same document twice changes nothing. On a dry run nothing is written.
     *
     * @throws dev.warden.core.validation.InvalidInputException listing every error, having written nothing
     */
    public ImportResult importDocument(byte[] json, boolean dryRun, Actor actor) {
        ImportResult result = transactions.execute(tx -> {
            Snapshot snapshot = SnapshotCodec.read(json, apps.known());
            List<FieldError> badText = Texts.check(snapshot, "");
            if (!badText.isEmpty()) {
                throw new InvalidInputException("the snapshot holds text Warden cannot store", badText);
            }
            List<FieldError> future = new java.util.ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < snapshot.tickets().size(); i++) {
                FutureEvents.check(i, snapshot.tickets().get(i), now, future);
            }
            if (!future.isEmpty()) {
                throw new InvalidInputException("the snapshot has ticket events dated after now", future);
            }
            Map<Change, Integer> partnerChanges = ImportResult.Counts.tally();
            for (Partner partner : snapshot.partners()) {
                partnerChanges.merge(partners.upsert(partner, actor), 1, Integer::sum);
            }
            Map<Change, Integer> appChanges = ImportResult.Counts.tally();
            for (App app : snapshot.apps()) {
                appChanges.merge(apps.upsert(app, actor), 1, Integer::sum);
            }
            Map<Change, Integer> ticketChanges = ImportResult.Counts.tally();
            List<Ticket> all = snapshot.tickets();
            ImportedKeys existing = ticketImports.keys();
            for (int from = 0; from < all.size(); from += StreamedImport.CHUNK) {
                ticketImports
                        .upsertAll(
                                all.subList(from, Math.min(all.size(), from + StreamedImport.CHUNK)), existing, actor)
                        .forEach((change, n) -> ticketChanges.merge(change, n, Integer::sum));
            }
            Map<Change, Integer> obligationChanges = ImportResult.Counts.tally();
            for (Object record : records(snapshot.obligations())) {
                obligationChanges.merge(obligations.upsert(record, actor), 1, Integer::sum);
            }
            Map<Change, Integer> caseChanges = importCases(history, snapshot.enforcementCases(), actor);
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
        return java.util.Objects.requireNonNull(result);
    }

    /**
     * Imports a document from a file: one up to {@code streamAbove} bytes as {@link #importDocument}
     * does, checked against the schema with every error listed; a larger one streamed (see {@link
     * StreamedImport}), in memory that does not grow with its size. {@code fileHeld}: the database is the
     * embedded one and no other process uses it (see {@link ImportIndexes}). {@code progress} hears how a
     * long import is going.
     *
     * @throws InvalidInputException listing the errors, having written nothing
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public ImportResult importFile(
            java.nio.file.Path file,
            long streamAbove,
            boolean dryRun,
            Actor actor,
            boolean fileHeld,
            Consumer<String> progress) {
        long size;
        try {
            size = java.nio.file.Files.size(file);
            if (size <= streamAbove) {
                return importDocument(java.nio.file.Files.readAllBytes(file), dryRun, actor);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        progress.accept("streaming " + size + " bytes: checking, then writing");
        return streamed.run(file, dryRun, actor, fileHeld, progress);
    }
}

package dev.warden.server.tickets;

import dev.warden.core.catalog.App;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Change;
import dev.warden.server.shared.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets from a snapshot: created, replaced by a newer history, or left untouched when identical.
 * A ticket's identity (app, listing, type, title) never changes, and a breach Warden recorded stays.
 */
@Service
public class TicketImports {
    private final TicketRows rows;
    private final TicketBatchRows batches;
    private final Policies policies;
    private final Tickets tickets;
    private final Apps apps;
    private final AuditTrail audit;
    private final Clock clock;
    private final TicketOverview overview;
    private final TicketDetailRows details;

    TicketImports(
            TicketRows rows,
            TicketBatchRows batches,
            Tickets tickets,
            Policies policies,
            Apps apps,
            AuditTrail audit,
            Clock clock,
            TicketOverview overview,
            TicketDetailRows details) {
        this.overview = overview;
        this.details = details;
        this.rows = rows;
        this.policies = policies;
        this.batches = batches;
        this.tickets = tickets;
        this.apps = apps;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The keys of the tickets held now: what an import, which never has a key twice, passes to {@link
     * #upsertAll} to tell its new tickets from the ones to replace.
     */
    @Transactional(readOnly = true)
    public ImportedKeys keys() {
        return batches.keys();
    }

    /**
     * Creates or replaces many tickets, as {@link #upsert} does one by one, with the new ones inserted in
     * batches: what an import of a large snapshot does a chunk at a time. {@code existing} holds the
     * keys of the tickets that existed before the import began (see {@link #keys}).
     *
     * @return how many were created, updated and left unchanged
     */
    @Transactional
    public Map<Change, Integer> upsertAll(List<Ticket> documents, ImportedKeys existing, Actor by) {
        Map<Change, Integer> tally = new java.util.EnumMap<>(Change.class);
        Instant now = clock.instant();
        PolicyVersions versions = policies.inForce();
        List<TicketBatchRows.NewTicket> fresh = new ArrayList<>();
        for (Ticket document : documents) {
            if (existing.contains(document.key().value())) {
                tally.merge(upsert(document, by), 1, Integer::sum);
                continue;
            }
            App app = existing.apps.computeIfAbsent(
                    document.app(),
                    key -> apps.find(key)
                            .map(v -> v.value())
                            .orElseThrow(() -> new InvalidInputException("/app", "no app '" + key + "'")));
            fresh.add(new TicketBatchRows.NewTicket(
                    document,
                    app.partner(),
                    Tickets.state(document, versions, now),
                    existing.assignees.computeIfAbsent(app.partner(), tickets::assignees)));
        }
        if (!fresh.isEmpty()) {
            batches.insert(fresh, now);
            overview.forgetAfterCommit();
            for (TicketBatchRows.NewTicket t : fresh) {
                saveDetails(t.ticket(), by, now);
                imported(by, t.ticket(), t.partner());
            }
            tally.merge(Change.CREATED, fresh.size(), Integer::sum);
        }
        return tally;
    }

    /** Creates or replaces a ticket from a snapshot; an identical one is left untouched. */
    @Transactional
    public Change upsert(Ticket document, Actor by) {
        App app = apps.find(document.app())
                .map(v -> v.value())
                .orElseThrow(() -> new InvalidInputException("/app", "no app '" + document.app() + "'"));
        Instant now = clock.instant();
        Optional<TicketRows.Row> current = rows.find(document.key());
        if (current.isEmpty()) {
            rows.insert(document, app.partner(), tickets.state(document, now), tickets.assignees(app.partner()), now);
            saveDetails(document, by, now);
            imported(by, document, app.partner());
            return Change.CREATED;
        }
        Ticket existing = rows.ticket(current.get(), rows.events(document.key()))
                .withDetails(details.details(document.key().value()).orElse(null));
        Ticket ticket = keepingRecordedBreach(existing, document);
        if (ticket.details() == null) {
            // A document without details (one written before tickets had them) keeps Warden's.
            ticket = ticket.withDetails(existing.details());
        }
        if (existing.equals(ticket)) {
            return Change.UNCHANGED;
        }
        if (!java.util.Objects.equals(existing.details(), ticket.details())) {
            saveDetails(ticket, by, now);
        }
        if (existing.withDetails(null).equals(ticket.withDetails(null))) {
            imported(by, ticket, app.partner());
            return Change.UPDATED;
        }
        if (!existing.app().equals(ticket.app())
                || existing.hosting() != ticket.hosting()
                || existing.type() != ticket.type()
                || !existing.title().equals(ticket.title())) {
            throw new InvalidInputException(
                    "/tickets",
                    "ticket '" + ticket.key() + "' exists with another app, listing,"
                            + " type or title; a ticket's identity does not change");
        }
        rows.replaceEvents(ticket);
        if (!rows.project(ticket, tickets.state(ticket, now), current.get().version(), now)) {
            throw new ConflictException("Ticket '" + ticket.key() + "' was changed meanwhile");
        }
        imported(by, ticket, app.partner());
        return Change.UPDATED;
    }

    private void saveDetails(Ticket ticket, Actor by, Instant now) {
        Ticket.Details d = ticket.details();
        if (d != null) {
            details.save(ticket.key().value(), d.description(), d.cwe(), d.affectedVersions(), by.name(), now);
        }
    }

    private void imported(Actor by, Ticket ticket, dev.warden.core.catalog.PartnerId partner) {
        audit.record(
                by,
                "TICKET_IMPORTED",
                "ticket",
                ticket.key().value(),
                partner,
                Map.of("events", ticket.events().size(), "details", ticket.details() != null));
    }

    /**
     * A breach Warden recorded is a fact an import does not erase: an imported history without it gets
     * it back, in time order, so the breach is never recorded twice.
     */
    private static Ticket keepingRecordedBreach(Ticket existing, Ticket imported) {
        TicketEvent breach = existing.events().stream()
                .filter(e -> e instanceof TicketEvent.Breached)
                .findFirst()
                .orElse(null);
        if (breach == null || imported.events().stream().anyMatch(e -> e instanceof TicketEvent.Breached)) {
            return imported;
        }
        List<TicketEvent> merged = new ArrayList<>(imported.events());
        int at = merged.size();
        while (at > 1 && merged.get(at - 1).at().isAfter(breach.at())) {
            at--;
        }
        merged.add(at, breach);
        return new Ticket(
                imported.key(),
                imported.type(),
                imported.app(),
                imported.hosting(),
                imported.title(),
                merged,
                imported.details());
    }
}

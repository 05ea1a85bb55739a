package dev.warden.server.tickets;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.SecurityContact;
import dev.warden.core.cvss.InvalidCvssException;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.IllegalTransitionException;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketState;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.FieldException;
import dev.warden.core.validation.Fields;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.identity.ActorNames;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket tracker: report, act on, find and list tickets. Every change is an event appended to the
 * ticket's history, checked against its status, recorded on the audit trail, and followed by the
 * recomputed clock, all in one transaction.
 */
@Service
@Transactional
public class Tickets {
    private static final int CHUNK = 500;

    private final TicketRows rows;
    private final Apps apps;
    private final Partners partners;
    private final Policies policies;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ActorNames actorNames;

    Tickets(
            TicketRows rows,
            Apps apps,
            Partners partners,
            Policies policies,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock,
            ActorNames actorNames) {
        this.rows = rows;
        this.apps = apps;
        this.partners = partners;
        this.policies = policies;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.actorNames = actorNames;
    }

    /** Reports a new vulnerability and assigns it to the partner's security contacts. */
    public TicketView report(TicketRequests.Report request, Actor by) {
        return report(request, clock.instant(), by);
    }

    /**
     * Reported earlier elsewhere (a bug bounty platform): clocks and policy count from then, at most now
     * and at least when the first policy version took effect (no timeframe applies before it).
     */
    public TicketView reportedAt(TicketRequests.Report request, Instant at, Actor by) {
        Instant now = clock.instant();
        Instant first = policies.inForce().all().get(0).effectiveAt();
        return report(request, at.isAfter(now) ? now : at.isBefore(first) ? first : at, by);
    }

    private TicketView report(TicketRequests.Report request, Instant reportedAt, Actor by) {
        Fields checked = request.check();
        List<FieldError> errors = new ArrayList<>();
        App app = null;
        if (request.app() != null && AppKey.isValid(request.app())) {
            app = apps.find(AppKey.of(request.app()))
                    .map(v -> v.value())
                    .filter(a -> by.canSee(a.partner()))
                    .orElse(null);
            if (app == null) {
                errors.add(new FieldError("/app", "no app '" + request.app() + "'"));
            } else if (request.hosting() != null
                    && app.listing(request.hosting()).isEmpty()) {
                errors.add(
                        new FieldError("/hosting", "app '" + app.key() + "' has no " + request.hosting() + " listing"));
            }
        }
        // A vector or a score given (not both): try it, so its error is listed with the others.
        Instant now = clock.instant();
        TicketEvent.Reported reported = !request.scored()
                ? null
                : build(
                        "",
                        errors,
                        () -> new TicketEvent.Reported(
                                reportedAt, by.id(), request.cvss(), request.score(), request.note()));
        errors.forEach(e -> checked.error(e.pointer(), e.message()));
        checked.check();
        if (app == null || reported == null) {
            throw new IllegalStateException("a report checked without errors has an app and an event");
        }
        TicketKey key = TicketKey.numbered(rows.nextNumber());
        Ticket ticket = new Ticket(
                key,
                Objects.requireNonNull(request.type()),
                app.key(),
                Objects.requireNonNull(request.hosting()),
                Objects.requireNonNull(request.title()).trim(),
                List.of(reported));
        TicketState state = state(ticket, now);
        List<String> assignees = assignees(app.partner());
        rows.insert(ticket, app.partner(), state, assignees, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("severity", state.severity().name());
        details.put("dueAt", state.dueAt().toString());
        details.put("policyVersion", state.policyVersion());
        details.put("assignees", assignees);
        audit.record(by, "TICKET_REPORTED", "ticket", key.value(), app.partner(), details);
        events.publishEvent(new TicketChanged(key, app.partner(), "REPORTED"));
        return get(key, by);
    }

    /** A ticket with its history; another partner's ticket does not exist for a partner's actor. */
    @Transactional(readOnly = true)
    public TicketView get(TicketKey key, Actor actor) {
        TicketRows.Row row = visible(key, actor);
        return view(row, shownHistory(key, actor));
    }

    /** The history as the actor is shown it: to a partner, the operator's people are "operator". */
    private List<TicketEvent> shownHistory(TicketKey key, Actor actor) {
        PartnerId partner = actor.partner();
        List<TicketEvent> history = rows.events(key);
        return partner == null ? history : actorNames.shownTo(partner, history);
    }

    @Transactional(readOnly = true)
    public Optional<Ticket> find(TicketKey key) {
        return rows.find(key).map(r -> rows.ticket(r, rows.events(key)));
    }

    /** Calls {@code sink} with every ticket (of one partner, if given) with its history, in key order. */
    @Transactional(readOnly = true)
    public void forEach(@Nullable PartnerId partner, Consumer<Ticket> sink) {
        forEach(partner, null, sink);
    }

    /**
     * Calls {@code sink} with the partner's tickets that can count in {@link dev.warden.core.compliance.Breaches} as of {@code asOf},
     * with their histories, in key order: the open ones, and the closed ones due in the year before
     * (its SLA attainment). A closed ticket due earlier, or a closed duplicate, adds nothing, so the
     * breaches come out the same as from every ticket, and a marketplace's closed history is not read
     * on every evaluation. "Closed" and "due" are the stored state, as the lists and the breach job
     * read them.
     */
    @Transactional(readOnly = true)
    public void forEachThatCounts(PartnerId partner, Instant asOf, Consumer<Ticket> sink) {
        forEach(partner, asOf, sink);
    }

    private void forEach(@Nullable PartnerId partner, @Nullable Instant countingAsOf, Consumer<Ticket> sink) {
        String project = null;
        long number = 0;
        while (true) {
            List<Ticket> chunk = rows.withEvents(partner, countingAsOf, project, number, CHUNK);
            chunk.forEach(sink);
            if (chunk.size() < CHUNK) {
                return;
            }
            String last = chunk.get(chunk.size() - 1).key().value();
            project = last.substring(0, last.lastIndexOf('-'));
            number = Long.parseLong(last.substring(last.lastIndexOf('-') + 1));
        }
    }

    /** The partner (or the operator for it) accepts a bug bounty finding. */
    public TicketView triage(TicketKey key, TicketRequests.Note request, Actor by) {
        return append(key, by, now -> new TicketEvent.Triaged(now, by.id(), request.note()));
    }

    /** Triaged earlier elsewhere: recorded then, or at the last event if later (history in order), at most now. */
    public TicketView triagedAt(TicketKey key, TicketRequests.Note request, Instant at, Actor by) {
        Instant last = rows.events(key).stream()
                .map(TicketEvent::at)
                .max(Instant::compareTo)
                .orElse(at);
        Instant when = at.isBefore(last) ? last : at;
        return append(key, by, now -> new TicketEvent.Triaged(when.isAfter(now) ? now : when, by.id(), request.note()));
    }

    /** The operator reassesses the severity; the due date is recomputed from the same clock start. */
    public TicketView changeSeverity(TicketKey key, TicketRequests.Severity request, Actor by) {
        request.check();
        return append(
                key,
                by,
                now -> new TicketEvent.SeverityChanged(
                        now, by.id(), request.cvss(), request.score(), request.note() == null ? "" : request.note()));
    }

    /** The partner asks for more time: a reason the policy accepts, a plan and a new date within the limit. */
    public TicketView requestExtension(TicketKey key, TicketRequests.Extension request, Actor by) {
        request.check();
        List<FieldError> errors = new ArrayList<>();
        TicketView current = get(key, by);
        PolicyVersion policy = policies.inForce().byId(current.policyVersion()).orElseThrow();
        ExtensionReason reason = Objects.requireNonNull(request.reason());
        String plan = Objects.requireNonNull(request.plan());
        Instant proposed = Objects.requireNonNull(request.proposedDueAt());
        if (!policy.extensionReasons().contains(reason)) {
            errors.add(new FieldError("/reason", "is not a reason policy " + policy.id() + " accepts"));
        }
        TicketRequests.checkNewDueDate("/proposedDueAt", proposed, current, policy, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid extension request", errors);
        }
        return append(
                key,
                by,
                now -> new TicketEvent.ExtensionRequested(now, by.id(), reason, plan, proposed, request.note()));
    }

    /**
     * The operator grants the pending extension, at the proposed date unless another is given. The date
     * granted must still be after the current due date (which may have moved since the request, for
     * example when the severity was reassessed), and whoever filed the request does not grant it.
     */
    public TicketView approveExtension(TicketKey key, TicketRequests.Decision decision, Actor by) {
        TicketView current = get(key, by);
        decision.checkGrant(
                current, by, policies.inForce().byId(current.policyVersion()).orElseThrow());
        return append(
                key, by, now -> new TicketEvent.ExtensionApproved(now, by.id(), decision.dueAt(), decision.note()));
    }

    public TicketView denyExtension(TicketKey key, TicketRequests.Decision decision, Actor by) {
        String note = new TicketRequests.Note(decision.note()).required("why the extension is refused");
        return append(key, by, now -> new TicketEvent.ExtensionDenied(now, by.id(), note));
    }

    public TicketView waitingForRelease(TicketKey key, TicketRequests.Note request, Actor by) {
        return append(key, by, now -> new TicketEvent.WaitingForRelease(now, by.id(), request.note()));
    }

    public TicketView released(TicketKey key, TicketRequests.Note request, Actor by) {
        return append(key, by, now -> new TicketEvent.Released(now, by.id(), request.note()));
    }

    public TicketView verifyPatched(TicketKey key, TicketRequests.Note request, Actor by) {
        return append(key, by, now -> new TicketEvent.VerifiedPatched(now, by.id(), request.note()));
    }

    public TicketView markDuplicate(TicketKey key, TicketRequests.Duplicate request, Actor by) {
        if (request.of() == null
                || !TicketKey.isValid(request.of())
                || request.of().equals(key.value())) {
            throw new InvalidInputException("/of", "is required: the key of the ticket this one duplicates");
        }
        if (rows.find(TicketKey.of(request.of())).isEmpty()) {
            throw new InvalidInputException("/of", "no ticket '" + request.of() + "'");
        }
        return append(
                key,
                by,
                now -> new TicketEvent.MarkedDuplicate(
                        now, by.id(), TicketKey.of(Objects.requireNonNull(request.of())), request.note()));
    }

    public TicketView markNotApplicable(TicketKey key, TicketRequests.Note request, Actor by) {
        String note = request.required("why the finding does not apply");
        return append(key, by, now -> new TicketEvent.MarkedNotApplicable(now, by.id(), note));
    }

    public TicketView comment(TicketKey key, TicketRequests.Note request, Actor by) {
        String note = request.required("the comment");
        return append(key, by, now -> new TicketEvent.Commented(now, by.id(), note));
    }

    public TicketView reopen(TicketKey key, TicketRequests.Note request, Actor by) {
        String note = request.required("why the ticket is open again");
        return append(key, by, now -> new TicketEvent.Reopened(now, by.id(), note));
    }

    /** The clock as of now, under the versions in force. */
    TicketState state(Ticket ticket, Instant now) {
        return state(ticket, policies.inForce(), now);
    }

    static TicketState state(Ticket ticket, PolicyVersions versions, Instant now) {
        Instant last = ticket.events().get(ticket.events().size() - 1).at();
        return TicketClock.at(ticket, versions, last.isAfter(now) ? last : now).orElseThrow();
    }

    private interface EventAt {
        TicketEvent at(Instant now);
    }

    private TicketView append(TicketKey key, Actor by, EventAt make) {
        TicketRows.Row row = visible(key, by);
        List<TicketEvent> history = rows.events(key);
        Ticket ticket = rows.ticket(row, history);
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        TicketEvent event = build("", errors, () -> make.at(now));
        if (event == null) {
            throw new InvalidInputException("invalid action", errors);
        }
        Ticket next;
        try {
            next = ticket.with(event);
        } catch (IllegalTransitionException e) {
            throw new ConflictException(String.valueOf(e.getMessage()).replaceFirst("^event \\d+: ", ""));
        }
        rows.insertEvent(key, history.size(), event);
        TicketState state = state(next, now);
        if (!rows.project(next, state, row.version(), now)) {
            throw new ConflictException("Ticket '" + key + "' was changed meanwhile; fetch it again");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", row.status() + " -> " + state.status());
        details.put("dueAt", state.dueAt().toString());
        details.put("severity", state.severity().name());
        audit.record(by, "TICKET_" + event.name(), "ticket", key.value(), row.partner(), details);
        events.publishEvent(new TicketChanged(key, row.partner(), event.name()));
        return view(rows.find(key).orElseThrow(), shownHistory(key, by));
    }

    private TicketRows.Row visible(TicketKey key, Actor actor) {
        return rows.find(key)
                .filter(r -> actor.canSee(r.partner()))
                .orElseThrow(() -> new NotFoundException("No ticket '" + key + "'"));
    }

    List<String> assignees(PartnerId partnerId) {
        return partners.find(partnerId).map(v -> v.value()).map(Partner::securityContacts).orElse(List.of()).stream()
                .map(SecurityContact::email)
                .toList();
    }

    private TicketView view(TicketRows.Row r, @Nullable List<TicketEvent> history) {
        Instant now = clock.instant();
        TicketView view = TicketView.of(r, history, now);
        if (history == null || history.isEmpty()) {
            return view;
        }
        TicketState s = state(rows.ticket(r, history), now);
        Instant due = s.acknowledgeDueAt();
        return due == null
                ? view
                : view.with(new TicketView.Acknowledgement(due, s.acknowledgedAt(), s.acknowledgeOverdue()));
    }

    /** The partner acknowledges the ticket assigned to it; once, while it is open. */
    public TicketView acknowledge(TicketKey key, TicketRequests.Note request, Actor by) {
        TicketRows.Row row = visible(key, by);
        TicketState s = state(rows.ticket(row, rows.events(key)), clock.instant());
        if (s.acknowledgedAt() != null) {
            throw new ConflictException("Ticket '" + key + "' was acknowledged on " + s.acknowledgedAt());
        }
        return append(key, by, now -> new TicketEvent.Acknowledged(now, by.id(), request.note()));
    }

    private interface Maker<T> {
        T make();
    }

    // The request fields were checked; what the event's own constructor still refuses (a bad vector,
    // a score of 0.0, a note too long) becomes an error of the field it names.
    private static <T> @Nullable T build(String base, List<FieldError> errors, Maker<T> maker) {
        try {
            return maker.make();
        } catch (InvalidCvssException e) {
            errors.add(new FieldError(base + "/cvss", String.valueOf(e.getMessage())));
        } catch (FieldException e) {
            errors.add(e.at(base));
        }
        return null;
    }
}

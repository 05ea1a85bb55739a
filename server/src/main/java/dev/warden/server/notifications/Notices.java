package dev.warden.server.notifications;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.server.enforcement.ActionApplied;
import dev.warden.server.enforcement.AppealChanged;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.Paging;
import dev.warden.server.tickets.TicketBreached;
import dev.warden.server.tickets.TicketChanged;
import dev.warden.server.tickets.TicketLists;
import dev.warden.server.tickets.TicketQuery;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the partner's security contacts are told, queued in the transaction of what happened: a ticket
 * assigned, its due date coming (each of the policy's reminder days, once), a missed due date, and an
 * enforcement action applied or lifted (a warning with its window). These are mandatory security
 * notices: there is no setting that turns them off.
 */
@Component
class Notices {
    private static final Actor NOTIFIER = Actor.system("notifications");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Notices.class);
    private static final DateTimeFormatter WHEN = Mailer.WHEN;

    private final Mailer mailer;
    private final Tickets tickets;
    private final TicketLists ticketLists;
    private final Policies policies;
    private final Clock clock;
    private final String base;
    private final TransactionTemplate ownTransaction;

    Notices(
            Mailer mailer,
            Tickets tickets,
            TicketLists ticketLists,
            Policies policies,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.mailer = mailer;
        this.tickets = tickets;
        this.ticketLists = ticketLists;
        this.policies = policies;
        this.clock = clock;
        this.base = mailer.base();
        this.ownTransaction = new TransactionTemplate(transactions);
    }

    @EventListener
    void ticketChanged(TicketChanged changed) {
        if (!changed.event().equals("REPORTED")) {
            return;
        }
        TicketView t = tickets.get(changed.key(), NOTIFIER);
        long days = Duration.between(clock.instant(), t.dueAt()).toDays();
        Map<String, Object> values = ticketValues(t);
        values.put("days", days);
        mailer.announce("ticket.assigned", changed.partner(), "ticket-assigned:" + t.key(), ticketData(t));
        mailer.toPartner(
                "ticket-assigned:" + t.key(),
                "TICKET_ASSIGNED",
                changed.partner(),
                "[Warden] " + t.key() + " assigned to you: " + t.title(),
                "ticket-assigned",
                values,
                "/tickets/" + t.key());
    }

    /** An extension granted or denied: the partner hears the decision and the due date it leaves. */
    @EventListener
    void extensionDecided(TicketChanged changed) {
        boolean granted = changed.event().equals("EXTENSION_APPROVED");
        if (!granted && !changed.event().equals("EXTENSION_DENIED")) {
            return;
        }
        TicketView t = tickets.get(changed.key(), NOTIFIER);
        TicketEvent decision = latest(t, changed.event());
        String note = decision instanceof TicketEvent.ExtensionApproved a && a.note() != null
                ? a.note()
                : decision instanceof TicketEvent.ExtensionDenied d ? d.note() : "";
        Map<String, Object> values = ticketValues(t);
        values.put("granted", granted);
        values.put("note", note);
        String key = "extension-decided:" + t.key() + ":"
                + (t.events() == null ? 0 : t.events().size());
        Map<String, Object> data = ticketData(t);
        data.put("granted", granted);
        data.put("note", note);
        mailer.announce("ticket.extension_decided", changed.partner(), key, data);
        mailer.toPartner(
                key,
                granted ? "EXTENSION_GRANTED" : "EXTENSION_DENIED",
                changed.partner(),
                "[Warden] " + t.key() + ": extension "
                        + (granted ? "granted, due " + WHEN.format(t.dueAt()) : "denied"),
                "extension-decided",
                values,
                "/tickets/" + t.key());
    }

    /** The newest event of this kind in the ticket's history. */
    static @Nullable TicketEvent latest(TicketView t, String kind) {
        List<TicketEvent> history = t.events() == null ? List.of() : t.events();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).kind().name().equals(kind)) {
                return history.get(i);
            }
        }
        return null;
    }

    /** An appeal decided: the partner hears whether the action stays. */
    @EventListener
    void appealDecided(AppealChanged appeal) {
        if (appeal.status().equals("FILED")) {
            return;
        }
        boolean upheld = appeal.status().equals("UPHELD");
        Map<String, Object> values = new HashMap<>();
        values.put("upheld", upheld);
        values.put("action", appeal.action().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        values.put("actionId", appeal.actionId());
        values.put("text", appeal.text());
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("appeal", appeal.appealId());
        data.put("action", appeal.actionId());
        data.put("case", appeal.caseId());
        data.put("partner", appeal.partner().value());
        data.put("status", appeal.status());
        data.put("note", appeal.text());
        data.put("link", base + "/cases/" + appeal.caseId());
        mailer.announce("enforcement.appeal_decided", appeal.partner(), "appeal-decided:" + appeal.appealId(), data);
        mailer.toPartner(
                "appeal-decided:" + appeal.appealId(),
                upheld ? "APPEAL_UPHELD" : "APPEAL_DENIED",
                appeal.partner(),
                "[Warden] Appeal of action #" + appeal.actionId() + " " + (upheld ? "upheld" : "denied"),
                "appeal-decided",
                values,
                "/cases/" + appeal.caseId());
    }

    @EventListener
    void ticketBreached(TicketBreached breached) {
        if (breached.recordedLate()) {
            return; // old news (BreachRecorder): the ticket's history and lists show it
        }
        TicketView t = tickets.get(breached.key(), NOTIFIER);
        mailer.announce(
                "ticket.overdue",
                breached.partner(),
                "ticket-overdue:" + t.key() + ":" + breached.dueAt(),
                ticketData(t));
        mailer.toPartner(
                "ticket-overdue:" + t.key() + ":" + breached.dueAt(),
                "TICKET_OVERDUE",
                breached.partner(),
                "[Warden] " + t.key() + " is overdue: " + t.title(),
                "ticket-overdue",
                ticketValues(t),
                "/tickets/" + t.key());
    }

    @EventListener
    void actionApplied(ActionApplied a) {
        boolean warning = a.action().equals("WARNING");
        String what = a.action().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        Map<String, Object> values = new HashMap<>();
        values.put("lifted", a.lifted());
        values.put("warning", warning);
        values.put("action", what);
        values.put("subject", a.subject());
        values.put("rule", a.rule());
        values.put("reason", a.reason());
        values.put("windowEnds", a.windowEnds() == null ? "" : WHEN.format(a.windowEnds()));
        String subject = a.lifted()
                ? "[Warden] Lifted: " + what + " on " + a.subject()
                : warning
                        ? "[Warden] Warning: " + a.rule() + " on " + a.subject() + ", fix by "
                                + WHEN.format(java.util.Objects.requireNonNull(a.windowEnds()))
                        : "[Warden] Enforcement: " + what + " on " + a.subject() + " (" + a.rule() + ")";
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("action", a.actionId());
        data.put("kind", a.action());
        data.put("case", a.caseId());
        data.put("partner", a.partner().value());
        data.put("rule", a.rule());
        data.put("subject", a.subject());
        data.put("reason", a.reason());
        data.put("windowEnds", a.windowEnds() == null ? null : a.windowEnds().toString());
        data.put("at", a.at().toString());
        data.put("changes", a.changes());
        data.put("link", base + "/cases/" + a.caseId());
        mailer.announce(
                a.lifted() ? "enforcement.lifted" : warning ? "enforcement.warning" : "enforcement.applied",
                a.partner(),
                "action:" + a.actionId() + (a.lifted() ? ":lifted" : ":applied"),
                data);
        mailer.toPartner(
                "action:" + a.actionId() + (a.lifted() ? ":lifted" : ":applied"),
                a.lifted() ? "ACTION_LIFTED" : warning ? "WARNING" : "ACTION_APPLIED",
                a.partner(),
                subject,
                "action-applied",
                values,
                "/cases/" + a.caseId());
    }

    /**
     * Queues the reminders that are due: for each open ticket, each of the policy's reminder days that
     * has been reached before the due date (14, 7 and 1 days before, by default), once. Returns how many
     * were queued. Each ticket's reminder is queued in a transaction of its own: one that fails (on
     * PostgreSQL a failed statement spoils the rest of its transaction) is logged and tried again on the
     * next run, and the others are queued all the same.
     */
    public int remind() {
        return remind(() -> false);
    }

    /**
     * Queues the reminders that are due, as {@link #remind()}, stopping between two tickets once {@code
     * stopping} says so (the server is shutting down): the next run queues the rest.
     */
    public int remind(BooleanSupplier stopping) {
        Instant now = clock.instant();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        List<Integer> days = policy.reminders().daysBeforeDue();
        int furthest = days.stream().mapToInt(Integer::intValue).max().orElse(0);
        int queued = 0;
        Exports.Pages<TicketView> pages = ticketLists.all(
                new TicketQuery(null, null, null, null, null, null, true, false, furthest, null, null, "dueAt"),
                NOTIFIER);
        for (int page = 0; ; page++) {
            List<TicketView> due = pages.page(new Paging(page, Paging.MAX_SIZE));
            for (TicketView t : due) {
                Duration left = Duration.between(now, t.dueAt());
                // The nearest reminder day reached: a ticket reported 5 days before its due date is
                // reminded once, at 1 day, not three times at once.
                int reached = days.stream()
                        .filter(d -> left.minusDays(d).compareTo(Duration.ZERO) <= 0)
                        .mapToInt(Integer::intValue)
                        .min()
                        .orElse(-1);
                if (reached < 0 || left.isNegative()) {
                    continue;
                }
                if (stopping.getAsBoolean()) {
                    return queued;
                }
                try {
                    Integer one = ownTransaction.execute(status -> remind(t, left, reached));
                    queued += one == null ? 0 : one;
                } catch (RuntimeException e) {
                    if (stopping.getAsBoolean()) {
                        log.info("due-date reminders were cut off by the server's shutdown ({})", e.toString());
                        return queued;
                    }
                    log.error("the due-date reminder of {} failed and is tried again on the next run", t.key(), e);
                }
            }
            if (due.size() < Paging.MAX_SIZE) {
                return queued;
            }
        }
    }

    private int remind(TicketView t, Duration left, int reached) {
        Map<String, Object> values = ticketValues(t);
        values.put("days", Math.max(1, left.toDays() + (left.toHoursPart() > 0 ? 1 : 0)));
        Map<String, Object> data = ticketData(t);
        data.put("reminderDay", reached);
        String key = "reminder:" + t.key() + ":" + t.dueAt() + ":" + reached;
        mailer.announce("ticket.due_soon", PartnerId.of(t.partner()), key, data);
        return mailer.toPartner(
                key,
                "TICKET_DUE_SOON",
                PartnerId.of(t.partner()),
                "[Warden] " + t.key() + " is due in " + values.get("days") + " day(s): " + t.title(),
                "ticket-due-soon",
                values,
                "/tickets/" + t.key());
    }

    /** A ticket as a webhook event carries it. */
    private Map<String, Object> ticketData(TicketView t) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("ticket", t.key());
        data.put("partner", t.partner());
        data.put("app", t.app());
        data.put("hosting", t.hosting().name());
        data.put("title", t.title());
        data.put("severity", t.severity().name());
        data.put("score", t.score());
        data.put("status", t.status().name());
        data.put("dueAt", t.dueAt().toString());
        data.put("link", base + "/tickets/" + t.key());
        return data;
    }

    private Map<String, Object> ticketValues(TicketView t) {
        Map<String, Object> values = new HashMap<>();
        values.put("t", t);
        values.put("app", t.app());
        values.put("due", WHEN.format(t.dueAt()));
        return values;
    }
}

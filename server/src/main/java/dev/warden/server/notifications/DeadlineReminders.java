package dev.warden.server.notifications;

import dev.warden.core.catalog.Partner;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.compliance.Facts;
import dev.warden.core.compliance.Rules;
import dev.warden.core.compliance.Violation;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.obligations.ObligationFacts;
import dev.warden.server.policy.Policies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders of the obligations' deadlines: an incident's next status update, remediation plan or review,
 * a verification to submit or answer, the bug bounty program to make public, the token migration to
 * finish. Warden judges each partner's facts as they are now and as they would be on each of the
 * policy's reminder days ahead if nothing changed (the rules are the same ones enforcement uses); a
 * violation that is not there now but would be then is a deadline coming, and the partner's security
 * contacts are told once per reminder day. Ticket due dates have their own reminders.
 *
 * <p>Each partner is reminded in a transaction of its own: a partner whose reminders fail (on PostgreSQL
 * one failed statement spoils the rest of its transaction) is logged and retried on the next run, and
 * neither stops the others nor takes back what they were sent.
 */
@Component
class DeadlineReminders {
    private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);
    private static final DateTimeFormatter WHEN = Mailer.WHEN;
    /** Rules about tickets' clocks, reminded by the ticket reminders. */
    private static final Set<String> TICKET_RULES = Set.of("VULN-OVERDUE", "VULN-TRIAGE-OVERDUE");

    private final Mailer mailer;
    private final Partners partners;
    private final Apps apps;
    private final ObligationFacts obligations;
    private final Policies policies;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    DeadlineReminders(
            Mailer mailer,
            Partners partners,
            Apps apps,
            ObligationFacts obligations,
            Policies policies,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.mailer = mailer;
        this.partners = partners;
        this.apps = apps;
        this.obligations = obligations;
        this.policies = policies;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
    }

    /** Queues the deadline reminders that came due; returns how many mails were queued. */
    public int remind() {
        return remind(() -> false);
    }

    /**
     * Queues the deadline reminders that came due, stopping between two partners once {@code stopping} says
     * so (the server is shutting down): the partners not reached are reminded by the next run. Returns how
     * many mails were queued.
     */
    public int remind(BooleanSupplier stopping) {
        Instant now = clock.instant();
        PolicyVersion policy = policies.inForce().inForceAt(now);
        List<Integer> days =
                policy.reminders().daysBeforeDue().stream().sorted().distinct().toList();
        int queued = 0;
        List<Partner> all = ownTransaction.execute(status -> partners.all());
        for (Partner partner : all == null ? List.<Partner>of() : all) {
            if (stopping.getAsBoolean()) {
                break;
            }
            try {
                Integer one = ownTransaction.execute(status -> remind(partner, policy, days, now));
                queued += one == null ? 0 : one;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    log.info(
                            "deadline reminders for partner {} were cut off by the server's shutdown ({})",
                            partner.id(),
                            e.toString());
                    break;
                }
                log.error(
                        "deadline reminders for partner {} failed and are tried again on the next run; "
                                + "the other partners are reminded all the same",
                        partner.id(),
                        e);
            }
        }
        return queued;
    }

    private int remind(Partner partner, PolicyVersion policy, List<Integer> days, Instant now) {
        var owned = apps.ofPartner(partner.id());
        var facts = obligations.of(partner.id());
        Set<String> current = new HashSet<>();
        for (Violation v : Rules.evaluate(new Facts(now, List.of(partner), owned, new Breaches(), facts), policy)) {
            current.add(v.rule() + "|" + v.subject().id());
        }
        Set<String> reminded = new HashSet<>();
        int queued = 0;
        for (int d : days) {
            Instant later = now.plus(Duration.ofDays(d));
            for (Violation v :
                    Rules.evaluate(new Facts(later, List.of(partner), owned, new Breaches(), facts), policy)) {
                String id = v.rule() + "|" + v.subject().id();
                Instant due = v.since();
                if (TICKET_RULES.contains(v.rule()) || current.contains(id) || !reminded.add(id) || due == null) {
                    continue;
                }
                // The nearest reminder day reached: a deadline 5 days away is reminded at 7, then at 1.
                String key = "deadline:" + partner.id().value() + ":" + id + ":" + due + ":" + d;
                Map<String, Object> values = new HashMap<>();
                values.put("days", d);
                values.put("rule", v.rule());
                values.put("subject", v.subject().id());
                values.put("due", WHEN.format(due));
                values.put("evidence", v.evidence());
                values.put("later", WHEN.format(later));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("partner", partner.id().value());
                data.put("rule", v.rule());
                data.put("subject", v.subject().id());
                data.put("dueAt", due.toString());
                data.put("reminderDay", d);
                data.put("evidence", v.evidence());
                mailer.announce("obligation.due_soon", partner.id(), key, data);
                queued += mailer.toPartner(
                        key,
                        "DEADLINE_SOON",
                        partner.id(),
                        "[Warden] Due by " + WHEN.format(due) + ": " + v.rule() + " on "
                                + v.subject().id(),
                        "deadline",
                        values,
                        "/");
            }
        }
        return queued;
    }
}

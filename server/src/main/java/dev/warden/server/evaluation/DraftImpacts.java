package dev.warden.server.evaluation;

import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketState;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.tickets.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a draft policy version would change on today's data: the "what if" of the API and the console. */
@Service
public class DraftImpacts {
    /** The first differences listed; the counts cover all. */
    static final int MAX_LISTED_CHANGES = 1000;

    private final Tickets tickets;
    private final Policies policies;

    DraftImpacts(Tickets tickets, Policies policies) {
        this.tickets = tickets;
        this.policies = policies;
    }

    /** One ticket whose clock a draft would change. */
    public record Difference(String key, Side before, Side after) {}

    /** A ticket's clock under one set of versions. */
    public record Side(String policyVersion, String severity, Instant dueAt, boolean overdue) {
        static Side of(TicketState s) {
            return new Side(s.policyVersion(), s.severity().name(), s.dueAt(), s.overdue());
        }
    }

    /** What a draft would change at an instant. */
    public record Impact(
            String draft,
            Instant asOf,
            int ticketsEvaluated,
            int changed,
            int becomeOverdue,
            int noLongerOverdue,
            List<Difference> tickets) {}

    /** Every ticket the actor may see whose version, severity, due date or overdue state the draft changes. */
    @Transactional(readOnly = true)
    public Impact impact(String draft, Instant at, Actor actor) {
        PolicyVersions current = policies.inForce();
        PolicyVersions withDraft = policies.withDraft(draft);
        List<Difference> differences = new ArrayList<>();
        int[] counts = new int[4];
        tickets.forEach(actor.partner(), ticket -> {
            TicketState before = TicketClock.at(ticket, current, at).orElse(null);
            TicketState after = TicketClock.at(ticket, withDraft, at).orElse(null);
            if (before == null || after == null) {
                return;
            }
            counts[0]++;
            Side b = Side.of(before);
            Side a = Side.of(after);
            if (!a.equals(b)) {
                counts[1]++;
                counts[2] += !b.overdue() && a.overdue() ? 1 : 0;
                counts[3] += b.overdue() && !a.overdue() ? 1 : 0;
                if (differences.size() < MAX_LISTED_CHANGES) {
                    differences.add(new Difference(ticket.key().value(), b, a));
                }
            }
        });
        return new Impact(draft, at, counts[0], counts[1], counts[2], counts[3], differences);
    }
}

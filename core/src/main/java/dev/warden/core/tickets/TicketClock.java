package dev.warden.core.tickets;

import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.ClockStart;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SLA clock (docs/policy sections 1 and 2), a pure function of a ticket's history, the policy
 * versions and an instant. Only events at or before the instant count, so the same function answers
 * "now", "on 1 March" and "under this draft".
 */
public final class TicketClock {
    private TicketClock() {}

    /** The ticket's state at {@code asOf}, or empty if it had not been reported by then. */
    public static Optional<TicketState> at(Ticket ticket, PolicyVersions versions, Instant asOf) {
        TicketEvent.Reported reported = ticket.reported();
        if (reported.at().isAfter(asOf)) {
            return Optional.empty();
        }
        Instant reportedAt = reported.at();
        // The timeframe is the one in force when the ticket was reported, whatever came later.
        PolicyVersion policy = versions.inForceAt(reportedAt);

        TicketStatus status = TicketEventType.initialStatus(ticket.type());
        double score = reported.baseScore();
        Instant triagedAt = null;
        Instant extendedDue = null;
        Instant pendingProposal = null;
        Instant acknowledgedAt = null;
        for (int i = 1; i < ticket.events().size(); i++) {
            TicketEvent event = ticket.events().get(i);
            if (event.at().isAfter(asOf)) {
                break;
            }
            status = event.apply(ticket.type(), status);
            if (acknowledgedAt == null && acknowledges(event.kind())) {
                acknowledgedAt = event.at();
            }
            if (event instanceof TicketEvent.Triaged && triagedAt == null) {
                triagedAt = event.at();
            } else if (event instanceof TicketEvent.SeverityChanged changed) {
                score = changed.baseScore();
                extendedDue = null; // a new severity recomputes the due date; earlier extensions lapse
            } else if (event instanceof TicketEvent.ExtensionRequested requested) {
                pendingProposal = requested.proposedDueAt();
            } else if (event instanceof TicketEvent.ExtensionApproved approved) {
                extendedDue = approved.dueAt() != null ? approved.dueAt() : pendingProposal;
                pendingProposal = null;
            } else if (event instanceof TicketEvent.ExtensionDenied) {
                pendingProposal = null;
            }
        }
        double finalScore = score;
        Severity severity = policy.severityOf(score)
                .orElseThrow(() -> new IllegalStateException("score " + finalScore + " has no severity"));

        Instant triageDueAt = null;
        Instant clockStart = reportedAt;
        if (ticket.type() == TicketType.BUG_BOUNTY) {
            triageDueAt = reportedAt.plus(policy.triageWindow());
            if (policy.triage().clockStart() == ClockStart.EARLIER_OF_TRIAGE_AND_WINDOW_END) {
                clockStart = triagedAt != null && triagedAt.isBefore(triageDueAt) ? triagedAt : triageDueAt;
            }
        }
        Instant dueAt =
                extendedDue != null ? extendedDue : clockStart.plus(policy.timeframe(severity, ticket.hosting()));
        boolean overdue = overdue(status, dueAt, asOf);
        boolean triageOverdue = triageOverdue(status, triageDueAt, asOf);
        Instant acknowledgeDueAt = policy.acknowledgementWindow()
                .map(a -> a.dueAt(ticket.type(), reportedAt))
                .orElse(null);
        boolean acknowledgeOverdue = acknowledgeDueAt != null
                && acknowledgedAt == null
                && !status.closed()
                && asOf.isAfter(acknowledgeDueAt);
        return Optional.of(new TicketState(
                ticket.key(),
                ticket.type(),
                ticket.app(),
                ticket.hosting(),
                severity,
                score,
                policy.id(),
                reportedAt,
                clockStart,
                dueAt,
                status,
                overdue,
                Duration.between(asOf, dueAt),
                breachAt(ticket, dueAt, asOf),
                triageDueAt,
                triageOverdue,
                status == TicketStatus.EXTENSION_REQUESTED,
                acknowledgeDueAt,
                acknowledgedAt,
                acknowledgeOverdue));
    }

    /** The partner's steps that acknowledge a ticket: saying so, triage, an extension request, a release. */
    static boolean acknowledges(TicketEventType kind) {
        return kind == TicketEventType.ACKNOWLEDGED
                || kind == TicketEventType.TRIAGED
                || kind == TicketEventType.EXTENSION_REQUESTED
                || kind == TicketEventType.WAITING_FOR_RELEASE
                || kind == TicketEventType.RELEASED;
    }

    /**
     * The first instant at or after {@code dueAt} (and not after {@code asOf}) when the ticket was open.
     * A ticket closed at the very instant it falls due is in time.
     */
    public static @Nullable Instant breachAt(Ticket ticket, Instant dueAt, Instant asOf) {
        if (!asOf.isAfter(dueAt)) {
            return null;
        }
        TicketStatus status = TicketEventType.initialStatus(ticket.type());
        int i = 1;
        for (; i < ticket.events().size() && !ticket.events().get(i).at().isAfter(dueAt); i++) {
            status = ticket.events().get(i).apply(ticket.type(), status);
        }
        if (!status.closed()) {
            return dueAt;
        }
        for (; i < ticket.events().size(); i++) {
            TicketEvent event = ticket.events().get(i);
            if (event.at().isAfter(asOf)) {
                return null;
            }
            status = event.apply(ticket.type(), status);
            if (!status.closed()) {
                return event.at();
            }
        }
        return null;
    }

    /**
     * Whether a ticket is overdue: not closed and past its due date. The one definition; the server's
     * queries filter by the same condition in SQL ({@code status not in closed and due_at < now}).
     */
    public static boolean overdue(TicketStatus status, Instant dueAt, Instant asOf) {
        return !status.closed() && asOf.isAfter(dueAt);
    }

    /** Whether a bug bounty ticket is still untriaged past its triage window. */
    public static boolean triageOverdue(TicketStatus status, @Nullable Instant triageDueAt, Instant asOf) {
        return triageDueAt != null && status == TicketStatus.NEEDS_TRIAGE && asOf.isAfter(triageDueAt);
    }
}

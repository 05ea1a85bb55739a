package dev.warden.server.tickets;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ticket as the API shows it: its facts, its clock as of the moment of the request, who it is
 * assigned to, and (for a single ticket) its whole history.
 *
 * @param secondsRemaining until the due date; negative once overdue
 */
public record TicketView(
        String key,
        TicketType type,
        String partner,
        String app,
        Hosting hosting,
        String title,
        TicketStatus status,
        Severity severity,
        double score,
        String policyVersion,
        Instant reportedAt,
        Instant clockStartAt,
        Instant dueAt,
        boolean overdue,
        long secondsRemaining,
        @Nullable Instant breachedAt,
        @Nullable Instant triageDueAt,
        boolean triageOverdue,
        List<String> assignees,
        int version,
        @Nullable List<TicketEvent> events,
        @Nullable Acknowledgement acknowledgement) {

    /**
     * When the partner is to acknowledge the ticket, and when it did (an acknowledgement, triage, an
     * extension request or a release); shown with the ticket's history, absent for a ticket reported under
     * a version without the window.
     */
    public record Acknowledgement(Instant dueAt, @Nullable Instant at, boolean overdue) {}

    /** This view with its acknowledgement. */
    TicketView with(@Nullable Acknowledgement ack) {
        return new TicketView(
                key,
                type,
                partner,
                app,
                hosting,
                title,
                status,
                severity,
                score,
                policyVersion,
                reportedAt,
                clockStartAt,
                dueAt,
                overdue,
                secondsRemaining,
                breachedAt,
                triageDueAt,
                triageOverdue,
                assignees,
                version,
                events,
                ack);
    }

    /** The extension request waiting for a decision: the newest request, if the ticket waits on one. */
    public TicketEvent.@Nullable ExtensionRequested pendingExtension() {
        if (status != TicketStatus.EXTENSION_REQUESTED || events == null) {
            return null;
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof TicketEvent.ExtensionRequested r) {
                return r;
            }
        }
        return null;
    }

    /** A stored ticket as of {@code now}; overdue as core decides it. */
    static TicketView of(TicketRows.Row r, @Nullable List<TicketEvent> history, Instant now) {
        Instant due = r.dueAt().toInstant();
        Instant triageDue = Timestamps.instant(r.triageDueAt());
        return new TicketView(
                r.ticketKey(),
                TicketType.valueOf(r.type()),
                r.partnerId(),
                r.appKey(),
                Hosting.valueOf(r.hosting()),
                r.title(),
                r.ticketStatus(),
                TicketRows.severity(r),
                r.score(),
                r.policyVersion(),
                r.reportedAt().toInstant(),
                r.clockStartAt().toInstant(),
                due,
                TicketClock.overdue(r.ticketStatus(), due, now),
                Duration.between(now, due).toSeconds(),
                Timestamps.instant(r.breachedAt()),
                triageDue,
                TicketClock.triageOverdue(r.ticketStatus(), triageDue, now),
                r.assigneeList(),
                r.version(),
                history,
                null);
    }
}

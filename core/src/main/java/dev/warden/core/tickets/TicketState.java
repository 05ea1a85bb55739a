package dev.warden.core.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's computed state at one instant, and the policy version it was computed under.
 *
 * @param clockStartAt when the remediation clock starts (for an untriaged bug bounty ticket, when it
 *     will start at the latest)
 * @param dueAt the due date: clock start plus the timeframe, or an approved extension
 * @param overdue open and past its due date at the instant
 * @param timeRemaining until the due date; negative once overdue
 * @param breachAt the first instant the ticket was open past its due date, if that has happened
 * @param triageDueAt for bug bounty tickets, the end of the triage window
 * @param triageOverdue an untriaged bug bounty ticket past its triage window
 * @param acknowledgeDueAt when the partner is to acknowledge it, under the version in force at the report;
 *     null where that version does not judge acknowledgement
 * @param acknowledgedAt when the partner acknowledged it (an acknowledgement, triage, an extension request,
 *     waiting for release or a release), if it has
 * @param acknowledgeOverdue open, not acknowledged and past {@code acknowledgeDueAt} at the instant
 */
public record TicketState(
        TicketKey key,
        TicketType type,
        AppKey app,
        Hosting hosting,
        Severity severity,
        double score,
        String policyVersion,
        Instant reportedAt,
        Instant clockStartAt,
        Instant dueAt,
        TicketStatus status,
        boolean overdue,
        Duration timeRemaining,
        @Nullable Instant breachAt,
        @Nullable Instant triageDueAt,
        boolean triageOverdue,
        boolean extensionPending,
        @Nullable Instant acknowledgeDueAt,
        @Nullable Instant acknowledgedAt,
        boolean acknowledgeOverdue) {}

package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;

/**
 * Published (in the proposing transaction) when an enforcement action was proposed and waits for its
 * approvers: what the operator's approvers must hear about.
 *
 * @param action the action's kind ({@code HIDE_LISTING}, ..., {@code LIFT})
 * @param origin how it came ({@code LADDER}, {@code ESCALATION}, {@code LIFT}, ...)
 */
public record ActionProposed(
        long actionId,
        long caseId,
        PartnerId partner,
        String action,
        String origin,
        String reason,
        int approvalsRequired,
        Instant at) {}

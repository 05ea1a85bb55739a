package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published (in the deciding transaction) when an enforcement action took effect or was lifted: what a
 * partner must be told.
 *
 * @param action the action's kind ({@code WARNING}, {@code HIDE_LISTING}, ...; {@code LIFT} for a lift)
 * @param rule the case's rule id
 * @param subject what the case is about (an app key, a listing, a partner id, a program)
 * @param windowEnds for a warning, the end of its remediation window
 * @param lifted true when the action was undone
 */
public record ActionApplied(
        long actionId,
        long caseId,
        PartnerId partner,
        String action,
        String rule,
        String subject,
        String reason,
        @Nullable Instant windowEnds,
        boolean lifted,
        Instant at) {}

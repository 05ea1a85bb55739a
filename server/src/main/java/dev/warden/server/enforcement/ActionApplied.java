package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.util.List;
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
 * @param changes what changed in the catalog, for the storefront to do the same
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
        Instant at,
        List<Change> changes) {

    public ActionApplied {
        changes = List.copyOf(changes);
    }

    /**
     * One change: a listing's state ({@code listing}, target {@code app/HOSTING}), an app's security
     * badges ({@code badges}, the badges in {@code from} when taken away, in {@code to} when given back),
     * the partner's status ({@code partner}) or a bug bounty program's ({@code program}).
     */
    public record Change(String kind, String target, String from, String to) {}
}

package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;

/**
 * Published (in the deciding transaction) when a partner appealed an action or an approver decided the
 * appeal.
 *
 * @param status {@code FILED}, {@code UPHELD} or {@code DENIED}
 * @param text the partner's grounds, or the approver's note (empty when none)
 */
public record AppealChanged(
        long appealId,
        long actionId,
        long caseId,
        PartnerId partner,
        String action,
        String status,
        String text,
        Instant at) {}

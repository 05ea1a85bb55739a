package dev.warden.core.enforcement;

import java.time.Instant;
import java.util.List;

/**
 * What reconciliation needs to know of a case that is not closed: its rule and subject (which make
 * its key), where it stands, when its violation began, what it last recorded, and its actions.
 *
 * @param subjectType {@code partner}, {@code app}, {@code listing} or {@code program}
 * @param severity the severity it last recorded, by name
 */
public record OpenCase(
        long id,
        String rule,
        String subjectType,
        String subjectId,
        CaseStatus status,
        Instant began,
        String severity,
        String evidence,
        String policyVersion,
        List<CaseAction> actions) {

    public OpenCase {
        actions = List.copyOf(actions);
    }

    /** The key that matches this case with a violation of the same rule by the same subject. */
    public String key() {
        return Reconciler.key(rule, subjectType, subjectId);
    }
}

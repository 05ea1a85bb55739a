package dev.warden.server.reviews;

import dev.warden.core.catalog.PartnerId;
import org.jspecify.annotations.Nullable;

/**
 * Published in the transaction of a submission's step: SUBMITTED, RESUBMITTED, CHANGES_REQUESTED,
 * REJECTED, APPROVED (and the others), with the step's note and the count of steps so far (which makes a
 * notice's key unique).
 */
public record SubmissionChanged(
        long id,
        PartnerId partner,
        String app,
        String version,
        String step,
        @Nullable String note,
        int steps) {}

package dev.warden.server.policy;

import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A policy version as Warden holds it: where it comes from, its state, and the parsed version. */
public record StoredPolicy(
        String id,
        Status status,
        PolicyVersion version,
        String document,
        @Nullable String createdBy,
        @Nullable Instant createdAt,
        @Nullable String publishedBy,
        @Nullable Instant publishedAt,
        int revision) {

    /** Where a version stands. */
    public enum Status {
        /** Shipped with Warden. */
        BUILT_IN,
        /** Published by an operator; immutable. */
        PUBLISHED,
        /** Being written; can be tried out, changed, published or deleted. */
        DRAFT
    }
}

package dev.warden.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters for reading the trail; null means "any".
 *
 * @param from only entries recorded at or after this instant
 * @param to only entries recorded before this instant
 */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String subjectType,
        @Nullable String subjectId,
        @Nullable String partner,
        @Nullable Instant from,
        @Nullable Instant to) {
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

    /** Any time. */
    public AuditQuery(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String subjectType,
            @Nullable String subjectId,
            @Nullable String partner) {
        this(actor, action, subjectType, subjectId, partner, null, null);
    }
}

package dev.warden.server.audit;

import org.jspecify.annotations.Nullable;

/** Filters for reading the trail; null means "any". */
public record AuditQuery(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String subjectType,
        @Nullable String subjectId,
        @Nullable String partner) {
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);
}

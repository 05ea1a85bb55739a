package dev.warden.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded change: who did what to which subject, when, with details, and its chain hashes. */
public record AuditEntry(
        long seq,
        Instant at,
        String actorKind,
        String actorId,
        String action,
        String subjectType,
        String subjectId,
        @Nullable String partner,
        String details,
        String prevHash,
        String hash) {}

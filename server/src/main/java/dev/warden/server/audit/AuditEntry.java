package dev.warden.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change: who did what to which subject, when, with details, and its chain hashes.
 *
 * @param scheme the hash scheme of {@code hash} (docs/security.md describes both)
 */
public record AuditEntry(
        long seq,
        int scheme,
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

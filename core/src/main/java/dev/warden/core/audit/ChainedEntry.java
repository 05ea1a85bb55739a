package dev.warden.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One audit entry as the chain sees it: its content, the previous entry's hash and its own. The
 * instant is kept to the millisecond, which every database stores exactly.
 */
public record ChainedEntry(
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
        String hash) {

    public ChainedEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
        if (!at.equals(at.truncatedTo(ChronoUnit.MILLIS))) {
            throw new IllegalArgumentException("audit instants are kept to the millisecond: " + at);
        }
    }

    /** The content that the hash covers, in a fixed order. */
    List<String> content() {
        List<String> fields = new ArrayList<>(
                List.of(Long.toString(seq), at.toString(), actorKind, actorId, action, subjectType, subjectId));
        fields.add(partner == null ? "" : partner);
        fields.add(details);
        fields.add(prevHash);
        return fields;
    }

    /** The hash this entry should carry, given its content and previous hash. */
    public String expectedHash() {
        return ChainHash.of(content());
    }
}

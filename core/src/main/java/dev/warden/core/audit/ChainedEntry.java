package dev.warden.core.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One audit entry as the chain sees it: its content, the previous entry's hash, its own, and the
 * {@link ChainHash scheme} that hash uses. Entries are recorded to the millisecond; whatever instant
 * is read back is hashed as it is, so a timestamp moved by a microsecond no longer matches its hash.
 */
public record ChainedEntry(
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
        String hash) {

    /** Instants in the canonical scheme: UTC, always nine fractional digits. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    public ChainedEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1");
        }
    }

    /** The same entry carrying {@code newHash}. */
    public ChainedEntry withHash(String newHash) {
        return new ChainedEntry(
                seq,
                scheme,
                at,
                actorKind,
                actorId,
                action,
                subjectType,
                subjectId,
                partner,
                details,
                prevHash,
                newHash);
    }

    /** The same entry carrying the hash its content calls for. */
    public ChainedEntry sealed() {
        return withHash(expectedHash());
    }

    /** Whether this entry's scheme is one this version of Warden knows. */
    public boolean knownScheme() {
        return scheme == ChainHash.LEGACY || scheme == ChainHash.CANONICAL;
    }

    /** The hash this entry should carry, given its content, previous hash and scheme. */
    public String expectedHash() {
        return switch (scheme) {
            case ChainHash.LEGACY -> {
                List<String> fields = new ArrayList<>(
                        List.of(Long.toString(seq), at.toString(), actorKind, actorId, action, subjectType, subjectId));
                fields.add(partner == null ? "" : partner);
                fields.add(details);
                fields.add(prevHash);
                yield ChainHash.of(fields);
            }
            case ChainHash.CANONICAL ->
                ChainHash.canonical(Arrays.asList(
                        Long.toString(seq),
                        INSTANT.format(at),
                        actorKind,
                        actorId,
                        action,
                        subjectType,
                        subjectId,
                        partner,
                        details,
                        prevHash));
            default -> throw new IllegalStateException("unknown hash scheme " + scheme);
        };
    }
}

package dev.warden.core.audit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks entries one after another, in sequence order: each must follow the previous without a gap,
 * name the previous hash, carry the hash of its own content, use a hash scheme no older than the
 * entry before it, and carry the hash every signed checkpoint recorded for it. Feed it in chunks of
 * any size.
 */
public final class ChainVerifier {
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final @Nullable Checkpoint latest;
    private long expectedSeq = 1;
    private String previousHash = ChainHash.GENESIS;
    private int previousScheme = ChainHash.LEGACY;
    private long checked;
    private @Nullable ChainCheck failure;

    /** A verifier of the chain alone, with no checkpoint to hold it to. */
    public ChainVerifier() {
        this(List.of());
    }

    /**
     * A verifier holding the chain to checkpoints whose signatures were already found good. Two
     * checkpoints of one entry that disagree cannot both be true; the later one is kept.
     */
    public ChainVerifier(Collection<Checkpoint> signed) {
        signed.stream().sorted(Comparator.comparing(Checkpoint::at)).forEach(c -> checkpoints.put(c.seq(), c));
        Map.Entry<Long, Checkpoint> last = checkpoints.lastEntry();
        this.latest = last == null ? null : last.getValue();
    }

    /** Checks the next entry; returns false once the chain is broken (later entries are not checked). */
    public boolean accept(ChainedEntry entry) {
        if (failure != null) {
            return false;
        }
        if (entry.seq() != expectedSeq) {
            return fail(expectedSeq, "entry " + expectedSeq + " is missing (the next entry is " + entry.seq() + ")");
        }
        if (!entry.knownScheme()) {
            return fail(entry.seq(), "its hash scheme " + entry.scheme() + " is unknown");
        }
        if (entry.scheme() < previousScheme) {
            return fail(entry.seq(), "it uses an older hash scheme than the entry before it");
        }
        if (!entry.prevHash().equals(previousHash)) {
            return fail(entry.seq(), "it does not name the previous entry's hash");
        }
        if (!entry.hash().equals(entry.expectedHash())) {
            return fail(entry.seq(), "its content does not match its hash (the entry was changed)");
        }
        Checkpoint checkpoint = checkpoints.get(entry.seq());
        if (checkpoint != null && !checkpoint.hash().equals(entry.hash())) {
            return fail(
                    entry.seq(),
                    "its hash differs from the signed checkpoint taken at " + checkpoint.at()
                            + " (the chain was rewritten from here or earlier)");
        }
        checked++;
        expectedSeq++;
        previousHash = entry.hash();
        previousScheme = entry.scheme();
        return true;
    }

    /**
     * The verdict, given the head the store recorded (last sequence number and hash); a head or a
     * signed checkpoint beyond the last entry means entries were removed from the end.
     */
    public ChainCheck result(long headSeq, String headHash) {
        if (failure != null) {
            return failure;
        }
        long last = expectedSeq - 1;
        if (latest != null && latest.seq() > last) {
            return ChainCheck.broken(
                    checked,
                    expectedSeq,
                    "entries " + expectedSeq + " to " + latest.seq()
                            + " were removed (the signed checkpoint taken at " + latest.at()
                            + " names entry " + latest.seq() + ")",
                    latest);
        }
        if (headSeq > last) {
            return ChainCheck.broken(
                    checked, expectedSeq, "entries " + expectedSeq + " to " + headSeq + " were removed", latest);
        }
        if (headSeq != last || !headHash.equals(previousHash)) {
            return ChainCheck.broken(
                    checked, last, "the recorded head (entry " + headSeq + ") does not match entry " + last, latest);
        }
        return ChainCheck.whole(checked, latest);
    }

    private boolean fail(long at, String problem) {
        failure = ChainCheck.broken(checked, at, problem, latest);
        return false;
    }
}

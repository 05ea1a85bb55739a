package dev.warden.core.audit;

import org.jspecify.annotations.Nullable;

/**
 * Checks entries one after another, in sequence order: each must follow the previous without a gap,
 * name the previous hash, and carry the hash of its own content. Feed it in chunks of any size.
 */
public final class ChainVerifier {
    private long expectedSeq = 1;
    private String previousHash = ChainHash.GENESIS;
    private long checked;
    private @Nullable ChainCheck failure;

    /** Checks the next entry; returns false once the chain is broken (later entries are not checked). */
    public boolean accept(ChainedEntry entry) {
        if (failure != null) {
            return false;
        }
        if (entry.seq() != expectedSeq) {
            return fail(expectedSeq, "entry " + expectedSeq + " is missing (the next entry is " + entry.seq() + ")");
        }
        if (!entry.prevHash().equals(previousHash)) {
            return fail(entry.seq(), "it does not name the previous entry's hash");
        }
        if (!entry.hash().equals(entry.expectedHash())) {
            return fail(entry.seq(), "its content does not match its hash (the entry was changed)");
        }
        checked++;
        expectedSeq++;
        previousHash = entry.hash();
        return true;
    }

    /**
     * The verdict, given the head the store recorded (last sequence number and hash); a head beyond
     * the last entry means entries were removed from the end.
     */
    public ChainCheck result(long headSeq, String headHash) {
        if (failure != null) {
            return failure;
        }
        long last = expectedSeq - 1;
        if (headSeq > last) {
            return ChainCheck.broken(
                    checked, expectedSeq, "entries " + expectedSeq + " to " + headSeq + " were removed");
        }
        if (headSeq != last || !headHash.equals(previousHash)) {
            return ChainCheck.broken(
                    checked, last, "the recorded head (entry " + headSeq + ") does not match entry " + last);
        }
        return ChainCheck.whole(checked);
    }

    private boolean fail(long at, String problem) {
        failure = ChainCheck.broken(checked, at, problem);
        return false;
    }
}

package dev.warden.core.audit;

import java.time.Instant;

/**
 * A record, kept outside the database and signed, that the chain's entry {@code seq} carried
 * {@code hash} at {@code at}. A chain that no longer reaches {@code seq}, or carries another hash
 * there, was shortened or rewritten after the checkpoint was taken.
 */
public record Checkpoint(long seq, String hash, Instant at) {
    public Checkpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint names an entry, from 1");
        }
    }
}

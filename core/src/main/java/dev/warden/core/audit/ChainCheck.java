package dev.warden.core.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking an audit chain: intact, or the first broken link and what is wrong there.
 *
 * @param intact whether every entry fits the chain and every signed checkpoint
 * @param checked how many entries were checked and found sound
 * @param brokenAt the sequence number of the first entry that does not fit, or null when intact
 * @param problem what is wrong at that entry, or null when intact
 * @param checkpointSeq the entry named by the latest signed checkpoint checked, or null when there was
 *     none; entries after it are protected by the chain alone
 * @param checkpointAt when that checkpoint was taken, or null
 */
public record ChainCheck(
        boolean intact,
        long checked,
        @Nullable Long brokenAt,
        @Nullable String problem,
        @Nullable Long checkpointSeq,
        @Nullable Instant checkpointAt) {

    public static ChainCheck whole(long checked, @Nullable Checkpoint latest) {
        return new ChainCheck(
                true, checked, null, null, latest == null ? null : latest.seq(), latest == null ? null : latest.at());
    }

    public static ChainCheck broken(long checked, long at, String problem, @Nullable Checkpoint latest) {
        return new ChainCheck(
                false, checked, at, problem, latest == null ? null : latest.seq(), latest == null ? null : latest.at());
    }
}

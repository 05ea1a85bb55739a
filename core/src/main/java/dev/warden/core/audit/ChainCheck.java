package dev.warden.core.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking an audit chain: intact, or the first broken link and what is wrong there.
 *
 * @param intact whether every entry fits the chain
 * @param checked how many entries were checked and found sound
 * @param brokenAt the sequence number of the first entry that does not fit, or null when intact
 * @param problem what is wrong at that entry, or null when intact
 */
public record ChainCheck(
        boolean intact,
        long checked,
        @Nullable Long brokenAt,
        @Nullable String problem) {

    public static ChainCheck whole(long checked) {
        return new ChainCheck(true, checked, null, null);
    }

    public static ChainCheck broken(long checked, long at, String problem) {
        return new ChainCheck(false, checked, at, problem);
    }
}

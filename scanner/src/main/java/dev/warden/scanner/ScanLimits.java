package dev.warden.scanner;

/**
 * Bounds on what a scan expands, because every uploaded artifact is treated as hostile (zip bombs,
 * deeply nested archives, archives of millions of empty entries).
 *
 * @param maxTotalBytes bytes expanded from archives in the whole scan
 * @param maxEntryBytes bytes of one file (on disk or in an archive) that are read
 * @param maxRatio how many times larger than its compressed size an archive entry may expand
 * @param maxEntries archive entries in the whole scan
 * @param maxDepth how many archives deep the scan opens nested archives (an archive in a folder is 1)
 * @param memoryBytes what all threads together may hold of large entries (over 8 MiB) at once; each
 *     counts twice its size (its bytes and its text). Default: half the JVM's maximum heap
 */
public record ScanLimits(
        long maxTotalBytes, long maxEntryBytes, int maxRatio, int maxEntries, int maxDepth, long memoryBytes) {
    /** Generous for real artifacts, small enough that a bomb stops within seconds. */
    public static final ScanLimits DEFAULTS = new ScanLimits(4L << 30, 256L << 20, 200, 500_000, 6);

    public ScanLimits {
        if (maxTotalBytes < 1
                || maxEntryBytes < 1
                || maxRatio < 1
                || maxEntries < 1
                || maxDepth < 0
                || memoryBytes < 1) {
            throw new IllegalArgumentException("scan limits must be positive (depth may be 0)");
        }
    }

    /** With the default memory budget: half the JVM's maximum heap. */
    public ScanLimits(long maxTotalBytes, long maxEntryBytes, int maxRatio, int maxEntries, int maxDepth) {
        this(maxTotalBytes, maxEntryBytes, maxRatio, maxEntries, maxDepth, defaultMemory());
    }

    /** Half the JVM's maximum heap (1 GiB of a 2 GiB heap). */
    public static long defaultMemory() {
        return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 2);
    }
}

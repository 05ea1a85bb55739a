package dev.warden.scanner;

/**
 * Bytes that the scanning threads together may hold for large entries. A thread about to hold a large
 * entry waits until the budget has room; a thread already holding some (an archive inside an archive)
 * never waits, so threads cannot wait on each other in a circle. Waiting changes when an entry is read,
 * never what is read: reports stay the same. A single entry larger than the whole budget is read when
 * nothing else is held.
 */
final class MemoryBudget {
    /** Entries up to this size are not counted: small, many, and cheap. */
    static final long SMALL = 8L << 20;

    private final long limit;
    private long used;
    private long peak;
    private final ThreadLocal<long[]> held = ThreadLocal.withInitial(() -> new long[1]);

    MemoryBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the memory budget must be positive");
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Takes {@code bytes} of the budget, waiting for room unless this thread already holds some. */
    void acquire(long bytes) {
        long[] mine = held.get();
        synchronized (this) {
            while (mine[0] == 0 && used > 0 && used + bytes > limit) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("scan interrupted", e);
                }
            }
            used += bytes;
            mine[0] += bytes;
            peak = Math.max(peak, used);
        }
    }

    /** The most held at once so far. */
    synchronized long peak() {
        return peak;
    }

    void release(long bytes) {
        long[] mine = held.get();
        synchronized (this) {
            used -= bytes;
            mine[0] -= bytes;
            notifyAll();
        }
    }
}

package dev.warden.server.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures counted over many rows (the home page's), kept so that a page shown often does not count a
 * million rows each time, and counted again in the background so that a page never waits for a count it
 * has shown before.
 *
 * <ul>
 *   <li>A figure is counted on first use, and the page waits for that count.
 *   <li>A figure older than the maximum age is served as it is while it is counted again in the
 *       background; the next page gets the new count. One older than {@value #STALE_AFTER} maximum ages
 *       (nobody asked for it meanwhile) is counted while the page waits, as on first use.
 *   <li>{@link #changed()}: the rows changed on this node. Each figure is counted again when next asked
 *       for, and that page waits up to {@link #WAIT_AFTER_CHANGE} for the new count (so what someone
 *       just did shows on their next page where counting is quick), then is served the previous one. A
 *       figure slower to count than that is served at once and counted again in the background, no
 *       sooner than {@value #PAUSE_AFTER_SLOW_COUNT} times its counting time after its last count.
 *   <li>One count per figure at a time, however many pages ask.
 * </ul>
 *
 * A maximum age of zero keeps nothing: every use counts.
 */
public final class KeptFigures {
    /** How long a page waits for a figure counted again after a change before showing the previous one. */
    public static final Duration WAIT_AFTER_CHANGE = Duration.ofMillis(100);

    /**
     * A figure older than this many maximum ages (nobody asked for it meanwhile) is counted while the page
     * waits, as on first use, rather than shown.
     */
    static final int STALE_AFTER = 10;

    /**
     * After a change, a figure that takes longer than {@link #WAIT_AFTER_CHANGE} to count is counted
     * again no sooner than this many times its counting time after its last count (at most every ten
     * seconds for a count of a second): a busy marketplace changes all the time, and should not spend its
     * database counting.
     */
    static final int PAUSE_AFTER_SLOW_COUNT = 10;

    private static final Logger log = LoggerFactory.getLogger(KeptFigures.class);
    private static final Executor COUNTING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "warden-figures");
        t.setDaemon(true);
        return t;
    });

    /** A figure, when its count ended and how long it took ({@link System#nanoTime()}), and as of which change. */
    private record Kept(Object value, long countedAt, long took, long generation) {}

    private final long maxAgeNanos;
    private final long waitAfterChangeNanos;
    private final long staleAfterNanos;
    private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Kept>> counting = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public KeptFigures(Duration maxAge) {
        this(maxAge, WAIT_AFTER_CHANGE, maxAge.multipliedBy(STALE_AFTER));
    }

    KeptFigures(Duration maxAge, Duration waitAfterChange, Duration staleAfter) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("a maximum age cannot be negative: " + maxAge);
        }
        this.maxAgeNanos = maxAge.toNanos();
        this.waitAfterChangeNanos = waitAfterChange.toNanos();
        this.staleAfterNanos = staleAfter.toNanos();
    }

    /** The figure under {@code key}, counted by {@code count} when there is none or it is too old. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> count) {
        if (maxAgeNanos == 0) {
            return count.get();
        }
        Kept k = kept.get(key);
        long age = k == null ? 0 : System.nanoTime() - k.countedAt();
        if (k == null || age > staleAfterNanos) {
            return (T) join(recount(key, count, k)).value();
        }
        boolean changed = k.generation() != generation.get();
        if (!changed && age <= maxAgeNanos) {
            return (T) k.value();
        }
        if (changed && k.took() < waitAfterChangeNanos) {
            return (T) afterChange(key, count, k).value();
        }
        // Old, or changed but slow to count: counted again in the background, after a change no sooner
        // than ten times its counting time after the last count.
        if (age > maxAgeNanos || age > PAUSE_AFTER_SLOW_COUNT * k.took()) {
            recount(key, count, k);
        }
        return (T) k.value();
    }

    /** Waits a little for a count begun after the change; the figure kept if none is done in time. */
    private Kept afterChange(String key, Supplier<?> count, Kept k) {
        long deadline = System.nanoTime() + waitAfterChangeNanos;
        for (long left = waitAfterChangeNanos; left > 0; left = deadline - System.nanoTime()) {
            try {
                Kept again = recount(key, count, k).get(left, TimeUnit.NANOSECONDS);
                if (again.generation() == generation.get()) {
                    return again;
                }
                k = again; // begun before the change: newer than what was kept, but count once more
            } catch (TimeoutException | ExecutionException e) {
                break; // the previous figure, until the count is done (a failed one is tried again next time)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return k;
    }

    /** The age past which a figure is counted while the page waits. */
    Duration staleAfter() {
        return Duration.ofNanos(staleAfterNanos);
    }

    /** The rows changed: every figure kept may be wrong now. */
    public void changed() {
        generation.incrementAndGet();
    }

    /**
     * Counts {@code key} in the background unless it is being counted, or was counted anew, as of the
     * current rows, since the caller found {@code seen} (a count that ended in between).
     */
    private CompletableFuture<Kept> recount(String key, Supplier<?> count, @Nullable Kept seen) {
        CompletableFuture<Kept> mine = new CompletableFuture<>();
        CompletableFuture<Kept> running = counting.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        long asOf = generation.get(); // a change made while counting makes this count old at once
        Kept since = kept.get(key);
        if (since != null && since != seen && since.generation() == asOf) {
            counting.remove(key, mine);
            mine.complete(since);
            return mine;
        }
        try {
            COUNTING.execute(() -> {
                // Kept and no longer counting before the waiting pages hear of it: a page that asks next
                // finds either this figure or no count in progress, never this count done.
                try {
                    long began = System.nanoTime();
                    Object value = count.get();
                    long ended = System.nanoTime();
                    Kept result = new Kept(value, ended, ended - began, asOf);
                    kept.put(key, result);
                    counting.remove(key, mine);
                    mine.complete(result);
                } catch (RuntimeException | Error e) {
                    log.debug("counting {} failed", key, e);
                    counting.remove(key, mine);
                    mine.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            counting.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private static Kept join(CompletableFuture<Kept> count) {
        try {
            return count.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}

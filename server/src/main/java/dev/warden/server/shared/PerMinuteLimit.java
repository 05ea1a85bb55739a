package dev.warden.server.shared;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most so many requests per key (a client address) in each clock minute, counted in this node's
 * memory: enough to blunt a flood from one address without a shared store.
 */
public final class PerMinuteLimit {
    private record Window(long minute, AtomicInteger count) {}

    private static final int MAX_KEYS = 10_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;

    public PerMinuteLimit(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("at least one request a minute, not " + perMinute);
        }
        this.perMinute = perMinute;
    }

    /** Counts a request; 0 if it may go on, else the seconds until the key's next minute begins. */
    public long take(String key, long nowMillis) {
        long minute = nowMillis / 60_000;
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window window = windows.compute(
                key, (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        if (window.count().incrementAndGet() <= perMinute) {
            return 0;
        }
        return Math.max(1, ((minute + 1) * 60_000 - nowMillis + 999) / 1000);
    }
}

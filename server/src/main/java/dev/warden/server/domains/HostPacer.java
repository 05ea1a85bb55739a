package dev.warden.server.domains;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate limit per host: a request to a host waits until {@code interval} has passed since the last
 * one to it (from any check on this node). Remembers the most recent hosts only.
 */
final class HostPacer {
    private static final int REMEMBERED = 10_000;

    private final long intervalNanos;
    private final Map<String, Long> next = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    HostPacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Waits for the host's turn, and takes it. */
    void await(String host) {
        long wait;
        synchronized (next) {
            long now = System.nanoTime();
            long at = Math.max(now, next.getOrDefault(host, now));
            next.put(host, at + intervalNanos);
            wait = at - now;
        }
        if (wait > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

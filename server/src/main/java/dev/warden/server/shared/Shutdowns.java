package dev.warden.server.shared;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping a feature's own threads when the application stops. */
public final class Shutdowns {
    private Shutdowns() {}

    /**
     * Lets the work in progress finish, for at most {@code wait}, before interrupting what is left: H2
     * closes its database file, for the whole process, when a thread reading or writing it is
     * interrupted (another application on the same database in this process, as in a test of two
     * nodes, then finds it closed).
     */
    public static void gently(ExecutorService pool, Duration wait) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeptFiguresTest {
    private static final Duration LONG = Duration.ofHours(1);
    /** Long enough for any count of these tests, however loaded the machine. */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    /** A count that answers how many times it ran, and can be held until released. */
    static final class Count implements Supplier<Integer> {
        final AtomicInteger runs = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile CountDownLatch finished = new CountDownLatch(1);
        volatile boolean fail;

        @Override
        public Integer get() {
            int run = runs.incrementAndGet();
            try {
                if (!hold.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                if (fail) {
                    throw new IllegalStateException("the database is gone");
                }
                return run;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                finished.countDown();
            }
        }

        /** The next run waits for {@link #release()}. */
        void holdNext() {
            hold = new CountDownLatch(1);
            finished = new CountDownLatch(1);
        }

        void release() {
            hold.countDown();
        }

        void awaitFinished() throws InterruptedException {
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFigureIsCountedOnFirstUseAndKeptWhileYoung() {
        KeptFigures figures = new KeptFigures(LONG);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        assertThat(figures.get("open", count)).isEqualTo(1);
        assertThat(figures.get("other", count)).isEqualTo(2);
        assertThat(count.runs).hasValue(2);
    }

    @Test
    void anOldFigureIsServedAtOnceWhileItIsCountedAgain() throws Exception {
        KeptFigures figures = new KeptFigures(Duration.ofNanos(1), PATIENT, LONG);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        count.holdNext();
        // Older than a nanosecond: the page gets the kept figure without waiting for the count it starts.
        assertThat(figures.get("open", count)).isEqualTo(1);
        assertThat(figures.get("open", count)).as("one count at a time").isEqualTo(1);
        count.release();
        count.awaitFinished();
        assertThat(count.runs).hasValue(2);
        awaitValue(figures, "open", count, 2);
    }

    @Test
    void aFigureNobodyAskedForInTenMaximumAgesIsCountedWhileThePageWaits() throws Exception {
        KeptFigures figures = new KeptFigures(Duration.ofNanos(1), PATIENT, Duration.ofMillis(1));
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        Thread.sleep(5);
        // Not the figure kept (a figure only old is served while counted again): the page waited.
        assertThat(figures.get("open", count)).isEqualTo(2);
        assertThat(new KeptFigures(Duration.ofSeconds(30)).staleAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void afterAChangeAQuickCountIsWaitedFor() {
        KeptFigures figures = new KeptFigures(LONG, PATIENT, LONG);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        figures.changed();
        assertThat(figures.get("open", count)).isEqualTo(2);
        assertThat(figures.get("open", count)).isEqualTo(2);
    }

    @Test
    void afterAChangeASlowCountIsNotWaitedForLongerThanTheLimit() throws Exception {
        KeptFigures figures = new KeptFigures(LONG, Duration.ofMillis(50), LONG);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        figures.changed();
        count.holdNext(); // held until after the page is served: longer than the page may wait
        assertThat(figures.get("open", count)).as("the previous figure").isEqualTo(1);
        count.release();
        count.awaitFinished();
        awaitValue(figures, "open", count, 2);
        assertThat(count.runs).hasValue(2);
    }

    @Test
    void afterAChangeAFigureSlowToCountIsServedAtOnceAndCountedAgainAfterAPause() throws Exception {
        // Any count is slow next to a nanosecond's wait; this one takes at least 100 ms.
        KeptFigures figures = new KeptFigures(LONG, Duration.ofNanos(1), LONG);
        Count count = new Count();
        count.holdNext();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            count.release();
        });
        releaser.start();
        assertThat(figures.get("open", count)).isEqualTo(1);
        releaser.join();
        figures.changed();
        // Within ten counting times (a second) of the last count: served, not counted again.
        assertThat(figures.get("open", count)).isEqualTo(1);
        assertThat(count.runs).hasValue(1);
        Thread.sleep(1100);
        assertThat(figures.get("open", count)).as("served at once").isEqualTo(1);
        awaitValue(figures, "open", count, 2);
    }

    @Test
    void aCountBegunBeforeAChangeIsNotTakenForOneAfterIt() throws Exception {
        KeptFigures figures = new KeptFigures(Duration.ofNanos(1), PATIENT, LONG);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        count.holdNext();
        assertThat(figures.get("open", count)).isEqualTo(1); // count 2 begins, held
        figures.changed(); // made while count 2 runs: its result is already old
        count.release();
        // Whether count 2 is still running or kept by now, it began before the change: the page waits
        // for count 3.
        assertThat(figures.get("open", count)).isEqualTo(3);
    }

    @Test
    void manyPagesAskingAtOnceMakeOneCount() throws Exception {
        KeptFigures figures = new KeptFigures(LONG);
        Count count = new Count();
        count.holdNext();
        ExecutorService pages = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(pages.submit(() -> figures.get("open", count)));
            }
            count.release();
            for (Future<Integer> f : seen) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(count.runs).hasValue(1);
        } finally {
            pages.shutdownNow();
        }
    }

    @Test
    void aFailedFirstCountFailsThePageAndAFailedRecountKeepsThePreviousFigure() throws Exception {
        KeptFigures figures = new KeptFigures(Duration.ofNanos(1), PATIENT, LONG);
        Count count = new Count();
        count.fail = true;
        assertThatThrownBy(() -> figures.get("open", count)).hasMessage("the database is gone");
        count.fail = false;
        assertThat(figures.get("open", count)).isEqualTo(2);
        count.fail = true;
        count.holdNext();
        assertThat(figures.get("open", count)).isEqualTo(2);
        count.release();
        count.awaitFinished();
        count.fail = false;
        awaitValue(figures, "open", count, 4);
    }

    @Test
    void aMaximumAgeOfZeroKeepsNothing() {
        KeptFigures figures = new KeptFigures(Duration.ZERO);
        Count count = new Count();
        assertThat(figures.get("open", count)).isEqualTo(1);
        assertThat(figures.get("open", count)).isEqualTo(2);
        assertThatThrownBy(() -> new KeptFigures(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Asks until the figure is {@code expected} (a background count is done once its result is kept). */
    private static void awaitValue(KeptFigures figures, String key, Count count, int expected)
            throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (figures.get(key, count) == expected) {
                return;
            }
            Thread.sleep(10);
        }
        assertThat(figures.get(key, count)).isEqualTo(expected);
    }
}

package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MemoryBudgetTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void threadsHoldNoMoreThanTheBudgetTogetherAndANestedHolderNeverWaits() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(100);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(started(() -> {
                budget.acquire(40);
                sleep(30);
                budget.acquire(40); // nested: an archive inside the archive; never waits
                sleep(10);
                budget.release(40);
                budget.release(40);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        // Two first holds fit in 100; each may then add its nested one: at most 160, never 640.
        assertThat(budget.peak()).isLessThanOrEqualTo(160);

        CountDownLatch oneHolds = new CountDownLatch(1);
        MemoryBudget small = new MemoryBudget(10);
        Thread big = started(() -> {
            small.acquire(50); // larger than the whole budget: read when nothing else is held
            oneHolds.countDown();
            sleep(20);
            small.release(50);
        });
        oneHolds.await();
        small.acquire(5); // waits for the big one, then goes
        small.release(5);
        big.join();
    }

    @Test
    @Timeout(120)
    void gzipBombsOnEightThreadsStayWithinTheBudgetAndGiveTheSameReport() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("bombs"));
        for (int i = 0; i < 8; i++) {
            byte[] zeros = new byte[40 << 20];
            byte[] tail = ("\nconst t = '" + apiToken(50 + i) + "';\n").getBytes(StandardCharsets.US_ASCII);
            byte[] content = java.util.Arrays.copyOf(zeros, zeros.length + tail.length);
            System.arraycopy(tail, 0, content, zeros.length, tail.length);
            Files.write(folder.resolve("bomb" + i + ".gz"), gzip(content));
        }
        ScanLimits limits = new ScanLimits(4L << 30, 48L << 20, 100_000, 1000, 6, 100L << 20);
        String one = Reports.json(new Scanner(BuiltInRules.all(), limits, 1).scan(folder, Scanner.Progress.NONE));
        String eight = Reports.json(new Scanner(BuiltInRules.all(), limits, 8).scan(folder, Scanner.Progress.NONE));
        assertThat(eight).isEqualTo(one);
        assertThat(one).contains("\"findings\" : 8");
    }

    static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

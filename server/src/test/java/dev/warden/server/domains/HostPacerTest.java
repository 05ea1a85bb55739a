package dev.warden.server.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate limit per host: requests to one host are spaced; requests to another host do not wait for them. */
class HostPacerTest {
    @Test
    void requestsToOneHostAreSpacedByTheIntervalAndOtherHostsDoNotWait() {
        HostPacer pacer = new HostPacer(Duration.ofMillis(150));
        long start = System.nanoTime();
        pacer.await("a.example");
        pacer.await("b.example");
        long others = System.nanoTime() - start;
        pacer.await("a.example");
        pacer.await("a.example");
        long same = System.nanoTime() - start;
        assertThat(Duration.ofNanos(same))
                .as("two more to a.example wait two intervals")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(others))
                .as("the first request to each host goes at once")
                .isLessThan(Duration.ofMillis(150));
    }
}

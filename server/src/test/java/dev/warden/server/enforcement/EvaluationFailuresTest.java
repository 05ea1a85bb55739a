package dev.warden.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationFailuresTest {
    @Test
    void thePauseDoublesFromAMinuteToHalfAnHour() {
        assertThat(EvaluationFailures.pause(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(EvaluationFailures.pause(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(EvaluationFailures.pause(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(EvaluationFailures.pause(6)).isEqualTo(Duration.ofMinutes(30));
        assertThat(EvaluationFailures.pause(1_000)).isEqualTo(Duration.ofMinutes(30));
    }
}

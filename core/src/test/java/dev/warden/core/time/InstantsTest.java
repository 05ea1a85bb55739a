package dev.warden.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantsTest {

    @Test
    void agreesWithJavaTimeOnAMillionRandomInstants() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L));
            String text = instant.toString();
            assertThat(Instants.format(instant)).isEqualTo(text);
            assertThat(Instants.parse(text)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T00:00:00Z",
                "2026-04-15T09:30:00.123Z",
                "1970-01-01T00:00:00Z",
                "2026-12-31T23:59:59Z"
            })
    void readsAndWritesTheFormsSnapshotsUse(String text) {
        assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
        assertThat(Instants.format(Instant.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-15 09:30:00Z", "yesterday"})
    void refusesWhatJavaTimeRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}

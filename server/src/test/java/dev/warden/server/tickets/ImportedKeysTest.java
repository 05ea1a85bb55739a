package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportedKeysTest {
    @Test
    void tellsHeldKeysFromNewOnesPerProjectIncludingNumbersABitsetCannotIndex() {
        ImportedKeys keys = new ImportedKeys();
        keys.add("AMS", 5);
        keys.add("AMS", 1_000_000);
        keys.add("SEC-OPS", 7);
        keys.add("AMS", 3_000_000_000L);

        assertThat(keys.contains("AMS-5")).isTrue();
        assertThat(keys.contains("AMS-1000000")).isTrue();
        assertThat(keys.contains("SEC-OPS-7")).isTrue();
        assertThat(keys.contains("AMS-3000000000")).isTrue();
        assertThat(keys.contains("AMS-6")).isFalse();
        assertThat(keys.contains("AMS-7")).isFalse();
        assertThat(keys.contains("OTHER-5")).isFalse();
        assertThat(keys.contains("AMS-3000000001")).isFalse();
    }
}

package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.testing.FreshWarden;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A database migrated before V6's comment was reworded still starts; any other mismatch does not. */
class MigrationChecksumsIT {
    static final Map<String, Object> QUIET = Map.of("warden.jobs.enabled", "false");

    static int checksum(FreshWarden warden) {
        return warden.bean(JdbcClient.class)
                .sql("select checksum from flyway_schema_history where version = '6'")
                .query(Integer.class)
                .single();
    }

    static void setChecksum(FreshWarden warden, int checksum) {
        warden.bean(JdbcClient.class)
                .sql("update flyway_schema_history set checksum = :c where version = '6'")
                .param("c", checksum)
                .update();
    }

    @Test
    void aDatabaseMigratedWithTheOldCommentStartsAndIsBroughtUpToDate() {
        Map<String, Object> database;
        try (FreshWarden first = FreshWarden.start(QUIET)) {
            assertThat(checksum(first))
                    .as("Flyway's checksum of V6 as it is now")
                    .isEqualTo(MigrationChecksums.AFTER);
            setChecksum(first, MigrationChecksums.BEFORE);
            database = new HashMap<>(first.database());
            database.putAll(QUIET);
        }
        try (FreshWarden again = FreshWarden.start(database)) {
            assertThat(checksum(again)).isEqualTo(MigrationChecksums.AFTER);
        }
    }

    @Test
    void anyOtherChangeToAMergedMigrationStillStopsTheServer() {
        Map<String, Object> database;
        try (FreshWarden first = FreshWarden.start(QUIET)) {
            setChecksum(first, 12345);
            database = new HashMap<>(first.database());
            database.putAll(QUIET);
        }
        assertThatThrownBy(() -> FreshWarden.start(database).close()).hasStackTraceContaining("checksum mismatch");
    }
}

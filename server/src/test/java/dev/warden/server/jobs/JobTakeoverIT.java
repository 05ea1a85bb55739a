package dev.warden.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.FreshWarden;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node killed while it ran a job leaves the job picked, with a heartbeat that stops. The survivor
 * must take the job over once the heartbeats are missed, not half an hour later. The killed node is
 * what it leaves in the database: the row picked by a node that no longer beats.
 */
class JobTakeoverIT {

    @Test
    void aJobPickedByAKilledNodeIsTakenOverOnceItsHeartbeatsAreMissed() throws Exception {
        Map<String, Object> fast = Map.of(
                "warden.jobs.polling-interval", "1s",
                "warden.jobs.heartbeat-interval", "1s",
                "warden.jobs.missed-heartbeats", "4",
                "warden.jobs.breach-detection-interval", "1h");
        try (FreshWarden survivor = FreshWarden.start(fast)) {
            JdbcClient jdbc = survivor.bean(JdbcClient.class);
            Instant killedAt = Instant.now().minusSeconds(30);
            // What a node killed mid-run leaves: the job picked by it, its last heartbeat long ago.
            int picked = jdbc.sql("""
                            update scheduled_tasks set picked = true, picked_by = 'killed-node',
                            last_heartbeat = :beat, execution_time = :beat
                            where task_name = 'ticket-breach-detection'""")
                    .param("beat", OffsetDateTime.ofInstant(killedAt, ZoneOffset.UTC))
                    .update();
            assertThat(picked).isEqualTo(1);

            long deadline = System.nanoTime() + 60_000_000_000L;
            String pickedBy = "killed-node";
            while (System.nanoTime() < deadline) {
                pickedBy = jdbc.sql("select picked_by from scheduled_tasks where task_name = 'ticket-breach-detection'")
                        .query(String.class)
                        .optional()
                        .orElse(null);
                if (!"killed-node".equals(pickedBy)) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(pickedBy).as("the dead node's claim is released").isNotEqualTo("killed-node");
        }
    }
}

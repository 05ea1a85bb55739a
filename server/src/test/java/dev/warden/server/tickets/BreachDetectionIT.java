package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketKey;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** A breach is recorded exactly once, with two servers on one database, racing and restarting. */
@ExtendWith(DatabaseRequirement.class)
class BreachDetectionIT {

    static String snapshot() throws IOException {
        try (InputStream in = BreachDetectionIT.class.getResourceAsStream("/snapshots/tickets.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static long breaches(FreshWarden warden, String key) {
        return warden.bean(Tickets.class).find(TicketKey.of(key)).orElseThrow().events().stream()
                .filter(e -> e instanceof TicketEvent.Breached)
                .count();
    }

    @Test
    void twoServersRacingRecordEachBreachOnce() throws Exception {
        Map<String, Object> quiet = Map.of("warden.jobs.enabled", "false");
        try (FreshWarden first = FreshWarden.start(quiet)) {
            assertThat(first.admin().post("/api/v1/snapshot", snapshot()).status())
                    .isEqualTo(200);
            Map<String, Object> shared = new java.util.HashMap<>(first.database());
            shared.putAll(quiet);
            try (FreshWarden second = FreshWarden.start(shared)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Callable<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    BreachRecorder breaches = (i % 2 == 0 ? first : second).bean(BreachRecorder.class);
                    runs.add(breaches::detect);
                }
                int recorded = 0;
                for (Future<Integer> run : pool.invokeAll(runs)) {
                    recorded += run.get();
                }
                pool.shutdown();

                // AMS-9001 (Critical, due 29 March), AMS-9002 (Medium bounty, due 26 July) and AMS-9004
                // (extended to 1 June) are open past due; AMS-9003 was patched in time.
                assertThat(recorded).isEqualTo(3);
                assertThat(breaches(first, "AMS-9001")).isEqualTo(1);
                assertThat(breaches(second, "AMS-9004")).isEqualTo(1);
                assertThat(breaches(first, "AMS-9003")).as("patched in time").isZero();
                assertThat(second.bean(BreachRecorder.class).detect()).isZero();
            }
            // After the other server is gone and this one carries on, nothing is recorded twice.
            assertThat(first.bean(BreachRecorder.class).detect()).isZero();
            Http admin = first.admin();
            JsonNode ticket = admin.get("/api/v1/tickets/AMS-9001").json();
            assertThat(ticket.get("breachedAt").asString()).isEqualTo("2026-03-29T00:00:00Z");
            JsonNode audit = admin.get("/api/v1/audit?action=TICKET_BREACHED").json();
            assertThat(audit.get("totalItems").asInt()).isEqualTo(3);

            // Importing the original document again keeps the recorded breaches: nothing changes.
            JsonNode again = admin.post("/api/v1/snapshot", snapshot()).json();
            assertThat(again.get("tickets").get("unchanged").asInt()).isEqualTo(4);
            assertThat(breaches(first, "AMS-9001")).isEqualTo(1);
            assertThat(first.bean(BreachRecorder.class).detect()).isZero();
        }
    }

    @Test
    void theScheduledJobRecordsBreachesOnItsOwn() throws Exception {
        Map<String, Object> fast =
                Map.of("warden.jobs.breach-detection-interval", "1s", "warden.jobs.polling-interval", "1s");
        try (FreshWarden warden = FreshWarden.start(fast)) {
            assertThat(warden.admin().post("/api/v1/snapshot", snapshot()).status())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (breaches(warden, "AMS-9001") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(breaches(warden, "AMS-9001")).isEqualTo(1);
        }
    }
}

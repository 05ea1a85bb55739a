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

    @Test
    void aTicketClosedLateCountsAsBreachedThoughTheJobNeverSawItOpen() throws Exception {
        Map<String, Object> quiet = Map.of("warden.jobs.enabled", "false");
        try (FreshWarden warden = FreshWarden.start(quiet)) {
            Http admin = warden.admin();
            assertThat(admin.post("/api/v1/snapshot", snapshot()).status()).isEqualTo(200);
            // AMS-9001 fell due on 29 March and is fixed now, before any breach job ran.
            assertThat(admin.post("/api/v1/tickets/AMS-9001/patched", "{}").status())
                    .isEqualTo(200);
            assertThat(breaches(warden, "AMS-9001")).isZero();
            assertClosedLate(admin);

            // A marketplace imported with the ticket already closed late counts it the same way.
            String exported = admin.get("/api/v1/snapshot").body();
            try (FreshWarden other = FreshWarden.start(quiet)) {
                assertThat(other.admin().post("/api/v1/snapshot", exported).status())
                        .isEqualTo(200);
                assertClosedLate(other.admin());
            }

            // A database from before the fix: migration 36 works the breach out from the history, and only
            // for the ticket closed late (AMS-9003 was patched in time).
            javax.sql.DataSource data = warden.bean(javax.sql.DataSource.class);
            org.springframework.jdbc.core.simple.JdbcClient.create(data)
                    .sql("update tickets set breached_at = null")
                    .update();
            assertThat(admin.get("/api/v1/tickets/AMS-9001").json().has("breachedAt"))
                    .isFalse();
            try (java.sql.Connection c = data.getConnection()) {
                c.setAutoCommit(false);
                assertThat(ClosedLateBreaches.record(c, java.time.Instant.now()))
                        .isEqualTo(1);
                c.commit();
            }
            assertClosedLate(admin);

            // Reopened, it is open past its due date again with no breach recorded: the job records it.
            assertThat(admin.post("/api/v1/tickets/AMS-9001/reopen", "{\"note\": \"not fixed\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(warden.bean(BreachRecorder.class).detect()).isEqualTo(3);
            assertThat(breaches(warden, "AMS-9001")).isEqualTo(1);
            assertClosedLate(admin);
        }
    }

    /** AMS-9001 counts as breached in March: its field, the month's filter and the month's attainment. */
    private static void assertClosedLate(Http admin) {
        assertThat(admin.get("/api/v1/tickets/AMS-9001")
                        .json()
                        .get("breachedAt")
                        .asString())
                .isEqualTo("2026-03-29T00:00:00Z");
        assertThat(TicketQueriesIT.keys(admin, "?breachedIn=2026-03")).containsExactly("AMS-9001");
        JsonNode march = admin.get("/api/v1/tickets/attainment?months=36")
                .json()
                .valueStream()
                .filter(m -> m.get("month").asString().equals("2026-03"))
                .findFirst()
                .orElseThrow();
        assertThat(march.get("due").asInt() + "/" + march.get("breached").asInt())
                .isEqualTo("1/1");
    }
}

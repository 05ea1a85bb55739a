package dev.warden.server.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scans survive what happens to servers: a node killed mid-scan (its scan is taken over and runs
 * once), a new scanner (the latest versions are scanned again), and an artifact that takes too long.
 */
@ExtendWith(DatabaseRequirement.class)
class ScanRecoveryIT {
    static final Map<String, Object> FAST = Map.of(
            "warden.jobs.polling-interval", "1s",
            "warden.jobs.heartbeat-interval", "1s",
            "warden.scanning.poll-interval", "1s",
            "warden.scanning.stale-after", "3s");

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static void catalog(Http admin) {
        ok(admin.post("/api/v1/partners", """
                {"id": "acme", "name": "Acme", "tier": "SILVER", "securityContacts": [
                  {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                """));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                """));
    }

    static byte[] jar(long seed) {
        return Artifacts.zip(Map.of(
                "app.properties",
                ("client_secret=" + Artifacts.clientSecret(seed) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode upload(Http admin, String version, byte[] bytes) {
        Http.Response r = admin.multipart(
                "/api/v1/apps/com.acme.app/versions", Map.of("version", version), "app-" + version + ".jar", bytes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static JsonNode waitFor(Http admin, long id, String status) throws InterruptedException {
        return waitFor(admin, id, status, null);
    }

    static JsonNode waitFor(Http admin, long id, String status, @Nullable String scanner) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode v = null;
        while (System.nanoTime() < deadline) {
            v = ok(admin.get("/api/v1/apps/com.acme.app/versions/" + id));
            if (v.path("scan").path("status").asString("").equals(status)
                    && (scanner == null
                            || v.path("scan")
                                    .path("scannerVersion")
                                    .asString("")
                                    .equals(scanner))) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scan did not reach " + status + ": " + v);
    }

    @Test
    void aScanWhoseNodeWasKilledIsTakenOverAndRecordedOnce() throws Exception {
        Map<String, Object> quiet = new HashMap<>(FAST);
        quiet.put("warden.jobs.enabled", "false");
        try (FreshWarden first = FreshWarden.start(quiet)) {
            Http admin = first.admin();
            catalog(admin);
            long id = upload(admin, "1.0.0", jar(5)).get("id").asLong();
            // What a node killed with kill -9 in the middle of the scan leaves behind: the scan claimed,
            // its heartbeat stopped, nothing recorded (results are written in the transaction that
            // finishes it).
            JdbcClient jdbc = first.bean(JdbcClient.class);
            OffsetDateTime killedAt = OffsetDateTime.ofInstant(Instant.now().minusSeconds(600), ZoneOffset.UTC);
            assertThat(jdbc.sql("update scans set status = 'RUNNING', node = 'killed-node', attempts = 1,"
                                    + " heartbeat_at = :at, started_at = :at, files_done = 1")
                            .param("at", killedAt)
                            .update())
                    .isEqualTo(1);
            assertThat(ok(admin.get("/api/v1/apps/com.acme.app/versions/" + id))
                            .get("scan")
                            .get("status")
                            .asString())
                    .isEqualTo("RUNNING");

            Map<String, Object> survivor = new HashMap<>(FAST);
            survivor.putAll(first.database());
            survivor.put(
                    "warden.data-dir",
                    first.bean(ScanningSettings.class).artifacts().getParent().toString());
            survivor.put(
                    "warden.scanning.artifacts",
                    first.bean(ScanningSettings.class).artifacts().toString());
            try (FreshWarden second = FreshWarden.start(survivor)) {
                Http other = second.admin();
                JsonNode done = waitFor(other, id, "FINISHED");
                assertThat(done.get("scan").get("attempts").asInt()).isEqualTo(2);
                assertThat(jdbc.sql("select count(*) from scans")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
                assertThat(jdbc.sql("select count(*) from scan_results")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
                assertThat(ok(other.get("/api/v1/tickets?app=com.acme.app"))
                                .get("items")
                                .size())
                        .isEqualTo(1);
                assertThat(ok(other.get("/api/v1/apps/com.acme.app/scan-findings"))
                                .size())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aNewScannerScansTheLatestVersionOfEveryListingAgain() throws Exception {
        Map<String, Object> v1 = new HashMap<>(FAST);
        v1.put("warden.scanning.scanner-version", "rules-1");
        try (FreshWarden first = FreshWarden.start(v1)) {
            Http admin = first.admin();
            catalog(admin);
            // One after the other: only the latest version's scan opens tickets, so 1.0.0's must end
            // before 1.1.0 arrives.
            waitFor(admin, upload(admin, "1.0.0", jar(6)).get("id").asLong(), "FINISHED");
            long latest = upload(admin, "1.1.0", jar(7)).get("id").asLong();
            waitFor(admin, latest, "FINISHED");
            Map<String, Object> v2 = new HashMap<>(FAST);
            v2.putAll(first.database());
            v2.put(
                    "warden.scanning.artifacts",
                    first.bean(ScanningSettings.class).artifacts().toString());
            v2.put("warden.scanning.scanner-version", "rules-2");
            first.close();
            try (FreshWarden second = FreshWarden.start(v2)) {
                JsonNode again = waitFor(second.admin(), latest, "FINISHED", "rules-2");
                assertThat(again.get("scan").get("scannerVersion").asString()).isEqualTo("rules-2");
                assertThat(again.get("scan").get("reason").asString()).isEqualTo("SCANNER_CHANGED");
                JdbcClient jdbc = second.bean(JdbcClient.class);
                assertThat(jdbc.sql("select count(*) from scans where scanner_version = 'rules-2'")
                                .query(Long.class)
                                .single())
                        .as("only the latest version is scanned again")
                        .isEqualTo(1);
                assertThat(ok(second.admin().get("/api/v1/tickets?app=com.acme.app"))
                                .get("items")
                                .size())
                        .as("the same findings open no second ticket")
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void aScanPastItsTimeLimitFailsWithAReasonAndCanBeAskedForAgain() throws Exception {
        Map<String, Object> hurried = new HashMap<>(FAST);
        hurried.put("warden.scanning.time-limit", "1ms");
        try (FreshWarden warden = FreshWarden.start(hurried)) {
            Http admin = warden.admin();
            catalog(admin);
            Map<String, byte[]> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 2000; i++) {
                many.put(
                        "docs/page-" + i + ".txt",
                        ("page " + i + " ").repeat(500).getBytes(StandardCharsets.UTF_8));
            }
            long id = upload(admin, "1.0.0", Artifacts.zip(many)).get("id").asLong();
            JsonNode failed = waitFor(admin, id, "FAILED");
            assertThat(failed.get("scan").get("failure").asString())
                    .startsWith("stopped at the time limit of 1 ms (warden.scanning.time-limit)")
                    .contains("check it with warden scan");
            Http.Response again = admin.post("/api/v1/apps/com.acme.app/versions/" + id + "/scans", "");
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("scan").get("reason").asString()).isEqualTo("REQUESTED");
        }
    }
}

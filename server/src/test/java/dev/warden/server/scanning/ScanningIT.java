package dev.warden.server.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Warden scans the apps itself: a partner uploads a real nested artifact, the scan job runs, its
 * findings become SCANNER tickets and violations, and a later version without a finding closes its
 * ticket as verified fixed. One story, in order, on one server.
 */
@ExtendWith(DatabaseRequirement.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanningIT {
    static final String SECRET = Artifacts.clientSecret(17);
    static final String TOKEN = Artifacts.apiToken(17);
    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");

    static FreshWarden warden;
    static Http admin;
    static Http partner;
    static Http other;
    static Http analyst;

    @BeforeAll
    static void start() {
        warden = FreshWarden.start(
                Map.of("warden.jobs.polling-interval", "1s", "warden.scanning.poll-interval", "1s"),
                new TestClock(NOW));
        admin = warden.admin();
        twoPartners(warden, admin);
        SignIns.createUser(warden.bean(Users.class), "ian.analyst", null, Role.SECURITY_ANALYST);
        partner = SignIns.person(warden.port(), "pat@acme.example");
        other = SignIns.person(warden.port(), "gus@globex.example");
        analyst = SignIns.person(warden.port(), "ian.analyst");
    }

    /**
     * Partners acme and globex, each with one Cloud app ({@code com.acme.app}, {@code com.globex.app}) and
     * a partner user (pat@acme.example, gus@globex.example).
     */
    static void twoPartners(FreshWarden warden, Http admin) {
        for (String p : List.of("acme", "globex")) {
            ok(admin.post("/api/v1/partners", """
                    {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                    """.formatted(p, p, p)));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.%s.app", "name": "%s App", "partner": "%s", "firstListedOn": "2021-01-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": false, "installs": 50}]}
                    """.formatted(p, p, p)));
        }
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "gus@globex.example", "globex", Role.PARTNER);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static byte[] artifact(String version, boolean secret, boolean token) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(
                "oauth.properties",
                ("client_id=acme-app\n" + (secret ? "client_secret=" + SECRET + "\n" : "") + "scopes=read:jira-work\n")
                        .getBytes(StandardCharsets.UTF_8));
        if (token) {
            files.put("com/acme/Settings.class", Artifacts.classHolding("Settings", "TOKEN", TOKEN));
        }
        return Artifacts.obr("app-" + version + ".jar", files);
    }

    static JsonNode upload(Http as, String version, byte[] bytes) {
        Http.Response r = as.multipart(
                "/api/v1/apps/com.acme.app/versions",
                Map.of("version", version, "hosting", "CLOUD"),
                "app-" + version + ".obr",
                bytes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Location"))
                .endsWith("/versions/" + r.json().get("id").asLong());
        return r.json();
    }

    /** Waits for the version's scan to finish (or fail), and returns the version. */
    static JsonNode scanned(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        JsonNode v = null;
        while (System.nanoTime() < deadline) {
            v = ok(admin.get("/api/v1/apps/com.acme.app/versions/" + id));
            String status = v.path("scan").path("status").asString("");
            if (status.equals("FINISHED") || status.equals("FAILED")) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scan did not finish: " + v);
    }

    static List<JsonNode> tickets() {
        return ok(admin.get("/api/v1/tickets?app=com.acme.app&size=100"))
                .get("items")
                .valueStream()
                .toList();
    }

    static JsonNode ticketOf(String title) {
        return tickets().stream()
                .filter(t -> t.get("title").asString().startsWith(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ticket titled " + title + " in " + tickets()));
    }

    static List<String> openCases() {
        ok(admin.post("/api/v1/enforcement/evaluations", ""));
        return ok(admin.get("/api/v1/enforcement/cases?partner=acme&size=100"))
                .get("items")
                .valueStream()
                .filter(c -> c.get("status").asString().equals("OPEN"))
                .map(c -> c.get("rule").asString())
                .toList();
    }

    @Test
    @Order(1)
    void anUploadedArtifactIsScannedAndItsFindingsBecomeTicketsAndViolations() throws Exception {
        JsonNode added = upload(partner, "1.0.0", artifact("1.0.0", true, true));
        assertThat(added.get("source").asString()).isEqualTo("UPLOAD");
        assertThat(added.get("sha256").asString()).hasSize(64);
        assertThat(added.get("scan").get("status").asString()).isIn("QUEUED", "RUNNING", "FINISHED");

        JsonNode version = scanned(added.get("id").asLong());
        assertThat(version.get("scan").get("status").asString())
                .as(version.toString())
                .isEqualTo("FINISHED");
        assertThat(version.get("scan").get("filesDone").asLong()).isGreaterThanOrEqualTo(4);

        JsonNode results = ok(partner.get("/api/v1/apps/com.acme.app/versions/" + added.get("id") + "/findings"));
        assertThat(results.get("findings")
                        .valueStream()
                        .map(f -> f.get("rule").asString() + " " + f.get("path").asString()))
                .containsExactlyInAnyOrder(
                        "oauth-client-secret app-1.0.0.obr!/lib/app-1.0.0.jar!/oauth.properties",
                        "atlassian-api-token app-1.0.0.obr!/lib/app-1.0.0.jar!/com/acme/Settings.class");
        assertThat(results.toString()).doesNotContain(SECRET).doesNotContain(TOKEN.substring(6));

        // The operator's policy: a client secret is 8.1 High (28 days on Cloud), a user API token 9.1
        // Critical (10 days on Cloud), both from the moment the ticket is reported.
        JsonNode secret = ticketOf("Hardcoded OAuth client secret");
        assertThat(secret.get("type").asString()).isEqualTo("SCANNER");
        assertThat(secret.get("severity").asString()).isEqualTo("HIGH");
        assertThat(secret.get("dueAt").asString()).isEqualTo("2026-11-29T09:00:00Z");
        assertThat(secret.get("assignees").valueStream().map(JsonNode::asString))
                .containsExactly("sec@acme.example");
        JsonNode token = tickets().stream()
                .filter(t -> !t.get("key").equals(secret.get("key")))
                .findFirst()
                .orElseThrow();
        assertThat(token.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(token.get("dueAt").asString()).isEqualTo("2026-11-11T09:00:00Z");
        assertThat(tickets()).hasSize(2);

        assertThat(openCases()).contains("OAUTH-SECRET-EXPOSED", "PAT-COLLECTION");

        // Never the secret in full, anywhere Warden keeps things.
        JdbcClient jdbc = warden.bean(JdbcClient.class);
        for (String table :
                List.of("scan_results", "scan_problems", "obligations", "ticket_events", "audit_log", "artifacts")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where cast(" + column(table)
                                    + " as varchar(1000000))" + " like :s")
                            .param("s", "%" + SECRET + "%")
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
    }

    private static String column(String table) {
        return switch (table) {
            case "scan_results" -> "preview";
            case "obligations" -> "body";
            case "ticket_events" -> "event";
            case "scan_problems" -> "message";
            case "artifacts" -> "file_name";
            default -> "details";
        };
    }

    @Test
    @Order(2)
    void aLaterVersionWithoutTheSecretClosesItsTicketAsVerifiedFixedWhileTheOtherStays() throws Exception {
        String secretKey = ticketOf("Hardcoded OAuth client secret").get("key").asString();
        JsonNode added = upload(partner, "1.1.0", artifact("1.1.0", false, true));
        assertThat(scanned(added.get("id").asLong()).get("scan").get("status").asString())
                .isEqualTo("FINISHED");

        JsonNode fixed = ok(admin.get("/api/v1/tickets/" + secretKey));
        assertThat(fixed.get("status").asString()).isEqualTo("PATCHED");
        assertThat(fixed.get("events").valueStream().map(e -> e.path("note").asString("")))
                .anyMatch(n -> n.startsWith("Absent from version 1.1.0 (app-1.1.0.obr), scanned at"));
        assertThat(tickets()).hasSize(2);
        assertThat(tickets().stream().filter(t -> !t.get("key").asString().equals(secretKey)))
                .singleElement()
                .satisfies(t -> assertThat(t.get("status").asString()).isEqualTo("NEEDS_PATCH"));

        JsonNode findings = ok(partner.get("/api/v1/apps/com.acme.app/scan-findings"));
        assertThat(findings.valueStream()
                        .map(f ->
                                f.get("rule").asString() + " " + f.get("state").asString()))
                .containsExactlyInAnyOrder("oauth-client-secret FIXED", "atlassian-api-token OPEN");
        assertThat(openCases()).doesNotContain("OAUTH-SECRET-EXPOSED").contains("PAT-COLLECTION");
    }

    @Test
    @Order(3)
    void theSameBytesAreStoredAndScannedOnceAndTheirResultAppliesToTheNewVersion() throws Exception {
        JsonNode earlier =
                ok(admin.get("/api/v1/apps/com.acme.app/versions")).get("items").get(0);
        assertThat(earlier.get("version").asString()).isEqualTo("1.1.0");
        JsonNode again = upload(partner, "1.1.1", artifact("1.1.0", false, true));
        assertThat(again.get("sha256").asString())
                .isEqualTo(earlier.get("sha256").asString());
        assertThat(again.get("scan").get("id").asLong())
                .isEqualTo(earlier.get("scan").get("id").asLong());
        assertThat(again.get("latest").asBoolean()).isTrue();
        assertThat(ok(admin.get("/api/v1/apps/com.acme.app/scan-findings"))
                        .valueStream()
                        .filter(f -> f.get("state").asString().equals("OPEN"))
                        .map(f -> f.get("lastSeenVersion").asString()))
                .containsExactly("1.1.1");
        assertThat(tickets()).hasSize(2);
    }

    @Test
    @Order(4)
    void aFindingThatComesBackReopensItsTicket() throws Exception {
        String secretKey = ticketOf("Hardcoded OAuth client secret").get("key").asString();
        JsonNode added = upload(partner, "1.2.0", artifact("1.2.0", true, true));
        scanned(added.get("id").asLong());
        JsonNode reopened = ok(admin.get("/api/v1/tickets/" + secretKey));
        assertThat(reopened.get("status").asString()).isEqualTo("NEEDS_PATCH");
        assertThat(reopened.get("events").valueStream().map(e -> e.path("note").asString("")))
                .anyMatch(n -> n.startsWith("Found again in version 1.2.0 at app-1.2.0.obr!/lib/app-1.2.0.jar!/"));
        assertThat(tickets()).hasSize(2);
    }

    @Test
    @Order(5)
    void anAnalystMarksAFalsePositiveWhichClosesItsTicketAndAPartnerCannot() {
        JsonNode token = ok(admin.get("/api/v1/apps/com.acme.app/scan-findings"))
                .valueStream()
                .filter(f -> f.get("rule").asString().equals("atlassian-api-token"))
                .findFirst()
                .orElseThrow();
        String id = token.get("id").asString();
        String path = "/api/v1/scan-findings/" + id + "/false-positive";
        assertThat(partner.post(path, "{\"reason\": \"not ours\"}").status()).isEqualTo(403);
        assertThat(analyst.post(path, "{}").status()).isEqualTo(400);
        JsonNode dismissed = ok(analyst.post(path, "{\"reason\": \"a test fixture token, revoked\"}"));
        assertThat(dismissed.get("state").asString()).isEqualTo("FALSE_POSITIVE");
        assertThat(ok(admin.get("/api/v1/tickets/" + token.get("ticket").asString()))
                        .get("status")
                        .asString())
                .isEqualTo("NOT_APPLICABLE");
        assertThat(analyst.post(path, "{\"reason\": \"again\"}").status()).isEqualTo(409);
    }

    @Test
    @Order(6)
    void theReportIsSarifAndOtherPartnersSeeNothing() {
        long id = ok(admin.get("/api/v1/apps/com.acme.app/versions"))
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        Http.Response sarif = partner.get("/api/v1/apps/com.acme.app/versions/" + id + "/sarif");
        assertThat(sarif.status()).isEqualTo(200);
        assertThat(sarif.header("Content-Type")).startsWith("application/sarif+json");
        assertThat(sarif.json().get("version").asString()).isEqualTo("2.1.0");
        assertThat(sarif.json()
                        .get("runs")
                        .get(0)
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("ruleId").asString()))
                .containsExactlyInAnyOrder("oauth-client-secret", "atlassian-api-token");
        assertThat(sarif.body()).doesNotContain(SECRET);

        for (String p : List.of(
                "/api/v1/apps/com.acme.app/versions",
                "/api/v1/apps/com.acme.app/versions/" + id,
                "/api/v1/apps/com.acme.app/versions/" + id + "/findings",
                "/api/v1/apps/com.acme.app/versions/" + id + "/sarif",
                "/api/v1/apps/com.acme.app/scan-findings")) {
            assertThat(other.get(p).status()).as(p).isEqualTo(404);
        }
        String finding = ok(admin.get("/api/v1/apps/com.acme.app/scan-findings"))
                .get(0)
                .get("id")
                .asString();
        assertThat(other.get("/api/v1/scan-findings/" + finding).status()).isEqualTo(404);
        assertThat(other.multipart(
                                "/api/v1/apps/com.acme.app/versions", Map.of("version", "6.6.6"), "x.jar", new byte[] {1
                                })
                        .status())
                .isEqualTo(404);
        assertThat(ok(other.get("/api/v1/scans")).get("totalItems").asInt()).isZero();
        assertThat(ok(partner.get("/api/v1/scans")).get("totalItems").asInt()).isPositive();
    }

    @Test
    @Order(7)
    void badUploadsAreRefusedWithReasons() {
        Http.Response missing =
                partner.multipart("/api/v1/apps/com.acme.app/versions", Map.of(), "a.jar", new byte[] {1});
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("/version");
        Http.Response noFile =
                partner.multipart("/api/v1/apps/com.acme.app/versions", Map.of("version", "2.0.0"), null, new byte[0]);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body()).contains("no artifact source is configured");
        Http.Response empty = partner.multipart(
                "/api/v1/apps/com.acme.app/versions", Map.of("version", "2.0.0"), "a.jar", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        Http.Response wrongHosting = partner.multipart(
                "/api/v1/apps/com.acme.app/versions",
                Map.of("version", "2.0.0", "hosting", "DATA_CENTER"),
                "a.jar",
                new byte[] {1});
        assertThat(wrongHosting.status()).isEqualTo(400);
        assertThat(wrongHosting.body()).contains("has no DATA_CENTER listing");
        Http.Response again = partner.multipart(
                "/api/v1/apps/com.acme.app/versions", Map.of("version", "1.0.0"), "a.jar", new byte[] {1});
        assertThat(again.status()).isEqualTo(409);
    }
}

package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Partner A's people and clients never see partner B: every partner-scoped endpoint answers for B's
 * objects exactly as for objects that do not exist (404), and lists, filters, search, paging and the
 * snapshot export contain A's data only. Run for a partner user (session) and a partner client (token).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Users users;

    String a;
    String b;
    Http partnerUser;
    Http partnerClient;
    java.util.Map<String, String> tickets = new java.util.HashMap<>();
    java.util.Map<String, List<String>> obligations = new java.util.HashMap<>();
    java.util.Map<String, List<String>> scanned = new java.util.HashMap<>();

    @BeforeAll
    void twoPartnersWithApps() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        a = "alpha-" + run;
        b = "bravo-" + run;
        Http admin = TestClients.admin(new Http(port), clients);
        for (String p : List.of(a, b)) {
            assertThat(admin.post(
                                    "/api/v1/partners",
                                    "{\"id\": \"%s\", \"name\": \"Name %s\", \"tier\": \"GOLD\"}".formatted(p, p))
                            .status())
                    .isEqualTo(201);
            for (String app : List.of("one", "two", "three")) {
                assertThat(admin.post("/api/v1/apps", """
                                {"key": "com.%s.%s", "name": "Shared word %s %s", "partner": "%s",
                                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true}]}
                                """.formatted(p, app, p, app, p))
                                .status())
                        .isEqualTo(201);
            }
        }
        tickets.put(
                a,
                admin.post(
                                "/api/v1/tickets",
                                "{\"type\": \"SCANNER\", \"app\": \"com.%s.one\", \"hosting\": \"CLOUD\", \"title\": \"Shared word\", \"score\": 7.5}"
                                        .formatted(a))
                        .json()
                        .get("key")
                        .asString());
        tickets.put(
                b,
                admin.post(
                                "/api/v1/tickets",
                                "{\"type\": \"BUG_BOUNTY\", \"app\": \"com.%s.one\", \"hosting\": \"CLOUD\", \"title\": \"Shared word\", \"score\": 7.5}"
                                        .formatted(b))
                        .json()
                        .get("key")
                        .asString());
        for (String p : List.of(a, b)) {
            obligations.put(p, obligationsOf(admin, p));
            scanned.put(p, scannedVersionOf(admin, p));
        }
        SignIns.createUser(users, "user@" + a + ".example", a, Role.PARTNER);
        partnerUser = SignIns.signIn(port, "user@" + a + ".example", SignIns.PASSWORD);
        partnerClient = TestClients.as(
                new Http(port),
                clients,
                a,
                Permission.CATALOG_READ,
                Permission.SNAPSHOT_EXPORT,
                Permission.TICKETS_READ,
                Permission.TICKETS_RESPOND,
                Permission.POLICY_READ,
                Permission.OBLIGATIONS_READ,
                Permission.OBLIGATIONS_RESPOND);
    }

    /** A version of partner {@code p}'s app, uploaded and scanned, with a finding: its paths and its finding's. */
    static List<String> scannedVersionOf(Http admin, String p) {
        // A scope the code never needs: a finding that opens no ticket, so the ticket counts here stay.
        byte[] jar = dev.warden.server.testing.Artifacts.zip(java.util.Map.of(
                "atlassian-connect.json",
                ("{\"key\": \"com." + p + ".one\", \"baseUrl\": \"https://one.example.com\","
                                + " \"scopes\": [\"READ\", \"DELETE\"]}\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "lib/client.js",
                "const issue = await httpClient.get('/rest/api/2/issue/' + key);\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Http.Response added = admin.multipart(
                "/api/v1/apps/com.%s.one/versions".formatted(p), java.util.Map.of("version", "1.0.0"), "one.jar", jar);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String version = "/api/v1/apps/com.%s.one/versions/%d"
                .formatted(p, added.json().get("id").asLong());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!admin.get(version)
                .json()
                .path("scan")
                .path("status")
                .asString("")
                .equals("FINISHED")) {
            assertThat(System.nanoTime())
                    .as("the scan of " + version + " finishes")
                    .isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        String finding = admin.get("/api/v1/apps/com.%s.one/scan-findings".formatted(p))
                .json()
                .get(0)
                .get("id")
                .asString();
        return List.of(
                "/api/v1/apps/com.%s.one/versions".formatted(p),
                version,
                version + "/findings",
                version + "/sarif",
                "/api/v1/apps/com.%s.one/scan-findings".formatted(p),
                "/api/v1/scan-findings/" + finding);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void anotherPartnersVersionsScansAndFindingsAnswerLikeMissingOnes(String who, Http http) {
        List<String> theirs = scanned.get(b);
        List<String> missing = List.of(
                "/api/v1/apps/com.nobody.app/versions",
                "/api/v1/apps/com.nobody.app/versions/999999",
                "/api/v1/apps/com.nobody.app/versions/999999/findings",
                "/api/v1/apps/com.nobody.app/versions/999999/sarif",
                "/api/v1/apps/com.nobody.app/scan-findings",
                "/api/v1/scan-findings/SF-000000000000000000000000");
        for (int i = 0; i < theirs.size(); i++) {
            Http.Response their = http.get(theirs.get(i));
            Http.Response none = http.get(missing.get(i));
            assertThat(their.status()).as(who + " " + theirs.get(i)).isEqualTo(404);
            assertThat(none.status()).isEqualTo(404);
            assertThat(their.json().get("type")).isEqualTo(none.json().get("type"));
            assertThat(http.get(scanned.get(a).get(i)).status())
                    .as(scanned.get(a).get(i))
                    .isEqualTo(200);
        }
        // Another partner's version of its own app id is not reached through one's own app either.
        String theirVersion = theirs.get(1).substring(theirs.get(1).lastIndexOf('/') + 1);
        assertThat(http.get("/api/v1/apps/com.%s.one/versions/%s".formatted(a, theirVersion))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/scans").json().get("totalItems").asInt()).isEqualTo(1);
        // The partner's people may upload (the session's CSRF token sent, as the portal does).
        Http uploader = SignIns.person(port, "user@" + a + ".example");
        Http.Response upload = uploader.multipart(
                "/api/v1/apps/com.%s.two/versions".formatted(b),
                java.util.Map.of("version", "9.9.9"),
                "x.jar",
                new byte[] {1});
        Http.Response nowhere = uploader.multipart(
                "/api/v1/apps/com.nobody.app/versions", java.util.Map.of("version", "9.9.9"), "x.jar", new byte[] {1});
        assertThat(upload.status())
                .as(upload.body())
                .isEqualTo(nowhere.status())
                .isEqualTo(404);
    }

    /** One record of each obligation kind for partner {@code p}, by their paths. */
    static List<String> obligationsOf(Http admin, String p) {
        String incident = admin.post("/api/v1/incidents", """
                        {"partner": "%s", "apps": ["com.%s.one"], "category": "OTHER", "title": "Shared word",
                         "awareAt": "2026-01-01T00:00:00Z", "reportedAt": "2026-01-01T01:00:00Z"}
                        """.formatted(p, p))
                .json()
                .get("incident")
                .get("id")
                .asString();
        String program = admin.post("/api/v1/bounty-programs", """
                        {"partner": "%s", "platform": "Bugcrowd", "apps": ["com.%s.one"], "visibility": "PUBLIC",
                         "launchedOn": "2025-01-01", "funded": true}
                        """.formatted(p, p))
                .json()
                .get("id")
                .asString();
        String verification = admin.post("/api/v1/verifications", "{\"partner\": \"%s\"}".formatted(p))
                .json()
                .get("verification")
                .get("id")
                .asString();
        String change = admin.post("/api/v1/entity-changes", """
                        {"partner": "%s", "kind": "LEGAL_NAME", "description": "Shared word", "happenedOn": "2026-01-01"}
                        """.formatted(p))
                .json()
                .get("id")
                .asString();
        assertThat(admin.put(
                                "/api/v1/apps/com.%s.one/token-use/declaration".formatted(p),
                                "{\"collects\": true, \"transmits\": false, \"stores\": false}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.post(
                                "/api/v1/partners/%s/incident-process/attestations".formatted(p),
                                "{\"document\": \"https://%s.example/ir\", \"reviewedOn\": \"2026-01-01\"}"
                                        .formatted(p))
                        .status())
                .isEqualTo(200);
        String submission = admin.multipart(
                        "/api/v1/submissions",
                        java.util.Map.of("submission", """
                                {"kind": "MAJOR_VERSION", "partner": "%s", "app": "com.%s.one", "version": "9.0.0",
                                 "answers": {"user-api-tokens": "NO", "oauth-secret-storage": "KMS",
                                   "stores-data": "NO", "data-residency": "none", "egress-domains": "none",
                                   "security-contact": "YES", "incident-response-process": "YES",
                                   "bug-bounty": "YES"}}""".formatted(p, p)),
                        "app.jar",
                        new byte[] {1, 2, 3})
                .json()
                .get("id")
                .asString();
        return List.of(
                "/api/v1/incidents/" + incident,
                "/api/v1/bounty-programs/" + program,
                "/api/v1/verifications/" + verification,
                "/api/v1/entity-changes/" + change,
                "/api/v1/apps/com.%s.one/token-use".formatted(p),
                "/api/v1/partners/%s/bounty-coverage".formatted(p),
                "/api/v1/partners/%s/incident-process".formatted(p),
                "/api/v1/apps/com.%s.one/badges/cloud-fortified".formatted(p),
                "/api/v1/apps/com.%s.one/privacy-declaration".formatted(p),
                "/api/v1/submissions/" + submission);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void anotherPartnersObligationRecordsAnswerLikeMissingOnesAndListsHoldOwnOnly(String who, Http http) {
        List<String> theirs = obligations.get(b);
        List<String> missing = List.of(
                "/api/v1/incidents/INC-99999",
                "/api/v1/bounty-programs/BB-99999",
                "/api/v1/verifications/VER-99999",
                "/api/v1/entity-changes/CHG-99999",
                "/api/v1/apps/com.nobody.app/token-use",
                "/api/v1/partners/nobody-" + b + "/bounty-coverage",
                "/api/v1/partners/nobody-" + b + "/incident-process",
                "/api/v1/apps/com.nobody.app/badges/cloud-fortified",
                "/api/v1/apps/com.nobody.app/privacy-declaration",
                "/api/v1/submissions/99999999");
        for (int i = 0; i < theirs.size(); i++) {
            Http.Response their = http.get(theirs.get(i));
            Http.Response none = http.get(missing.get(i));
            assertThat(their.status()).as(who + " " + theirs.get(i)).isEqualTo(404);
            assertThat(none.status()).isEqualTo(404);
            assertThat(their.json().get("type")).isEqualTo(none.json().get("type"));
            assertThat(http.get(obligations.get(a).get(i)).status())
                    .as(obligations.get(a).get(i))
                    .isEqualTo(200);
        }
        for (String list : List.of(
                "/api/v1/incidents",
                "/api/v1/bounty-programs",
                "/api/v1/verifications",
                "/api/v1/entity-changes",
                "/api/v1/submissions")) {
            assertThat(http.get(list).json().get("totalItems").asInt())
                    .as(who + " " + list)
                    .isEqualTo(1);
            assertThat(http.get(list + "?partner=" + b).json().get("totalItems").asInt())
                    .isZero();
        }
        // Acting on another partner's record is answered like acting on a missing one.
        String update = "{\"type\": \"UPDATE\", \"text\": \"x\"}";
        Http.Response their = http.post(theirs.get(0) + "/events", update, csrfFree(http));
        Http.Response none = http.post(missing.get(0) + "/events", update, csrfFree(http));
        assertThat(their.status()).as(who).isEqualTo(none.status()).isIn(403, 404);
        if (http == partnerClient) {
            assertThat(their.status()).isEqualTo(404); // a session without its CSRF token stops at 403 first
        }
        assertThat(http.get("/api/v1/snapshot").body()).doesNotContain(b);
    }

    Stream<Arguments> actors() {
        return Stream.of(Arguments.of("partner user", partnerUser), Arguments.of("partner client", partnerClient));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void anotherPartnersObjectsAnswerLikeMissingOnes(String who, Http http) {
        for (String[] paths : new String[][] {
            {"/api/v1/partners/" + b, "/api/v1/partners/nobody-" + b},
            {"/api/v1/apps/com." + b + ".one", "/api/v1/apps/com.nobody." + b},
            {"/api/v1/tickets/" + tickets.get(b), "/api/v1/tickets/AMS-99999999"},
        }) {
            Http.Response theirs = http.get(paths[0]);
            Http.Response missing = http.get(paths[1]);
            assertThat(theirs.status()).as(who + " " + paths[0]).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
        }
        assertThat(http.get("/api/v1/partners/" + a).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/apps/com." + a + ".one").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/tickets/" + tickets.get(a)).status()).isEqualTo(200);
        // Acting on another partner's ticket is answered like acting on a missing one.
        Http.Response theirs = http.post("/api/v1/tickets/" + tickets.get(b) + "/triage", "{}", csrfFree(http));
        Http.Response missing = http.post("/api/v1/tickets/AMS-99999999/triage", "{}", csrfFree(http));
        assertThat(theirs.status()).isEqualTo(missing.status());
    }

    // A session needs a CSRF token for a POST; a bearer token does not. Both must answer alike here.
    private String[] csrfFree(Http http) {
        return http == partnerUser ? new String[] {"X-Requested-With", "test"} : new String[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void changesAreRefusedAlikeForOwnAndOthersObjects(String who, Http http) {
        String body =
                "{\"key\": \"com.%s.one\", \"name\": \"x\", \"partner\": \"%s\", \"listings\": [{\"hosting\": \"CLOUD\", \"state\": \"HIDDEN\"}]}";
        Http.Response own = http.put("/api/v1/apps/com." + a + ".one", body.formatted(a, a));
        Http.Response theirs = http.put("/api/v1/apps/com." + b + ".one", body.formatted(b, b));

        assertThat(own.status()).as(who).isEqualTo(theirs.status()).isIn(403, 404);
        assertThat(theirs.body()).doesNotContain("Shared word");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void listsFiltersSearchAndPagingShowOwnDataOnly(String who, Http http) {
        JsonNode partners = http.get("/api/v1/partners?q=name&size=500").json();
        JsonNode apps = http.get("/api/v1/apps?q=shared%20word&size=1").json();
        JsonNode filtered = http.get("/api/v1/apps?partner=" + b).json();
        JsonNode searched = http.get("/api/v1/apps?q=" + b).json();
        JsonNode lastPage =
                http.get("/api/v1/apps?q=shared%20word&size=1&page=2").json();

        assertThat(partners.get("items").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(a);
        assertThat(apps.get("totalItems").asInt()).as(who).isEqualTo(3);
        assertThat(lastPage.get("items").get(0).get("partner").asString()).isEqualTo(a);
        assertThat(filtered.get("totalItems").asInt()).isZero();
        assertThat(searched.get("totalItems").asInt()).isZero();
        JsonNode ownTickets = http.get("/api/v1/tickets?q=shared%20word").json();
        assertThat(ownTickets
                        .get("items")
                        .valueStream()
                        .map(t -> t.get("partner").asString()))
                .containsOnly(a);
        assertThat(ownTickets.get("totalItems").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/tickets?partner=" + b)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(http.get("/api/v1/tickets?type=BUG_BOUNTY")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void theSnapshotExportHoldsOwnDataOnly(String who, Http http) {
        Http.Response export = http.get("/api/v1/snapshot");

        assertThat(export.status()).isEqualTo(200);
        JsonNode doc = export.json();
        assertThat(doc.get("partners").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(a);
        assertThat(doc.get("apps").valueStream().map(p -> p.get("partner").asString()))
                .containsOnly(a)
                .hasSize(3);
        assertThat(doc.get("tickets").valueStream().map(t -> t.get("key").asString()))
                .containsExactly(tickets.get(a));
        assertThat(export.body()).doesNotContain(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actors")
    void operatorOnlyEndpointsAreForbidden(String who, Http http) {
        for (String path : List.of(
                "/api/v1/audit",
                "/api/v1/audit/verify",
                "/api/v1/users",
                "/api/v1/clients",
                "/api/v1/evaluations/impact?draft=x")) {
            assertThat(http.get(path).status()).as(who + " " + path).isEqualTo(403);
        }
        Http.Response importing = http.post("/api/v1/snapshot", "{\"format\": \"warden.snapshot/v1\"}");
        assertThat(importing.status()).isIn(403);
    }
}

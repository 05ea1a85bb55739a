package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The defects a penetration test found: each reproduced, each answered as a problem, nothing changed. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The evaluation retries are driven by hand here: no scheduled run may take one first.
@org.springframework.test.context.TestPropertySource(properties = "warden.jobs.enabled=false")
class HardeningIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.warden.server.enforcement.CaseReconciliation reconciliation;

    String a;
    String b;
    Http admin;
    Http partner;

    @BeforeAll
    void twoPartners() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        a = "hard-a-" + run;
        b = "hard-b-" + run;
        admin = TestClients.admin(new Http(port), clients);
        for (String p : List.of(a, b)) {
            assertThat(admin.post(
                                    "/api/v1/partners",
                                    "{\"id\": \"%s\", \"name\": \"Name %s\", \"tier\": \"GOLD\"}".formatted(p, p))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/v1/apps", """
                            {"key": "com.%s.app", "name": "App of %s", "partner": "%s",
                             "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true}]}
                            """.formatted(p, p, p)).status())
                    .isEqualTo(201);
        }
        partner = TestClients.as(
                new Http(port),
                clients,
                a,
                Permission.CATALOG_READ,
                Permission.TICKETS_READ,
                Permission.TICKETS_RESPOND,
                Permission.OBLIGATIONS_READ,
                Permission.OBLIGATIONS_RESPOND);
    }

    int incidents(String p) {
        return admin.get("/api/v1/incidents?partner=" + p)
                .json()
                .get("totalItems")
                .asInt();
    }

    String incident(String title) {
        return """
                {"apps": ["com.%s.app"], "category": "OTHER", "title": "%s", "awareAt": "2026-10-01T00:00:00Z"}
                """.formatted(a, title);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAs413BeforeAnythingReadsIt() throws Exception {
        int before = incidents(a);
        String huge = "x".repeat(2 * 1024 * 1024);

        Http.Response declared = partner.post("/api/v1/incidents", incident(huge));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("type").asString()).endsWith("/payload-too-large");
        // Without a declared length (chunked), the body is counted as it is read.
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(partner.base() + "/api/v1/incidents"))
                                .header("Authorization", partner.authorization())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                                        new ByteArrayInputStream(incident(huge).getBytes(StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("payload-too-large");
        assertThat(incidents(a)).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void administrationPagesRefuseOthersWithAPageNotAStackTrace() {
        String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 6);
        SignIns.createUser(users, auditor, null, Role.AUDITOR);
        Http person = SignIns.signIn(port, auditor, SignIns.PASSWORD);

        Http.Response users = person.get("/admin/users");
        Http.Response clientsPage = person.get("/admin/clients");

        assertThat(users.status()).isEqualTo(403);
        assertThat(users.body()).contains("Not allowed").doesNotContain("Exception");
        assertThat(clientsPage.status()).isEqualTo(403);
    }

    @Test
    void anInstantBeforeTheFirstPolicyVersionIsABadRequestNamingTheField() {
        Http.Response evaluation = admin.post("/api/v1/evaluations", "{\"asOf\": \"2021-06-01T00:00:00Z\"}");
        Http.Response inForce = admin.get("/api/v1/policies/in-force?at=2021-06-01T00:00:00Z");

        assertThat(evaluation.status()).isEqualTo(400);
        assertThat(evaluation.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/asOf");
        assertThat(evaluation.json().get("errors").get(0).get("message").asString())
                .contains("the first takes effect 2022-12-06");
        assertThat(inForce.status()).isEqualTo(400);
        assertThat(inForce.json().get("errors").get(0).get("parameter").asString())
                .isEqualTo("at");
    }

    @Test
    void textWithANulOrAnUnpairedSurrogateIsRefusedOnItsFieldAndNothingIsStored() {
        int before = incidents(a);

        Http.Response nul = partner.post("/api/v1/incidents", incident("a\\u0000b"));
        Http.Response surrogate = partner.post("/api/v1/incidents", incident("a\\ud800b"));
        Http.Response search = admin.get("/api/v1/tickets?q=a%00b");
        Http.Response partnerName = admin.put(
                "/api/v1/partners/" + b,
                "{\"id\": \"%s\", \"name\": \"Bad\\u0000name\", \"tier\": \"GOLD\"}".formatted(b));

        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/title");
        assertThat(nul.json().get("errors").get(0).get("message").asString()).contains("NUL");
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.json().get("errors").get(0).get("message").asString())
                .contains("unpaired");
        assertThat(search.status()).isEqualTo(400);
        assertThat(search.json().get("errors").get(0).get("parameter").asString())
                .isEqualTo("q");
        assertThat(partnerName.status()).isEqualTo(400);
        assertThat(partnerName.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/name");
        assertThat(incidents(a)).as("nothing recorded").isEqualTo(before);
        assertThat(admin.get("/api/v1/partners/" + b).json().get("name").asString())
                .isEqualTo("Name " + b);
    }

    @Test
    void bodiesBindStrictlyWithoutGuessingBetweenTypes() {
        int before = incidents(a);
        String body = """
                {"apps": ["com.%s.app"], "category": "OTHER", "title": "t", "awareAt": %s}
                """;

        Http.Response seconds = partner.post("/api/v1/incidents", body.formatted(a, "123"));
        Http.Response yearZero = partner.post("/api/v1/incidents", body.formatted(a, "\"0000-01-01T00:00:00Z\""));
        Http.Response notUtc = partner.post("/api/v1/incidents", body.formatted(a, "\"2026-10-01T00:00:00+02:00\""));
        Http.Response flag = partner.post(
                "/api/v1/incidents", body.formatted(a, "\"2026-10-01T00:00:00Z\", \"activeExploitation\": -1"));

        for (Http.Response refused : List.of(seconds, yearZero, notUtc)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/awareAt");
        }
        assertThat(flag.status()).isEqualTo(400);
        assertThat(flag.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/activeExploitation");
        assertThat(incidents(a)).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void onePartnersBrokenDataDoesNotStopTheEvaluationOfTheOthersAndIsRecordedAndRetried() {
        JsonNode reported = partner.post("/api/v1/incidents", incident("Exports readable by anyone"))
                .json();
        String id = reported.get("incident").get("id").asString();
        // A record that no longer reads (as a NUL once made one on PostgreSQL): this partner fails.
        jdbc.sql("update obligations set body = '{\"broken\": true}' where kind = 'INCIDENT' and id = :id")
                .param("id", id)
                .update();
        try {
            JsonNode summary = admin.post("/api/v1/enforcement/evaluations", "").json();

            assertThat(summary.get("failed").valueStream().map(JsonNode::asString))
                    .containsExactly(a);
            assertThat(summary.get("partners").asInt())
                    .as("every other partner was evaluated")
                    .isGreaterThan(0);
            JsonNode other = admin.post("/api/v1/enforcement/evaluations?partner=" + b, "")
                    .json();
            assertThat(other.get("failed")).isEmpty();
            assertThat(other.get("partners").asInt()).isEqualTo(1);

            // Recorded, with the incident id the error is logged under and a first retry a minute later.
            JsonNode failure = onlyFailure();
            assertThat(failure.get("partner").asString()).isEqualTo(a);
            assertThat(failure.get("attempts").asInt()).isEqualTo(1);
            assertThat(failure.get("incident").asString()).matches("[0-9a-f-]{36}");
            assertThat(Duration.between(
                            Instant.parse(failure.get("lastFailedAt").asString()),
                            Instant.parse(failure.get("nextAttemptAt").asString())))
                    .isEqualTo(Duration.ofMinutes(1));
            assertThat(reconciliation.retryFailed().partners())
                    .as("not before its pause is over")
                    .isZero();

            dueNow(a);
            assertThat(reconciliation.retryFailed().failed()).containsExactly(a);
            JsonNode second = onlyFailure();
            assertThat(second.get("attempts").asInt()).isEqualTo(2);
            assertThat(Duration.between(
                            Instant.parse(second.get("lastFailedAt").asString()),
                            Instant.parse(second.get("nextAttemptAt").asString())))
                    .as("the pause doubles")
                    .isEqualTo(Duration.ofMinutes(2));

            // Mended: the next try succeeds and the record goes.
            jdbc.sql("delete from obligations where kind = 'INCIDENT' and id = :id")
                    .param("id", id)
                    .update();
            dueNow(a);
            var mended = reconciliation.retryFailed();
            assertThat(mended.failed()).isEmpty();
            assertThat(mended.partners()).isEqualTo(1);
            assertThat(admin.get("/api/v1/enforcement/evaluation-failures")
                            .json()
                            .size())
                    .isZero();
        } finally {
            jdbc.sql("delete from obligations where kind = 'INCIDENT' and id = :id")
                    .param("id", id)
                    .update();
            jdbc.sql("delete from evaluation_failures").update();
        }
    }

    JsonNode onlyFailure() {
        JsonNode failures = admin.get("/api/v1/enforcement/evaluation-failures").json();
        assertThat(failures.size()).isEqualTo(1);
        return failures.get(0);
    }

    void dueNow(String partnerId) {
        jdbc.sql("update evaluation_failures set next_attempt_at = :t where partner_id = :p")
                .param(
                        "t",
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1))
                .param("p", partnerId)
                .update();
    }

    @Test
    void theErrorPathAndImpossibleIdsAnswerNotFound() {
        Http.Response error = admin.get("/error");
        Http.Response caseId = admin.get("/api/v1/enforcement/cases/abc");
        Http.Response actionId = admin.get("/api/v1/enforcement/actions/99999999999999999999");

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.json().get("type").asString()).endsWith("/not-found");
        assertThat(caseId.status()).isEqualTo(404);
        assertThat(caseId.json().get("type").asString()).endsWith("/not-found");
        assertThat(actionId.status()).isEqualTo(404);
        assertThat(admin.get("/api/openapi.json").body()).doesNotContain("\"/error\"");
    }

    @Test
    void aPartnersExportNamesTheOperatorsClientsAsOperator() {
        String key = admin.post(
                        "/api/v1/tickets",
                        "{\"type\": \"SCANNER\", \"app\": \"com.%s.app\", \"hosting\": \"CLOUD\", \"title\": \"t\", \"score\": 5.0}"
                                .formatted(a))
                .json()
                .get("key")
                .asString();
        String operatorClient = admin.get("/api/v1/tickets/" + key)
                .json()
                .get("events")
                .get(0)
                .get("actor")
                .asString();
        Http exporter = TestClients.as(new Http(port), clients, a, Permission.SNAPSHOT_EXPORT);

        String export = exporter.get("/api/v1/snapshot").body();

        assertThat(export)
                .contains(key)
                .containsPattern("\"actor\"\\s*:\\s*\"operator\"")
                .doesNotContain(operatorClient);
    }

    @Test
    void requestsTheContainerRefusesAreProblemsToo() {
        // Tomcat answers these itself, before any servlet: a NUL or an encoded slash in the path, or an
        // address longer than the header limit.
        for (String path : List.of("/api/v1/tickets/%00", "/api/v1/a%2Fb", "/api/v1/tickets?q=" + "a".repeat(9000))) {
            Http.Response refused = admin.get(path);

            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).endsWith("/bad-request");
        }
    }
}

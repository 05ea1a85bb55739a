package dev.warden.server.reviews;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The new-app security review through the API, one story on one server: a token-collecting app is
 * blocked with the policy's sentence, changes are requested, the clean resubmission is approved and
 * becomes an app on the marketplace with its scanned version; a FAIL from an answer is approved only
 * over a second person's override; partners never see each other's submissions.
 */
@ExtendWith(DatabaseRequirement.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmissionIT {
    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");
    static final String CLEAN_ANSWERS = """
            {"user-api-tokens": "NO", "oauth-secret-storage": "KMS", "stores-data": "YES",
             "data-residency": "EU (Frankfurt)", "egress-domains": "api.acme.example",
             "security-contact": "YES", "incident-response-process": "YES", "bug-bounty": "YES"}""";

    static FreshWarden warden;
    static Http admin;
    static Http partner;
    static Http other;
    static Http ian;
    static Http ada;
    static long tokenApp;
    static long majorVersion;

    @BeforeAll
    static void start() {
        warden = FreshWarden.start(
                Map.of(
                        "warden.jobs.polling-interval",
                        "1s",
                        "warden.scanning.poll-interval",
                        "1s",
                        "warden.notifications.analysts",
                        "review@operator.example"),
                new TestClock(NOW));
        admin = warden.admin();
        for (String p : List.of("acme", "globex")) {
            ok(admin.post("/api/v1/partners", """
                    {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                    """.formatted(p, p, p)));
        }
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": false, "installs": 50}]}
                """));
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "gus@globex.example", "globex", Role.PARTNER);
        SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
        SignIns.createUser(users, "ada.analyst", null, Role.SECURITY_ANALYST);
        partner = SignIns.person(warden.port(), "pat@acme.example");
        other = SignIns.person(warden.port(), "gus@globex.example");
        ian = SignIns.person(warden.port(), "ian.analyst");
        ada = SignIns.person(warden.port(), "ada.analyst");
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    /** An artifact: clean, or with a class that asks the user for an API token and holds one. */
    static byte[] artifact(String name, boolean collectsTokens) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "atlassian-plugin.xml",
                "<atlassian-plugin key=\"com.acme.new\" name=\"New\"/>".getBytes(StandardCharsets.UTF_8));
        if (collectsTokens) {
            files.put("com/acme/Settings.class", Artifacts.classHolding("Settings", "TOKEN", Artifacts.apiToken(23)));
        }
        return Artifacts.obr(name + ".jar", files);
    }

    static Http.Response submit(Http as, String submission, byte[] file) {
        return as.multipart("/api/v1/submissions", Map.of("submission", submission), "app.obr", file);
    }

    /** Waits for the submission's scan to finish and returns the submission. */
    static JsonNode scanned(Http as, long id) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        JsonNode s = null;
        while (System.nanoTime() < deadline) {
            s = ok(as.get("/api/v1/submissions/" + id));
            String status = s.path("artifact").path("scan").path("status").asString("");
            if (status.equals("FINISHED") || status.equals("FAILED")) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scan did not finish: " + s);
    }

    /** The notices queued to a recipient: event and subject. */
    static List<String> mails(String recipient) {
        return ok(admin.get("/api/v1/outbox?size=200"))
                .get("items")
                .valueStream()
                .filter(m -> m.get("recipient").asString().equals(recipient))
                .map(m -> m.get("event").asString() + " " + m.get("subject").asString())
                .toList();
    }

    static List<String> signals(JsonNode submission, String level) {
        return submission
                .get("signals")
                .valueStream()
                .filter(s -> s.get("signal").asString().equals(level))
                .map(s -> s.get("source").asString() + ": " + s.get("why").asString())
                .toList();
    }

    @Test
    @Order(1)
    void theQuestionnaireIsThePolicys() {
        JsonNode q = ok(partner.get("/api/v1/submissions/questionnaire"));
        assertThat(q.valueStream().map(n -> n.get("id").asString()))
                .contains("user-api-tokens", "oauth-secret-storage", "incident-response-process");
        assertThat(q.get(0).get("answers").valueStream().map(JsonNode::asString))
                .contains("YES", "NO");
    }

    @Test
    @Order(2)
    void anIncompleteSubmissionIsRefusedWithEveryReason() {
        Http.Response r = submit(partner, """
                {"kind": "NEW_APP", "app": "com.acme.app", "hosting": "CLOUD", "version": "1.0.0",
                 "answers": {"user-api-tokens": "MAYBE", "colour": "blue"}}""", artifact("x", false));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body())
                .contains("/appName", "/app", "is taken", "/answers/user-api-tokens", "must be one of")
                .contains("/answers/colour", "/answers/bug-bounty", "is required");
        Http.Response noFile = partner.multipart(
                "/api/v1/submissions", Map.of("submission", """
                        {"kind": "NEW_APP", "app": "com.acme.new", "appName": "New", "hosting": "CLOUD",
                         "version": "1.0.0", "answers": %s}""".formatted(CLEAN_ANSWERS)), null, new byte[0]);
        assertThat(noFile.status()).as(noFile.body()).isEqualTo(400);
        assertThat(noFile.body()).contains("/file");
    }

    @Test
    @Order(3)
    void anAppThatCollectsTokensIsBlockedWithThePolicysReason() throws InterruptedException {
        JsonNode s = ok(submit(partner, """
                {"kind": "NEW_APP", "app": "com.acme.new", "appName": "Acme New", "hosting": "CLOUD",
                 "version": "1.0.0", "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("new-1.0.0", true)));
        tokenApp = s.get("id").asLong();
        assertThat(s.get("state").asString()).isEqualTo("SUBMITTED");
        s = scanned(partner, tokenApp);
        // The whole submission and every scan of its bytes, should this ever pass the artifact again.
        assertThat(s.get("verdict").asString())
                .as(
                        "%s; the scans: %s",
                        s,
                        new JdbcTemplate(warden.bean(DataSource.class))
                                .queryForList("select s.*, (select count(*) from scan_results r where r.scan_id = s.id)"
                                        + " as results from scans s"))
                .isEqualTo("FAIL");
        assertThat(signals(s, "FAIL"))
                .anySatisfy(f -> assertThat(f)
                        .startsWith("scan atlassian-api-token")
                        .contains("Apps that collect, transmit, or store Atlassian user account API tokens will"
                                + " not be approved"));
        assertThat(s.toString()).doesNotContain(Artifacts.apiToken(23));

        Http.Response approve = ian.post("/api/v1/submissions/" + tokenApp + "/decisions", """
                {"type": "APPROVE"}""");
        assertThat(approve.status()).as(approve.body()).isEqualTo(409);
        assertThat(approve.body()).contains("a failing signal blocks approval", "scan atlassian-api-token");
        assertThat(ok(admin.get("/api/v1/apps?partner=acme")).get("items")).hasSize(1);
    }

    @Test
    @Order(4)
    void partnersSeeOnlyTheirOwnSubmissionsAndCannotReview() {
        assertThat(other.get("/api/v1/submissions/" + tokenApp).status()).isEqualTo(404);
        assertThat(ok(other.get("/api/v1/submissions")).get("items")).isEmpty();
        assertThat(ok(partner.get("/api/v1/submissions")).get("items")).hasSize(1);
        assertThat(partner.post("/api/v1/submissions/" + tokenApp + "/decisions", "{\"type\": \"APPROVE\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ok(ian.get("/api/v1/submissions?open=true&assignee=none")).get("items"))
                .hasSize(1);
    }

    @Test
    @Order(5)
    void changesAreRequestedAndTheCleanResubmissionIsApproved() throws InterruptedException {
        Http.Response noReason = ian.post("/api/v1/submissions/" + tokenApp + "/decisions", """
                {"type": "REQUEST_CHANGES"}""");
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        JsonNode s = ok(ian.post("/api/v1/submissions/" + tokenApp + "/decisions", """
                {"type": "REQUEST_CHANGES", "note": "Remove the API token and the code that asks for one."}"""));
        assertThat(s.get("state").asString()).isEqualTo("CHANGES_REQUESTED");
        JsonNode seen = ok(partner.get("/api/v1/submissions/" + tokenApp));
        assertThat(seen.get("events")
                        .valueStream()
                        .map(e -> e.get("by").asString() + " " + e.path("note").asString()))
                .contains("operator Remove the API token and the code that asks for one.");

        s = ok(partner.multipart(
                "/api/v1/submissions/" + tokenApp + "/resubmissions",
                Map.of("submission", "{\"version\": \"1.0.1\", \"answers\": " + CLEAN_ANSWERS + "}"),
                "new-1.0.1.obr",
                artifact("new-1.0.1", false)));
        assertThat(s.get("round").asInt()).isEqualTo(2);
        assertThat(s.get("state").asString()).isEqualTo("SUBMITTED");
        s = scanned(ian, tokenApp);
        assertThat(s.get("verdict").asString()).isEqualTo("PASS");

        s = ok(ian.put("/api/v1/submissions/" + tokenApp + "/assignee", "{\"assignee\": \"me\"}"));
        assertThat(s.get("state").asString()).isEqualTo("IN_REVIEW");
        assertThat(s.get("assignee").asString()).isEqualTo("ian.analyst");
        assertThat(ok(ian.get("/api/v1/submissions?assignee=me")).get("items")).hasSize(1);
        assertThat(ian.get("/").body())
                .as("the home page's work tile")
                .containsPattern("<span class=\"big\">1</span> <span>security review assigned to you</span>");
        s = ok(ian.post("/api/v1/submissions/" + tokenApp + "/decisions", """
                {"type": "APPROVE", "note": "Rotate the OAuth client secret before the first release."}"""));
        assertThat(s.get("state").asString()).isEqualTo("APPROVED");

        JsonNode app = ok(admin.get("/api/v1/apps/com.acme.new"));
        assertThat(app.get("partner").asString()).isEqualTo("acme");
        assertThat(app.get("listings").get(0).get("state").asString()).isEqualTo("LISTED");
        JsonNode versions = ok(partner.get("/api/v1/apps/com.acme.new/versions"));
        assertThat(versions.get("items").get(0).get("version").asString()).isEqualTo("1.0.1");
        assertThat(ok(admin.get("/api/v1/audit?subjectType=submission"))
                        .get("items")
                        .valueStream()
                        .map(e -> e.get("action").asString()))
                .contains(
                        "SUBMISSION_SUBMITTED",
                        "SUBMISSION_CHANGES_REQUESTED",
                        "SUBMISSION_RESUBMITTED",
                        "SUBMISSION_ASSIGNED",
                        "SUBMISSION_APPROVED");
        // The analysts heard of each round; the partner's security contacts heard each decision.
        assertThat(mails("review@operator.example"))
                .contains(
                        "SUBMISSION_WAITING [Warden] Security review: com.acme.new 1.0.0 submitted",
                        "SUBMISSION_WAITING [Warden] Security review: com.acme.new 1.0.1 resubmitted");
        assertThat(mails("sec@acme.example"))
                .contains(
                        "SUBMISSION_CHANGES_REQUESTED [Warden] Security review of com.acme.new 1.0.0: changes requested",
                        "SUBMISSION_APPROVED [Warden] Security review of com.acme.new 1.0.1: approved");
        Http.Response again = ian.post("/api/v1/submissions/" + tokenApp + "/decisions", """
                {"type": "REJECT", "note": "too late"}""");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    @Order(6)
    void aFailingAnswerIsApprovedOnlyOverASecondPersonsOverride() throws InterruptedException {
        String answers = CLEAN_ANSWERS.replace("\"user-api-tokens\": \"NO\"", "\"user-api-tokens\": \"YES\"");
        JsonNode s = ok(submit(partner, """
                {"kind": "MAJOR_VERSION", "app": "com.acme.app", "version": "2.0.0", "answers": %s}""".formatted(answers), artifact("app-2.0.0", false)));
        majorVersion = s.get("id").asLong();
        assertThat(s.get("hosting").asString()).isEqualTo("CLOUD");
        s = scanned(ian, majorVersion);
        assertThat(s.get("verdict").asString()).isEqualTo("FAIL");
        assertThat(signals(s, "FAIL")).singleElement().asString().startsWith("answer user-api-tokens");

        Http.Response noReason = ian.post("/api/v1/submissions/" + majorVersion + "/decisions", """
                {"type": "OVERRIDE"}""");
        assertThat(noReason.status()).isEqualTo(400);
        ok(ian.post("/api/v1/submissions/" + majorVersion + "/decisions", """
                {"type": "OVERRIDE", "note": "The answer is wrong: the app uses OAuth 2.0 (3LO) only; checked the code."}"""));
        Http.Response self = ian.post("/api/v1/submissions/" + majorVersion + "/decisions", """
                {"type": "APPROVE"}""");
        assertThat(self.status()).as(self.body()).isEqualTo(409);
        assertThat(self.body()).contains("another person must approve");
        s = ok(ada.post("/api/v1/submissions/" + majorVersion + "/decisions", """
                {"type": "APPROVE"}"""));
        assertThat(s.get("state").asString()).isEqualTo("APPROVED");
        assertThat(s.get("overriddenBy").asString()).contains("ian.analyst");
        JsonNode seen = ok(partner.get("/api/v1/submissions/" + majorVersion));
        assertThat(seen.get("overriddenBy").asString()).isEqualTo("operator");
        assertThat(seen.toString()).doesNotContain("checked the code");
        assertThat(ok(admin.get("/api/v1/apps/com.acme.app/versions"))
                        .get("items")
                        .get(0)
                        .get("version")
                        .asString())
                .isEqualTo("2.0.0");
    }

    @Test
    @Order(7)
    void aRejectionIsFinalAndTheKeyIsFreeAgain() {
        JsonNode s = ok(submit(partner, """
                {"kind": "NEW_APP", "app": "com.acme.other", "appName": "Other", "hosting": "DATA_CENTER",
                 "version": "1.0.0", "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("other", false)));
        long id = s.get("id").asLong();
        Http.Response taken = submit(partner, """
                {"kind": "NEW_APP", "app": "com.acme.other", "appName": "Other", "hosting": "DATA_CENTER",
                 "version": "1.0.0", "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("other", false));
        assertThat(taken.status()).isEqualTo(400);
        ok(ian.post("/api/v1/submissions/" + id + "/decisions", """
                {"type": "REJECT", "note": "Duplicates com.acme.app."}"""));
        Http.Response resubmit = partner.multipart(
                "/api/v1/submissions/" + id + "/resubmissions",
                Map.of("submission", "{\"answers\": " + CLEAN_ANSWERS + "}"),
                null,
                new byte[0]);
        assertThat(resubmit.status()).isEqualTo(409);
        assertThat(submit(partner, """
                {"kind": "NEW_APP", "app": "com.acme.other", "appName": "Other", "hosting": "DATA_CENTER",
                 "version": "1.0.0", "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("other", false))
                        .status())
                .isEqualTo(201);
    }

    @Test
    @Order(8)
    void anApprovedNewHostingAddsTheListingWithItsVersion() throws InterruptedException {
        Http.Response listed = submit(partner, """
                {"kind": "NEW_HOSTING", "app": "com.acme.app", "hosting": "CLOUD", "version": "2.1.0", "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("app-dc", false));
        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.body()).contains("is listed on CLOUD already");
        long id = ok(submit(partner, """
                        {"kind": "NEW_HOSTING", "app": "com.acme.app", "hosting": "DATA_CENTER", "version": "2.1.0",
                         "answers": %s}""".formatted(CLEAN_ANSWERS), artifact("app-dc", false)))
                .get("id")
                .asLong();
        assertThat(scanned(ian, id).get("verdict").asString()).isEqualTo("PASS");
        ok(ian.post("/api/v1/submissions/" + id + "/decisions", "{\"type\": \"APPROVE\"}"));
        JsonNode app = ok(admin.get("/api/v1/apps/com.acme.app"));
        assertThat(app.get("listings")
                        .valueStream()
                        .map(l -> l.get("hosting").asString() + " "
                                + l.get("state").asString()))
                .containsExactlyInAnyOrder("CLOUD LISTED", "DATA_CENTER LISTED");
        assertThat(ok(admin.get("/api/v1/apps/com.acme.app/versions"))
                        .get("items")
                        .valueStream()
                        .map(v -> v.get("hosting").asString() + " "
                                + v.get("version").asString()))
                .contains("DATA_CENTER 2.1.0");
    }
}

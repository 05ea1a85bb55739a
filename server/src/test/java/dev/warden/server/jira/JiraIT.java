package dev.warden.server.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.notifications.OutboxWorker;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FakeJira;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.JiraContractMock;
import dev.warden.server.testing.LogCapture;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Jira two-way sync against a fake Jira behind Prism, which checks every request Warden sends (and
 * every answer) against Atlassian's published OpenAPI description: tickets become issues with mapped
 * fields, Warden's changes move the issue, a person's status change in Jira is taken, Warden's own
 * changes coming back are ignored, a due date or priority edited in Jira is undone with a comment,
 * forged webhooks are refused, the poll catches what no webhook said, and a 429 storm delays but never
 * loses a push. The API token never leaves Warden.
 */
@ExtendWith(DatabaseRequirement.class)
class JiraIT {
    static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N";
    static final String EMAIL = "warden-bot@operator.example";
    static final String TOKEN = "ATATT3xFfGF0-jira-api-token-never-shown";

    static JsonNode ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r.body().isBlank() ? JsonMapper.shared().missingNode() : r.json();
    }

    static void acme(Http admin) {
        ok(admin.post("/api/v1/partners", """
                {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                  {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                """));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                """));
    }

    static String connect(Http admin, String site) {
        JsonNode saved = ok(admin.put("/api/v1/integrations/jira", """
                {"siteUrl": "%s", "email": "%s", "apiToken": "%s", "projectKey": "AMS", "issueType": "Bug"}
                """.formatted(site, EMAIL, TOKEN)));
        String secret = saved.get("webhookSecret").asString();
        assertThat(secret).hasSizeGreaterThan(30);
        return secret;
    }

    static String report(Http admin, String title) {
        return ok(admin.post("/api/v1/tickets", """
                        {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "%s",
                         "cvss": "%s", "note": "Found in the macro editor."}
                        """.formatted(title, HIGH)))
                .get("key")
                .asString();
    }

    /** A Jira webhook delivery, signed as Jira signs it: sha256= and the hex HMAC-SHA256 of the body. */
    static Http.Response deliver(Http anyone, String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return anyone.post("/api/v1/integrations/jira/webhook", body, "X-Hub-Signature", signature);
    }

    static String changed(String issueId, String accountId, String field, String from, String to) {
        return """
                {"timestamp": 1764590000000, "webhookEvent": "jira:issue_updated",
                 "issue_event_type_name": "issue_generic",
                 "user": {"accountId": "%s", "displayName": "Jane Partner"},
                 "issue": {"id": "%s", "key": "AMS-1", "fields": {}},
                 "changelog": {"id": "%s", "items": [
                   {"field": "%s", "fieldtype": "jira", "fromString": "%s", "toString": "%s"}]}}
                """.formatted(accountId, issueId, System.nanoTime(), field, from, to);
    }

    @Test
    void ticketsBecomeIssuesAndJiraChangesAreTakenOrUndone() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FakeJira jira = new FakeJira(EMAIL, TOKEN, "AMS").user("sec@acme.example", "acc-sec-1");
                JiraContractMock prism = JiraContractMock.start(jira.url());
                FreshWarden warden = FreshWarden.start(
                        Map.of("warden.outbound.allow-private-addresses", "true", "warden.jobs.enabled", "false"),
                        clock)) {
            // Everything the server logs from here on, to show no credential gets there.
            LogCapture logs = LogCapture.start();
            Http admin = warden.admin();
            acme(admin);
            OutboxWorker outbox = warden.bean(OutboxWorker.class);
            String secret = connect(admin, prism.url());

            JsonNode test = ok(admin.post("/api/v1/integrations/jira/test", ""));
            assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
            assertThat(test.get("account").asString()).isEqualTo("Warden Bot");
            assertThat(test.get("project").asString()).isEqualTo("Marketplace Security");

            // A ticket becomes an issue with the fields mapped.
            String key = report(admin, "Stored XSS in the macro editor");
            JsonNode ticket = ok(admin.get("/api/v1/tickets/" + key));
            outbox.deliverDue();
            assertThat(jira.issues()).hasSize(1);
            JsonNode issue = jira.issues().get(0);
            String id = issue.get("id").asString();
            JsonNode f = issue.get("fields");
            assertThat(f.get("summary").asString()).isEqualTo("[com.acme.app] Stored XSS in the macro editor");
            assertThat(f.get("priority").get("name").asString()).isEqualTo("High");
            String due = Instant.parse(ticket.get("dueAt").asString())
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate()
                    .toString();
            assertThat(f.get("duedate").asString()).isEqualTo(due);
            assertThat(f.get("labels").valueStream().map(JsonNode::asString))
                    .contains("warden", "warden-" + key, "app-com.acme.app", "security", "cloud");
            assertThat(f.get("assignee").get("accountId").asString())
                    .as("the security contact's Jira account, found by email")
                    .isEqualTo("acc-sec-1");
            assertThat(f.get("description").get("type").asString()).isEqualTo("doc");
            assertThat(f.get("description").toString()).contains(key).contains("Found in the macro editor.");
            assertThat(f.get("status").get("name").asString()).isEqualTo("Needs Patch");

            // Warden's change moves the issue by the workflow's transition and posts the note.
            ok(admin.post("/api/v1/tickets/" + key + "/waiting-for-release", "{\"note\": \"Ships in 4.2 on Friday\"}"));
            outbox.deliverDue();
            assertThat(jira.issues()
                            .get(0)
                            .get("fields")
                            .get("status")
                            .get("name")
                            .asString())
                    .isEqualTo("Waiting For Release");
            assertThat(jira.commentsOf(id))
                    .as(() -> admin.get("/api/v1/outbox?size=5").body() + "\n" + prism.log())
                    .hasSize(1);
            assertThat(jira.commentsOf(id).get(0)).contains("Ships in 4.2 on Friday");
            assertThat(jira.issues())
                    .as("still one issue: updated, not created again")
                    .hasSize(1);

            // A person moves it in Jira: the webhook's change is taken as the ticket's action.
            Http anyone = new Http(warden.port());
            jira.move(id, "Needs Security Review");
            assertThat(deliver(
                                    anyone,
                                    secret,
                                    changed(id, "acc-sec-1", "status", "Waiting For Release", "Needs Security Review"))
                            .status())
                    .isEqualTo(204);
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("NEEDS_SECURITY_REVIEW");
            outbox.deliverDue();
            assertThat(jira.commentsOf(id))
                    .as("the change that came from Jira is not posted back to Jira")
                    .hasSize(1);

            // Warden's own account's changes come back as echoes and are ignored.
            assertThat(deliver(
                                    anyone,
                                    secret,
                                    changed(id, FakeJira.ACCOUNT, "status", "Needs Security Review", "Needs Patch"))
                            .status())
                    .isEqualTo(204);
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("NEEDS_SECURITY_REVIEW");

            // A forged or unsigned delivery is refused and changes nothing.
            String forged = changed(id, "acc-sec-1", "status", "Needs Security Review", "Waiting For Release");
            assertThat(deliver(anyone, "not-the-secret", forged).status()).isEqualTo(401);
            assertThat(anyone.post("/api/v1/integrations/jira/webhook", forged).status())
                    .isEqualTo(401);
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("NEEDS_SECURITY_REVIEW");

            Http.Response garbled = deliver(anyone, secret, "this is not JSON");
            assertThat(garbled.status()).isEqualTo(400);
            assertThat(garbled.header("content-type")).startsWith("application/problem+json");

            // The due date is Warden's: an edit in Jira is undone, with a comment saying why.
            jira.edit(id, "duedate", StringNode.valueOf("2027-06-30"));
            assertThat(deliver(anyone, secret, changed(id, "acc-sec-1", "duedate", due, "2027-06-30"))
                            .status())
                    .isEqualTo(204);
            outbox.deliverDue();
            assertThat(jira.issues().get(0).get("fields").get("duedate").asString())
                    .isEqualTo(due);
            assertThat(jira.commentsOf(id).get(jira.commentsOf(id).size() - 1))
                    .contains("The due date stays " + due)
                    .contains("Jane Partner");

            // Verifying the fix is the operator's decision in Warden: the move to Patched is undone.
            jira.move(id, "Patched");
            deliver(anyone, secret, changed(id, "acc-sec-1", "status", "Needs Security Review", "Patched"));
            outbox.deliverDue();
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("NEEDS_SECURITY_REVIEW");
            assertThat(jira.issues()
                            .get(0)
                            .get("fields")
                            .get("status")
                            .get("name")
                            .asString())
                    .isEqualTo("Needs Security Review");

            // Comments go both ways, once each, and never back to where they came from.
            ok(admin.post("/api/v1/tickets/" + key + "/comments", "{\"note\": \"Please attach the PoC request.\"}"));
            outbox.deliverDue();
            int before = jira.commentsOf(id).size();
            assertThat(jira.commentsOf(id).get(before - 1))
                    .as("the partner reads the project too: the operator's people are 'operator'")
                    .contains("operator in Warden:")
                    .contains("Please attach the PoC request.");
            JsonNode said = jira.comment(id, "acc-sec-1", "Jane Partner", "PoC attached to the vendor ticket.");
            String created = """
                    {"timestamp": 1764590000000, "webhookEvent": "comment_created",
                     "comment": %s, "issue": {"id": "%s", "key": "AMS-1", "fields": {}}}
                    """.formatted(said, id);
            assertThat(deliver(anyone, secret, created).status()).isEqualTo(204);
            assertThat(deliver(anyone, secret, created).status())
                    .as("Jira delivers again")
                    .isEqualTo(204);
            JsonNode history = ok(admin.get("/api/v1/tickets/" + key)).get("events");
            assertThat(history.valueStream()
                            .filter(e -> e.get("type").asString().equals("COMMENTED"))
                            .map(e -> e.get("note").asString()))
                    .containsExactly(
                            "Please attach the PoC request.",
                            "Jane Partner in Jira (AMS-1):\nPoC attached to the vendor ticket.");
            assertThat(history.get(history.size() - 1).get("actor").asString()).isEqualTo("jira");
            outbox.deliverDue();
            assertThat(jira.commentsOf(id))
                    .as("the comment from Jira is not echoed back")
                    .hasSize(before + 1);
            JsonNode own = jira.comment(id, FakeJira.ACCOUNT, "Warden Bot", "posted by Warden's account");
            deliver(anyone, secret, """
                    {"webhookEvent": "comment_created", "comment": %s, "issue": {"id": "%s"}}
                    """.formatted(own, id));
            jira.comment(id, "acc-sec-1", "Jane Partner", "Said while the webhook was down.");

            // The poll finds what no webhook said (a comment, a priority lowered); the priority is undone.
            jira.edit(id, "priority", JsonMapper.shared().readTree("{\"name\": \"Lowest\"}"));
            JsonNode polled =
                    JsonMapper.shared().valueToTree(warden.bean(JiraPoll.class).poll());
            assertThat(polled.get("changed").asInt()).as(polled.toString()).isEqualTo(1);
            assertThat(ok(admin.get("/api/v1/tickets/" + key))
                            .get("events")
                            .valueStream()
                            .filter(e -> e.get("type").asString().equals("COMMENTED"))
                            .map(e -> e.get("note").asString()))
                    .hasSize(3)
                    .last()
                    .asString()
                    .endsWith("Said while the webhook was down.");
            assertThat(JsonMapper.shared()
                            .valueToTree(warden.bean(JiraPoll.class).poll())
                            .get("changed")
                            .asInt())
                    .as("a second poll finds nothing new")
                    .isZero();
            outbox.deliverDue();
            assertThat(jira.issues()
                            .get(0)
                            .get("fields")
                            .get("priority")
                            .get("name")
                            .asString())
                    .isEqualTo("High");
            assertThat(jira.issues()).hasSize(1);

            // Every request went through the contract check and none was refused.
            assertThat(prism.log()).doesNotContain("UNPROCESSABLE_ENTITY").doesNotContain("violation");
            assertThat(jira.requests()).isNotEmpty();

            // The status page; the API token and the webhook secret never come back.
            JsonNode status = ok(admin.get("/api/v1/integrations/jira"));
            assertThat(status.get("linkedTickets").asInt()).isEqualTo(1);
            assertThat(status.get("backlog").asInt()).isZero();
            assertThat(status.get("accountId").asString()).isEqualTo(FakeJira.ACCOUNT);
            for (String path : new String[] {
                "/api/v1/integrations/jira", "/api/v1/audit?size=200", "/api/v1/outbox?size=200", "/api/v1/snapshot"
            }) {
                String body = admin.get(path).body();
                assertThat(body).as(path).doesNotContain(TOKEN).doesNotContain(secret);
            }
            List<String> logged = logs.stop();
            assertThat(logged).as("the server logged while syncing").isNotEmpty();
            assertThat(logged).noneMatch(line -> line.contains(TOKEN) || line.contains(secret));
        }
    }

    @Test
    void aRateLimitStormDelaysPushesButLosesNone() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FakeJira jira = new FakeJira(EMAIL, TOKEN, "AMS");
                JiraContractMock prism = JiraContractMock.start(jira.url());
                FreshWarden warden = FreshWarden.start(
                        Map.of("warden.outbound.allow-private-addresses", "true", "warden.jobs.enabled", "false"),
                        clock)) {
            Http admin = warden.admin();
            acme(admin);
            OutboxWorker outbox = warden.bean(OutboxWorker.class);
            connect(admin, prism.url());
            jira.throttle(25);
            for (int i = 1; i <= 6; i++) {
                report(admin, "Finding number " + i);
            }
            int rounds = 0;
            while (ok(admin.get("/api/v1/integrations/jira")).get("backlog").asInt() > 0 && rounds++ < 60) {
                outbox.deliverDue();
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(jira.issues())
                    .as("one issue per ticket, none lost, none twice")
                    .hasSize(6);
            assertThat(jira.issues().stream()
                            .map(i -> i.get("fields").get("summary").asString())
                            .distinct())
                    .hasSize(6);
            JsonNode status = ok(admin.get("/api/v1/integrations/jira"));
            assertThat(status.get("backlog").asInt()).isZero();
            assertThat(status.get("lastError").asString()).contains("429");
            assertThat(status.get("accountId").asString())
                    .as("learned on the first push, though nobody pressed Test: echoes are known")
                    .isEqualTo(FakeJira.ACCOUNT);
            JsonNode outboxPage = ok(admin.get("/api/v1/outbox?size=50"));
            assertThat(outboxPage
                            .get("items")
                            .valueStream()
                            .filter(m -> m.get("channel").asString().equals("JIRA"))
                            .map(m -> m.get("status").asString()))
                    .hasSize(6)
                    .containsOnly("SENT");
        }
    }

    @Test
    void administratorsConnectFromTheConsoleAndSeeTheSecretOnce() throws Exception {
        try (FakeJira jira = new FakeJira(EMAIL, TOKEN, "AMS");
                FreshWarden warden = FreshWarden.start(
                        Map.of("warden.outbound.allow-private-addresses", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ada.admin", null, Role.ADMIN);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
            assertThat(SignIns.person(warden.port(), "ian.analyst")
                            .get("/integrations/jira")
                            .status())
                    .as("an analyst does not manage integrations")
                    .isEqualTo(403);

            Http ada = SignIns.person(warden.port(), "ada.admin");
            Http.Response empty = ada.get("/integrations/jira");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body())
                    .contains("Connect")
                    .contains("value=\"AMS\"")
                    .contains("Needs patch");

            Map<String, String> form = new java.util.LinkedHashMap<>(Map.of(
                    "siteUrl",
                    "ftp://jira.example",
                    "email",
                    EMAIL,
                    "apiToken",
                    TOKEN,
                    "projectKey",
                    "AMS",
                    "issueType",
                    "Bug",
                    "enabled",
                    "true",
                    "_csrf",
                    empty.csrf()));
            Http.Response refused = ada.form("/integrations/jira", form);
            assertThat(refused.body())
                    .as("refused, with the values kept but never the token")
                    .contains("Site URL: must be an http or https URL")
                    .contains("value=\"ftp://jira.example\"")
                    .doesNotContain(TOKEN);

            form.put("siteUrl", jira.url());
            Http.Response saved = ada.form("/integrations/jira", form);
            assertThat(saved.status()).isEqualTo(302);
            Http.Response shown = ada.get(String.valueOf(saved.header("Location")));
            Matcher secret =
                    Pattern.compile("id=\"jira-webhook-secret\">([^<]+)<").matcher(shown.body());
            assertThat(secret.find()).as(shown.body()).isTrue();
            assertThat(shown.body())
                    .contains("/api/v1/integrations/jira/webhook")
                    .doesNotContain(TOKEN);
            Http.Response again = ada.get("/integrations/jira");
            assertThat(again.body())
                    .as("shown once")
                    .doesNotContain(secret.group(1))
                    .doesNotContain(TOKEN);

            Http.Response tested = ada.form("/integrations/jira/test", Map.of("_csrf", again.csrf()));
            assertThat(tested.body()).contains("Connected as Warden Bot to project Marketplace Security.");
        }
    }
}

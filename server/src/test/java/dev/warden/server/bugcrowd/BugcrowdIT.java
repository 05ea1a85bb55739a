package dev.warden.server.bugcrowd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FakeBugcrowd;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.LogCapture;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bugcrowd through its REST API, against a fake Bugcrowd answering in its JSON:API wire format: each
 * submission of a linked program opens exactly one BUG_BOUNTY ticket however often (and however
 * concurrently) it is pulled, reported when it was submitted, with the triage window counting from
 * there and the clock from Bugcrowd's triage; priorities and CVSS scores become severities; Bugcrowd's
 * later decisions move the ticket; unmapped targets and missing priorities wait, visibly; a 429 storm
 * delays a pull but it completes; the program's health is measured from its submissions and the rules
 * use it; and the API token never leaves Warden.
 */
@ExtendWith(DatabaseRequirement.class)
class BugcrowdIT {
    static final String TOKEN = "wardenbot:S3cret-bugcrowd-token-never-shown";
    static final String WEBHOOK_SECRET = "bc-webhook-Secret-4f1d9a";
    static final Map<String, Object> SETTINGS = Map.of(
            "warden.outbound.allow-private-addresses", "true",
            "warden.jobs.enabled", "false",
            "warden.bugcrowd.request-interval", "0s");

    static JsonNode ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r.body().isBlank() ? JsonMapper.shared().missingNode() : r.json();
    }

    /** acme with a Cloud app and a Data Center app, and its Bugcrowd program in Warden; answers the program's id. */
    static String acme(Http admin, String medianTriageDays) {
        ok(admin.post("/api/v1/partners", """
                {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                  {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                """));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 500}]}
                """));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.acme.dc", "name": "Acme DC", "partner": "acme", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 50}]}
                """));
        return ok(admin.post("/api/v1/bounty-programs", """
                        {"partner": "acme", "platform": "Bugcrowd", "apps": ["com.acme.app", "com.acme.dc"],
                         "visibility": "PUBLIC", "launchedOn": "2025-01-01", "funded": true,
                         "medianTriageDays": %s, "lastActivityOn": "2026-11-15"}
                        """.formatted(medianTriageDays)))
                .get("id")
                .asString();
    }

    static void connect(Http admin, String url, String program) {
        JsonNode saved = ok(admin.put("/api/v1/integrations/bugcrowd", """
                {"apiUrl": "%s", "apiToken": "%s"}
                """.formatted(url, TOKEN)));
        assertThat(saved.toString()).doesNotContain(TOKEN).doesNotContain("S3cret");
        assertThat(saved.get("settings").get("apiVersion").asString()).isEqualTo("2024-01-11");
        ok(admin.put("/api/v1/integrations/bugcrowd/programs/acme-bb", """
                {"programId": "%s", "targets": {"Acme Cloud": "com.acme.app/CLOUD", "Acme DC": "com.acme.dc/DATA_CENTER"}}
                """.formatted(program)));
    }

    static Map<String, JsonNode> submissions(Http admin) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        ok(admin.get("/api/v1/integrations/bugcrowd/programs/acme-bb/submissions?limit=1000"))
                .forEach(s -> out.put(s.get("id").asString(), s));
        return out;
    }

    static JsonNode ticketOf(Http admin, FakeBugcrowd.Submission s) {
        JsonNode seen = submissions(admin).get(s.id());
        assertThat(seen.has("ticket")).as(seen.toString()).isTrue();
        return ok(admin.get("/api/v1/tickets/" + seen.get("ticket").asString()));
    }

    static long bugBountyTickets(Http admin) {
        return ok(admin.get("/api/v1/tickets?type=BUG_BOUNTY&size=100"))
                .get("items")
                .size();
    }

    @Test
    void submissionsBecomeOneTicketEachAndBugcrowdsDecisionsMoveThem() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb", "someone-else");
                FreshWarden warden = FreshWarden.start(SETTINGS, clock)) {
            LogCapture logs = LogCapture.start();
            Http admin = warden.admin();
            String program = acme(admin, "3");
            FakeBugcrowd.Submission untriaged = bugcrowd.submit(
                            "acme-bb", "IDOR on the export endpoint", "2026-11-01T10:00:00Z")
                    .severity(2)
                    .target("Acme Cloud");
            FakeBugcrowd.Submission triaged = bugcrowd.submit(
                            "acme-bb", "RCE through the importer", "2026-11-10T08:00:00Z")
                    .severity(1)
                    .cvss(9.8)
                    .target("Acme DC")
                    .triaged("2026-11-18T12:00:00Z");
            FakeBugcrowd.Submission unmapped = bugcrowd.submit(
                            "acme-bb", "Open redirect on the login", "2026-11-12T08:00:00Z")
                    .severity(3)
                    .target("Acme Mobile");
            FakeBugcrowd.Submission unrated = bugcrowd.submit("acme-bb", "Verbose error page", "2026-11-13T08:00:00Z")
                    .target("Acme Cloud");
            FakeBugcrowd.Submission invalid = bugcrowd.submit("acme-bb", "Missing SPF record", "2026-11-14T08:00:00Z")
                    .severity(4)
                    .target("Acme Cloud")
                    .notApplicable("2026-11-14T09:00:00Z");
            FakeBugcrowd.Submission duplicate = bugcrowd.submit("acme-bb", "IDOR again", "2026-11-15T08:00:00Z")
                    .severity(2)
                    .target("Acme Cloud")
                    .duplicateOf(untriaged);
            bugcrowd.submit("someone-else", "Not ours", "2026-11-15T08:00:00Z").severity(1);

            // A link that names an app the program does not cover is refused, field by field.
            Http.Response refused = admin.put("/api/v1/integrations/bugcrowd", """
                    {"apiUrl": "%s", "apiToken": "no colon here"}
                    """.formatted(bugcrowd.url()));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("/apiToken").doesNotContain("no colon here");
            connect(admin, bugcrowd.url(), program);
            Http.Response badLink = admin.put("/api/v1/integrations/bugcrowd/programs/acme-bb", """
                    {"programId": "%s", "targets": {"Acme Cloud": "com.acme.dc/CLOUD", "Other": "nothing"}}
                    """.formatted(program));
            assertThat(badLink.status()).isEqualTo(400);
            assertThat(badLink.body())
                    .contains("/targets/Acme Cloud")
                    .contains("has no CLOUD listing")
                    .contains("/targets/Other");

            JsonNode test = ok(admin.post("/api/v1/integrations/bugcrowd/test", ""));
            assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
            assertThat(test.get("programsVisible").valueStream().map(JsonNode::asString))
                    .contains("acme-bb", "someone-else");

            // The first pull: two tickets; the unmapped target and the missing priority wait, visibly;
            // the invalid and the duplicate open none. A 429 storm on the way is waited out.
            bugcrowd.throttle(2);
            JsonNode first = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(first.get("errors")).as(first.toString()).isEmpty();
            assertThat(first.get("submissions").asInt()).isEqualTo(6);
            assertThat(first.get("opened").asInt()).isEqualTo(2);
            assertThat(first.get("waiting").asInt()).isEqualTo(2);
            assertThat(first.get("throttled").asInt()).isEqualTo(2);
            assertThat(bugcrowd.requests())
                    .filteredOn(r -> r.path().equals("/submissions"))
                    .allSatisfy(r -> {
                        assertThat(r.query()).containsEntry("filter[program]", "acme-bb");
                        assertThat(r.version()).isEqualTo("2024-01-11");
                    });

            JsonNode idor = ticketOf(admin, untriaged);
            assertThat(idor.get("type").asString()).isEqualTo("BUG_BOUNTY");
            assertThat(idor.get("app").asString()).isEqualTo("com.acme.app");
            assertThat(idor.get("hosting").asString()).isEqualTo("CLOUD");
            assertThat(idor.get("severity").asString()).isEqualTo("HIGH");
            assertThat(idor.get("status").asString()).isEqualTo("NEEDS_TRIAGE");
            assertThat(idor.get("reportedAt").asString()).isEqualTo("2026-11-01T10:00:00Z");
            assertThat(idor.get("triageDueAt").asString()).isEqualTo("2026-11-15T10:00:00Z");
            assertThat(idor.get("triageOverdue").asBoolean()).isTrue();
            JsonNode rce = ticketOf(admin, triaged);
            assertThat(rce.get("severity").asString()).isEqualTo("CRITICAL");
            assertThat(rce.get("score").asDouble()).isEqualTo(9.8);
            assertThat(rce.get("hosting").asString()).isEqualTo("DATA_CENTER");
            assertThat(rce.get("status").asString()).isEqualTo("NEEDS_PATCH");
            assertThat(rce.get("clockStartAt").asString()).isEqualTo("2026-11-18T12:00:00Z");
            Map<String, JsonNode> seen = submissions(admin);
            assertThat(seen.get(unmapped.id()).get("waitingBecause").asString()).contains("'Acme Mobile'");
            assertThat(seen.get(unrated.id()).get("waitingBecause").asString()).contains("no priority yet");
            assertThat(seen.get(invalid.id()).has("ticket")).isFalse();
            assertThat(seen.get(invalid.id()).has("waitingBecause")).isFalse();
            assertThat(seen.get(duplicate.id()).has("ticket")).isFalse();
            assertThat(ok(admin.get("/api/v1/integrations/bugcrowd/programs/acme-bb/submissions?waiting=true")))
                    .hasSize(2);

            // Pulled again, and twice at once: still one ticket per submission.
            JsonNode again = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(again.get("opened").asInt()).isZero();
            assertThat(again.get("changed").asInt()).isZero();
            FakeBugcrowd.Submission raced = bugcrowd.submit(
                            "acme-bb", "SSRF in the webhook tester", "2026-11-19T08:00:00Z")
                    .severity(2)
                    .target("Acme Cloud");
            for (int i = 1; i <= 4; i++) {
                bugcrowd.submit("acme-bb", "Race " + i, "2026-11-19T0" + i + ":00:00Z")
                        .severity(3)
                        .target("Acme Cloud");
            }
            BugcrowdPull pull = warden.bean(BugcrowdPull.class);
            CompletableFuture<BugcrowdPull.Result> one = CompletableFuture.supplyAsync(pull::pull);
            CompletableFuture<BugcrowdPull.Result> two = CompletableFuture.supplyAsync(pull::pull);
            assertThat(one.get().opened() + two.get().opened()).isEqualTo(5);
            assertThat(bugBountyTickets(admin)).isEqualTo(7);
            assertThat(ticketOf(admin, raced).get("status").asString()).isEqualTo("NEEDS_TRIAGE");

            // Bugcrowd's people move on: triage, a priority, a mapping, a fix, a reassessment.
            untriaged.triaged("2026-11-19T08:00:00Z");
            unrated.severity(4);
            triaged.resolved("2026-11-20T08:00:00Z");
            raced.severity(1);
            ok(admin.put("/api/v1/integrations/bugcrowd/programs/acme-bb", """
                    {"programId": "%s", "targets": {"Acme Cloud": "com.acme.app/CLOUD",
                     "Acme DC": "com.acme.dc/DATA_CENTER", "*": "com.acme.app/CLOUD"}}
                    """.formatted(program)));
            JsonNode moved = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(moved.get("opened").asInt()).as(moved.toString()).isEqualTo(2);
            assertThat(moved.get("changed").asInt()).isEqualTo(3);
            assertThat(moved.get("waiting").asInt()).isZero();
            idor = ticketOf(admin, untriaged);
            assertThat(idor.get("status").asString()).isEqualTo("NEEDS_PATCH");
            // Triaged on the 19th, but the 14-day window ran out on the 15th: the clock started then.
            assertThat(idor.get("clockStartAt").asString()).isEqualTo("2026-11-15T10:00:00Z");
            assertThat(idor.get("events")
                            .valueStream()
                            .map(e ->
                                    e.get("type").asString() + "@" + e.get("at").asString()))
                    .contains("TRIAGED@2026-11-19T08:00:00Z");
            assertThat(ticketOf(admin, triaged).get("status").asString()).isEqualTo("NEEDS_SECURITY_REVIEW");
            assertThat(ticketOf(admin, raced).get("severity").asString()).isEqualTo("CRITICAL");
            JsonNode late = ticketOf(admin, unrated);
            assertThat(late.get("severity").asString()).isEqualTo("LOW");
            assertThat(late.get("reportedAt").asString()).isEqualTo("2026-11-13T08:00:00Z");
            assertThat(ticketOf(admin, unmapped).get("app").asString()).isEqualTo("com.acme.app");

            // Found not applicable after all: the ticket follows.
            raced.notApplicable("2026-11-20T08:30:00Z");
            ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(ticketOf(admin, raced).get("status").asString()).isEqualTo("NOT_APPLICABLE");
            assertThat(bugBountyTickets(admin)).isEqualTo(9);

            // Every change was the integration's, on the audit trail; the token is nowhere.
            String audit = admin.get("/api/v1/audit?size=200").body();
            assertThat(audit).contains("BUGCROWD_CONNECTED", "BUGCROWD_PROGRAM_LINKED", "TICKET_TRIAGED");
            for (String path : List.of(
                    "/api/v1/integrations/bugcrowd",
                    "/api/v1/audit?size=200",
                    "/api/v1/snapshot",
                    "/api/v1/integrations/bugcrowd/programs/acme-bb/submissions")) {
                assertThat(admin.get(path).body()).as(path).doesNotContain("S3cret");
            }
            assertThat(logs.stop()).noneMatch(line -> line.contains("S3cret"));
        }
    }

    @Test
    void theRulesJudgeTheProgramByItsMeasuredHealthNotThePartnersWord() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb");
                FreshWarden warden = FreshWarden.start(SETTINGS, clock)) {
            Http admin = warden.admin();
            String program = acme(admin, "3"); // the partner says: three days to triage
            // Bugcrowd says 20, 25 and 31 days; the newest was rewarded after 40 days.
            bugcrowd.submit("acme-bb", "One", "2026-06-01T00:00:00Z")
                    .severity(3)
                    .target("Acme Cloud")
                    .triaged("2026-06-21T00:00:00Z");
            bugcrowd.submit("acme-bb", "Two", "2026-07-01T00:00:00Z")
                    .severity(3)
                    .target("Acme Cloud")
                    .triaged("2026-07-26T00:00:00Z");
            bugcrowd.submit("acme-bb", "Three", "2026-08-01T00:00:00Z")
                    .severity(4)
                    .target("Acme Cloud")
                    .triaged("2026-09-01T00:00:00Z")
                    .reward(50_000, "2026-09-10T00:00:00Z");
            // Still open from before the first policy version: reported when that took effect.
            FakeBugcrowd.Submission legacy = bugcrowd.submit("acme-bb", "Legacy XXE", "2021-03-01T00:00:00Z")
                    .severity(3)
                    .target("Acme Cloud")
                    .triaged("2021-03-05T00:00:00Z");
            connect(admin, bugcrowd.url(), program);
            ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            JsonNode old = ticketOf(admin, legacy);
            assertThat(old.get("reportedAt").asString()).isEqualTo("2022-12-06T00:00:00Z");
            assertThat(old.get("policyVersion").asString()).isEqualTo("2022-12-06");
            assertThat(old.get("overdue").asBoolean()).isTrue();

            JsonNode health = ok(admin.get("/api/v1/integrations/bugcrowd"))
                    .get("programs")
                    .get(0)
                    .get("health");
            assertThat(health.get("submissions").asInt()).isEqualTo(3);
            assertThat(health.get("medianTriageDays").asDouble()).isEqualTo(25.0);
            assertThat(health.get("medianDaysToReward").asDouble()).isEqualTo(40.0);
            assertThat(health.get("rewardsPaidCents").asLong()).isEqualTo(50_000);
            assertThat(health.get("lastActivityOn").asString()).isEqualTo("2026-09-10");

            // The program's page shows the partner what the rules go by.
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
            Http.Response page =
                    SignIns.person(warden.port(), "pat@acme.example").get("/programs/" + program);
            assertThat(page.body())
                    .contains("Measured by Warden")
                    .contains("25.0 days")
                    .contains("from 3 Bugcrowd submissions of the last 365 days");

            ok(admin.post("/api/v1/enforcement/evaluations", ""));
            JsonNode cases = ok(admin.get("/api/v1/enforcement/cases?partner=acme&size=100"))
                    .get("items");
            List<String> evidence = cases.valueStream()
                    .filter(c -> c.get("rule").asString().equals("BOUNTY-UNHEALTHY"))
                    .map(JsonNode::toString)
                    .toList();
            assertThat(evidence)
                    .singleElement()
                    .asString()
                    .contains("median time to triage 25.0 days (at most 14)")
                    .contains("computed from 3 Bugcrowd submissions of the last 365 days")
                    .doesNotContain("reported by the partner");
        }
    }

    @Test
    void administratorsConnectLinkAndPullFromTheConsole() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb");
                FreshWarden warden = FreshWarden.start(SETTINGS, clock)) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ada.admin", null, Role.ADMIN);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
            assertThat(SignIns.person(warden.port(), "ian.analyst")
                            .get("/integrations/bugcrowd")
                            .status())
                    .as("an analyst does not manage integrations")
                    .isEqualTo(403);
            String program = acme(warden.admin(), "3");
            bugcrowd.submit("acme-bb", "Stored XSS in the <script> editor", "2026-11-18T08:00:00Z")
                    .severity(2)
                    .target("Acme Cloud");
            bugcrowd.submit("acme-bb", "CSRF on the settings page", "2026-11-19T08:00:00Z")
                    .severity(3)
                    .target("Acme Mobile");

            Http ada = SignIns.person(warden.port(), "ada.admin");
            Http.Response empty = ada.get("/integrations/bugcrowd");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).contains("Connect").contains("value=\"2024-01-11\"");
            Map<String, String> form = new java.util.LinkedHashMap<>(Map.of(
                    "apiUrl", "ftp://bugcrowd.example",
                    "apiToken", TOKEN,
                    "apiVersion", "2024-01-11",
                    "enabled", "true",
                    "_csrf", empty.csrf()));
            Http.Response refused = ada.form("/integrations/bugcrowd", form);
            assertThat(refused.body())
                    .as("refused, with the values kept but never the token")
                    .contains("value=\"ftp://bugcrowd.example\"")
                    .doesNotContain("S3cret");
            form.put("apiUrl", bugcrowd.url());
            Http.Response saved = ada.form("/integrations/bugcrowd", form);
            assertThat(saved.status()).isEqualTo(302);
            Http.Response shown = ada.get(String.valueOf(saved.header("Location")));
            assertThat(shown.body()).contains("Bugcrowd connection saved").doesNotContain("S3cret");

            Http.Response linked = ada.form(
                    "/integrations/bugcrowd/programs",
                    Map.of(
                            "code",
                            "acme-bb",
                            "programId",
                            program,
                            "targets",
                            "Acme Cloud = com.acme.app/CLOUD\nAcme DC = com.acme.dc/DATA_CENTER",
                            "_csrf",
                            shown.csrf()));
            assertThat(linked.status()).as(linked.body()).isEqualTo(302);
            Http.Response page = ada.get("/integrations/bugcrowd");
            assertThat(page.body()).contains("acme-bb").contains("Acme Cloud → com.acme.app/CLOUD");

            Http.Response tested = ada.form("/integrations/bugcrowd/test", Map.of("_csrf", page.csrf()));
            assertThat(tested.body()).contains("Connected. The token sees 1 program: acme-bb.");
            Http.Response pulled = ada.form("/integrations/bugcrowd/pull", Map.of("_csrf", page.csrf()));
            assertThat(pulled.body())
                    .contains("Pulled 2 submissions of 1 program: 1 ticket opened, 0 changed, 1 waiting.")
                    .contains("Waiting in acme-bb")
                    .contains("CSRF on the settings page")
                    .contains("target &#39;Acme Mobile&#39; is not mapped")
                    .doesNotContain("<script>");

            Http.Response made = ada.form("/integrations/bugcrowd/webhook-url", Map.of("_csrf", page.csrf()));
            assertThat(made.status()).isEqualTo(302);
            Http.Response once = ada.get(String.valueOf(made.header("Location")));
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("id=\"bugcrowd-webhook-url\">([^<]+)<")
                    .matcher(once.body());
            assertThat(url.find()).as(once.body()).isTrue();
            assertThat(url.group(1)).contains("/api/v1/integrations/bugcrowd/webhook/");
            Http.Response after = ada.get("/integrations/bugcrowd");
            assertThat(after.body())
                    .as("shown once")
                    .doesNotContain(url.group(1))
                    .contains("an address was made")
                    .contains("not checked: the address alone admits a delivery");

            Http.Response secret = ada.form(
                    "/integrations/bugcrowd/webhook-secret", Map.of("secret", WEBHOOK_SECRET, "_csrf", after.csrf()));
            assertThat(secret.status()).as(secret.body()).isEqualTo(302);
            String path = url.group(1).substring(url.group(1).indexOf("/api/v1/"));
            assertThat(new Http(warden.port())
                            .post(path, "{}", BugcrowdDigest.HEADER, "sha256=" + "0".repeat(64))
                            .status())
                    .isEqualTo(401);
            Http.Response checked = ada.get(String.valueOf(secret.header("Location")));
            assertThat(checked.body())
                    .contains("Webhook secret saved")
                    .contains("checked: every delivery must carry X-Bugcrowd-Digest")
                    .contains("1, the last")
                    .contains("is not the body&#39;s under the webhook secret")
                    .doesNotContain(WEBHOOK_SECRET);
            Http.Response off =
                    ada.form("/integrations/bugcrowd/webhook-secret/remove", Map.of("_csrf", checked.csrf()));
            assertThat(ada.get(String.valueOf(off.header("Location"))).body())
                    .contains("The digest is no longer checked")
                    .contains("not checked: the address alone admits a delivery");
        }
    }

    @Test
    void aRefusedTokenOrTooMuchWaitingStopsThePullVisiblyAndTheNextOneCatchesUp() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        Map<String, Object> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("warden.bugcrowd.wait-budget", "1s");
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb");
                FreshWarden warden = FreshWarden.start(settings, clock)) {
            Http admin = warden.admin();
            String program = acme(admin, "3");
            FakeBugcrowd.Submission s = bugcrowd.submit("acme-bb", "SQL injection in search", "2026-11-18T08:00:00Z")
                    .severity(1)
                    .target("Acme Cloud");
            Http.Response early = admin.put("/api/v1/integrations/bugcrowd/programs/acme-bb", """
                    {"programId": "%s"}
                    """.formatted(program));
            assertThat(early.status()).isEqualTo(404);
            assertThat(early.body()).contains("connect first");
            ok(admin.put("/api/v1/integrations/bugcrowd", """
                    {"apiUrl": "%s", "apiToken": "wardenbot:revoked-long-ago"}
                    """.formatted(bugcrowd.url())));
            ok(admin.put("/api/v1/integrations/bugcrowd/programs/acme-bb", """
                    {"programId": "%s", "targets": {"*": "com.acme.app/CLOUD"}}
                    """.formatted(program)));
            JsonNode test = ok(admin.post("/api/v1/integrations/bugcrowd/test", ""));
            assertThat(test.get("ok").asBoolean()).isFalse();
            assertThat(test.get("problems").get(0).asString()).startsWith("Bugcrowd refused the API token (401)");
            JsonNode refused = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(refused.get("errors").get(0).asString()).contains("Bugcrowd answered 401");
            JsonNode status = ok(admin.get("/api/v1/integrations/bugcrowd"));
            assertThat(status.get("lastError").asString()).contains("401");
            assertThat(status.has("lastPullAt")).isFalse();

            // The right token; then Bugcrowd asks to wait longer than the pull's budget allows.
            ok(admin.put("/api/v1/integrations/bugcrowd", """
                    {"apiToken": "%s"}
                    """.formatted(TOKEN)));
            bugcrowd.throttle(2);
            JsonNode throttled = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(throttled.get("errors").get(0).asString()).contains("the pull gives up for now");
            assertThat(throttled.get("opened").asInt()).isZero();
            assertThat(ok(admin.get("/api/v1/integrations/bugcrowd"))
                            .get("lastError")
                            .asString())
                    .contains("429");

            JsonNode caughtUp = ok(admin.post("/api/v1/integrations/bugcrowd/pull", ""));
            assertThat(caughtUp.get("errors")).isEmpty();
            assertThat(caughtUp.get("opened").asInt()).isEqualTo(1);
            status = ok(admin.get("/api/v1/integrations/bugcrowd"));
            assertThat(status.has("lastError"))
                    .as("cleared by a pull that worked")
                    .isFalse();
            assertThat(status.get("lastPullAt").asString()).isEqualTo("2026-11-20T09:00:00Z");
            assertThat(ticketOf(admin, s).get("app").asString())
                    .as("* stands for every target")
                    .isEqualTo("com.acme.app");
        }
    }

    /** A Bugcrowd webhook delivery as its API describes one: an event resource naming the submission. */
    static String event(String key, FakeBugcrowd.Submission s, String claimedState) {
        return """
                {"data": {"id": "%s", "type": "event",
                  "attributes": {"created_at": "2026-11-20T08:59:00Z", "key": "%s",
                    "data": {"changes": {"state": {"from": "new", "to": "%s"}}}},
                  "relationships": {
                    "actor": {"data": {"type": "identity", "id": "0e0c1b5e-0000-4000-8000-000000000001"}},
                    "resource": {"data": {"type": "submission", "id": "%s"}}}},
                 "included": [
                   {"id": "0e0c1b5e-0000-4000-8000-000000000001", "type": "identity", "attributes": {"name": "Triager"}},
                   {"id": "%s", "type": "submission", "attributes": {"title": "forged", "state": "%s", "severity": 5}}]}
                """.formatted(java.util.UUID.randomUUID(), key, claimedState, s.id(), s.id(), claimedState);
    }

    static JsonNode awaitTicket(Http admin, FakeBugcrowd.Submission s, String status) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < until) {
            JsonNode seen = submissions(admin).get(s.id());
            if (seen != null && seen.has("ticket")) {
                last = ok(admin.get("/api/v1/tickets/" + seen.get("ticket").asString()));
                if (last.get("status").asString().equals(status)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ticket in " + status + " for " + s.id() + ": " + last);
    }

    @Test
    void webhookDeliveriesAreHintsToReadTheSubmissionAgainNeverFacts() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb", "someone-else");
                FreshWarden warden = FreshWarden.start(SETTINGS, clock)) {
            Http admin = warden.admin();
            connect(admin, bugcrowd.url(), acme(admin, "3"));
            String url = ok(admin.post("/api/v1/integrations/bugcrowd/webhook-url", ""))
                    .get("webhookUrl")
                    .asString();
            String path = url.substring(url.indexOf("/api/v1/"));
            assertThat(path)
                    .startsWith("/api/v1/integrations/bugcrowd/webhook/")
                    .hasSizeGreaterThan(60);
            assertThat(ok(admin.get("/api/v1/integrations/bugcrowd"))
                            .get("webhook")
                            .asBoolean())
                    .isTrue();
            Http anyone = new Http(warden.port());

            FakeBugcrowd.Submission s = bugcrowd.submit(
                            "acme-bb", "Account takeover via reset link", "2026-11-19T10:00:00Z")
                    .severity(1)
                    .target("Acme Cloud");
            assertThat(anyone.post(
                                    "/api/v1/integrations/bugcrowd/webhook/not-the-secret",
                                    event("submission.created", s, "new"))
                            .status())
                    .isEqualTo(401);
            assertThat(anyone.post(path, "{not json").status()).isEqualTo(400);
            assertThat(submissions(admin)).doesNotContainKey(s.id());

            // Created: read from Bugcrowd, so the forged title and P5 in the delivery count for nothing.
            Http.Response created = anyone.post(path, event("submission.created", s, "new"));
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.body()).isEmpty();
            JsonNode ticket = awaitTicket(admin, s, "NEEDS_TRIAGE");
            assertThat(ticket.get("title").asString()).isEqualTo("Account takeover via reset link");
            assertThat(ticket.get("severity").asString()).isEqualTo("CRITICAL");
            assertThat(ticket.get("reportedAt").asString()).isEqualTo("2026-11-19T10:00:00Z");

            // Triaged in Bugcrowd; the update arrives, then the creation again, late and twice.
            s.triaged("2026-11-20T08:00:00Z");
            assertThat(anyone.post(path, event("submission.updated", s, "triaged"))
                            .status())
                    .isEqualTo(200);
            assertThat(anyone.post(path, event("submission.created", s, "new")).status())
                    .isEqualTo(200);
            assertThat(anyone.post(path, event("submission.created", s, "new")).status())
                    .isEqualTo(200);
            ticket = awaitTicket(admin, s, "NEEDS_PATCH");
            assertThat(ticket.get("clockStartAt").asString()).isEqualTo("2026-11-20T08:00:00Z");

            // A delivery claiming what Bugcrowd does not say changes nothing; nor one about another program.
            assertThat(anyone.post(path, event("submission.updated", s, "not_applicable"))
                            .status())
                    .isEqualTo(200);
            FakeBugcrowd.Submission theirs = bugcrowd.submit("someone-else", "Not ours", "2026-11-19T10:00:00Z")
                    .severity(1)
                    .target("Acme Cloud");
            assertThat(anyone.post(path, event("submission.created", theirs, "new"))
                            .status())
                    .isEqualTo(200);
            BugcrowdHints hints = warden.bean(BugcrowdHints.class);
            long until = System.nanoTime() + 20_000_000_000L;
            while (!hints.idle() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(hints.idle()).as("the hints were read").isTrue();
            assertThat(awaitTicket(admin, s, "NEEDS_PATCH").get("events").size())
                    .as("reported and triaged, nothing else")
                    .isEqualTo(2);
            assertThat(bugBountyTickets(admin)).isEqualTo(1);
            assertThat(bugcrowd.requests())
                    .filteredOn(r -> r.path().startsWith("/submissions/"))
                    .allSatisfy(r -> assertThat(r.query().get("include")).contains("program"));

            // A new address; the old one stops working.
            String newer = ok(admin.post("/api/v1/integrations/bugcrowd/webhook-url", ""))
                    .get("webhookUrl")
                    .asString();
            assertThat(newer).isNotEqualTo(url);
            assertThat(anyone.post(path, event("submission.updated", s, "triaged"))
                            .status())
                    .isEqualTo(401);
            assertThat(admin.get("/api/v1/audit?size=200").body())
                    .contains("BUGCROWD_WEBHOOK_URL_MADE")
                    .doesNotContain(path.substring(path.lastIndexOf('/') + 1));
        }
    }

    /** The X-Bugcrowd-Digest Bugcrowd puts on a delivery: the HMAC-SHA256 of the body under the secret. */
    static String digest(String secret, String body) {
        return "sha256="
                + java.util.HexFormat.of()
                        .formatHex(BugcrowdDigest.hmac(secret, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void onceBugcrowdsSecretIsGivenOnlyDeliveriesSignedWithItAreAdmitted() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T09:00:00Z"));
        try (FakeBugcrowd bugcrowd = new FakeBugcrowd(TOKEN, "acme-bb");
                FreshWarden warden = FreshWarden.start(SETTINGS, clock)) {
            LogCapture logs = LogCapture.start();
            Http admin = warden.admin();
            connect(admin, bugcrowd.url(), acme(admin, "3"));
            String url = ok(admin.post("/api/v1/integrations/bugcrowd/webhook-url", ""))
                    .get("webhookUrl")
                    .asString();
            String path = url.substring(url.indexOf("/api/v1/"));
            assertThat(admin.put("/api/v1/integrations/bugcrowd/webhook-secret", "{\"secret\": \"has a space\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(admin.put("/api/v1/integrations/bugcrowd/webhook-secret", "{}")
                            .status())
                    .isEqualTo(400);
            JsonNode status = ok(admin.put(
                    "/api/v1/integrations/bugcrowd/webhook-secret", "{\"secret\": \"%s\"}".formatted(WEBHOOK_SECRET)));
            assertThat(status.get("webhookDeliveries").get("digestChecked").asBoolean())
                    .isTrue();
            assertThat(status.toString()).doesNotContain(WEBHOOK_SECRET);
            Http anyone = new Http(warden.port());

            FakeBugcrowd.Submission s = bugcrowd.submit("acme-bb", "SSRF in the importer", "2026-11-19T10:00:00Z")
                    .severity(2)
                    .target("Acme Cloud");
            String created = event("submission.created", s, "new");
            assertThat(anyone.post(path, created).status()).as("unsigned").isEqualTo(401);
            assertThat(anyone.post(path, created, BugcrowdDigest.HEADER, digest("not-the-secret", created))
                            .status())
                    .as("signed with another secret")
                    .isEqualTo(401);
            String updated = event("submission.updated", s, "triaged");
            assertThat(anyone.post(path, updated, BugcrowdDigest.HEADER, digest(WEBHOOK_SECRET, created))
                            .status())
                    .as("another delivery's digest")
                    .isEqualTo(401);
            assertThat(anyone.post(path, "{not json", BugcrowdDigest.HEADER, digest("x", "{not json"))
                            .status())
                    .as("the digest is checked before the body is read")
                    .isEqualTo(401);
            JsonNode refused = ok(admin.get("/api/v1/integrations/bugcrowd")).get("webhookDeliveries");
            assertThat(refused.get("refused").asLong()).isEqualTo(4);
            assertThat(refused.get("lastRefusal").asString()).contains("is not the body's under the webhook secret");
            assertThat(refused.has("lastDeliveryAt")).isFalse();
            assertThat(submissions(admin)).as("nothing refused was read").doesNotContainKey(s.id());

            // Signed: the update first, then the creation twice, out of order; one ticket, Bugcrowd's clock.
            s.triaged("2026-11-20T08:00:00Z");
            for (String body : List.of(updated, created, created)) {
                assertThat(anyone.post(path, body, BugcrowdDigest.HEADER, digest(WEBHOOK_SECRET, body))
                                .status())
                        .isEqualTo(200);
            }
            JsonNode ticket = awaitTicket(admin, s, "NEEDS_PATCH");
            assertThat(ticket.get("reportedAt").asString()).isEqualTo("2026-11-19T10:00:00Z");
            assertThat(ticket.get("clockStartAt").asString()).isEqualTo("2026-11-20T08:00:00Z");
            BugcrowdHints hints = warden.bean(BugcrowdHints.class);
            long until = System.nanoTime() + 20_000_000_000L;
            while (!hints.idle() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(bugBountyTickets(admin)).isEqualTo(1);
            assertThat(ok(admin.get("/api/v1/integrations/bugcrowd"))
                            .get("webhookDeliveries")
                            .get("lastDeliveryAt")
                            .asString())
                    .isEqualTo("2026-11-20T09:00:00Z");

            // Stopping the check admits by the address alone again.
            ok(admin.send("DELETE", "/api/v1/integrations/bugcrowd/webhook-secret", null, null));
            assertThat(anyone.post(path, created).status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/audit?size=200").body())
                    .contains("BUGCROWD_WEBHOOK_SECRET_SET")
                    .contains("BUGCROWD_WEBHOOK_DIGEST_OFF")
                    .doesNotContain(WEBHOOK_SECRET);
            assertThat(admin.get("/api/v1/snapshot").body()).doesNotContain(WEBHOOK_SECRET);
            List<String> logged = logs.stop();
            assertThat(logged).anyMatch(line -> line.contains("a Bugcrowd webhook delivery was refused"));
            assertThat(logged)
                    .as("the secret, and no digest made with it, in any log line")
                    .noneMatch(line -> line.contains(WEBHOOK_SECRET) || line.contains(digest(WEBHOOK_SECRET, created)));
        }
    }
}

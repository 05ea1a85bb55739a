package dev.warden.server.obligations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The obligations of docs/policy sections 4 to 7 through the API, as partners and the operator's people
 * use them, down to the enforcement they lead to.
 */
@ExtendWith(DatabaseRequirement.class)
class ObligationsIT {
    static final Map<String, Object> NO_JOBS = Map.of("warden.jobs.enabled", "false");

    /** A Warden on 1 November 2026 with acme (Gold, one paid Cloud Fortified app) and globex, and their people. */
    record World(FreshWarden warden, TestClock clock, Http partner, Http other, Http analyst, Http ana, Http bo) {
        Http admin() {
            return warden.admin();
        }

        void evaluate() {
            ok(admin().post("/api/v1/enforcement/evaluations", ""));
        }
    }

    static World world() {
        TestClock clock = new TestClock(Instant.parse("2026-11-01T09:00:00Z"));
        FreshWarden warden = FreshWarden.start(NO_JOBS, clock);
        Http admin = warden.admin();
        for (String p : List.of("acme", "globex")) {
            ok(admin.post("/api/v1/partners", """
                    {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                    """.formatted(p, p, p)));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.%s.app", "name": "%s App", "partner": "%s", "firstListedOn": "2021-01-01",
                     "badges": ["CLOUD_FORTIFIED"],
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 500}]}
                    """.formatted(p, p, p)));
        }
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "gus@globex.example", "globex", Role.PARTNER);
        SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
        SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
        SignIns.createUser(users, "bo.approver", null, Role.APPROVER);
        int port = warden.port();
        return new World(
                warden,
                clock,
                SignIns.person(port, "pat@acme.example"),
                SignIns.person(port, "gus@globex.example"),
                SignIns.person(port, "ian.analyst"),
                SignIns.person(port, "ana.approver"),
                SignIns.person(port, "bo.approver"));
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static List<String> openCases(World w, String rule) {
        return ok(w.admin().get("/api/v1/enforcement/cases?partner=acme&size=100"))
                .get("items")
                .valueStream()
                .filter(c -> c.get("rule").asString().equals(rule)
                        && c.get("status").asString().equals("OPEN"))
                .map(c -> c.get("subject").get("id").asString())
                .toList();
    }

    static JsonNode proposed(Http http, String action) {
        return ok(http.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"))
                .get("items")
                .valueStream()
                .filter(a -> a.get("action").asString().equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no proposed " + action));
    }

    static String listing(Http http) {
        return ok(http.get("/api/v1/apps/com.acme.app"))
                .get("listings")
                .get(0)
                .get("state")
                .asString();
    }

    @Test
    void anIncidentTheOperatorLearnedOfFirstIsLateUntilThePartnerReportsIt() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            // Partners may not record an incident as unreported: they report it.
            Http.Response partnerTry = w.partner().post("/api/v1/incidents", """
                    {"apps": ["com.acme.app"], "category": "CREDENTIAL_LEAK", "title": "Keys on a paste site",
                     "awareAt": "2026-11-01T08:00:00Z", "unreported": true}
                    """);
            assertThat(partnerTry.status()).isEqualTo(400);
            assertThat(partnerTry.body()).contains("/unreported");

            // A researcher told the operator; the partner was told the same hour and has not reported.
            JsonNode recorded = ok(w.analyst().post("/api/v1/incidents", """
                    {"partner": "acme", "apps": ["com.acme.app"], "category": "CREDENTIAL_LEAK",
                     "title": "Keys on a paste site", "awareAt": "2026-11-01T08:00:00Z", "unreported": true,
                     "enterpriseCustomers": true}
                    """));
            String id = recorded.get("incident").get("id").asString();
            assertThat(recorded.get("incident").has("reportedAt")).isFalse();
            assertThat(recorded.get("incident").get("recordedAt").asString()).isEqualTo("2026-11-01T09:00:00Z");
            assertThat(recorded.get("incident").get("partnerTier").asString()).isEqualTo("GOLD");
            assertThat(recorded.get("engagement").asString()).isEqualTo("HANDS_ON");
            assertThat(recorded.get("reportedLate").asBoolean()).isFalse();
            assertThat(mails(w, "sec@acme.example"))
                    .containsExactly(
                            "INCIDENT_RECORDED [Warden] Incident " + id + " on record: report it as a P1 incident");
            assertThat(openCases(w, "INCIDENT-LATE-REPORT")).isEmpty();

            // 24 hours after awareness, still unreported: late, and it stays late.
            w.clock().advance(Duration.ofHours(30));
            w.evaluate();
            assertThat(openCases(w, "INCIDENT-LATE-REPORT")).containsExactly("com.acme.app");
            JsonNode late = ok(w.partner().get("/api/v1/incidents/" + id));
            assertThat(late.get("reportedLate").asBoolean()).isTrue();
            assertThat(w.partner().get("/incidents/" + id).body())
                    .contains("not by the partner (on record since")
                    .contains("Report the incident")
                    .contains("hands-on");

            // The partner reports it as P1; a second report is refused; the late report holds while open.
            JsonNode reported = ok(w.partner().post("/api/v1/incidents/" + id + "/report", "{\"priority\": \"P1\"}"));
            assertThat(reported.get("incident").get("reportedAt").asString()).isEqualTo("2026-11-02T15:00:00Z");
            assertThat(reported.get("incident").get("priority").asString()).isEqualTo("P1");
            assertThat(w.partner()
                            .post("/api/v1/incidents/" + id + "/report", "{}")
                            .status())
                    .isEqualTo(409);
            assertThat(w.other()
                            .post("/api/v1/incidents/" + id + "/report", "{}")
                            .status())
                    .isEqualTo(404);
            w.evaluate();
            assertThat(openCases(w, "INCIDENT-LATE-REPORT")).containsExactly("com.acme.app");
            assertThat(ok(w.admin().get("/api/v1/audit?subjectType=incident"))
                            .get("items")
                            .valueStream()
                            .map(e -> e.get("action").asString()))
                    .contains("INCIDENT_RECORDED", "INCIDENT_REPORTED");
            assertThat(mails(w, "sec@acme.example")).hasSize(1);
        }
    }

    @Test
    void anAppsScopesAreReviewedEveryTwelveMonthsAndTheReviewEndsTheViolation() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            ok(w.admin().post("/api/v1/apps", """
                    {"key": "com.acme.sync", "name": "Acme Sync", "partner": "acme", "firstListedOn": "2026-06-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 50}],
                     "oauthClients": [{"clientId": "acme-sync-3lo", "scopes": ["read:jira-work", "write:jira-work"]}]}
                    """));
            // "Audit scope usage periodically": a year from the first listing, and not yet.
            JsonNode fresh = ok(w.partner().get("/api/v1/apps/com.acme.sync/scope-review"));
            assertThat(fresh.get("requested").valueStream().map(JsonNode::asString))
                    .containsExactly("read:jira-work", "write:jira-work");
            assertThat(fresh.get("dueAt").asString()).isEqualTo("2027-06-01T00:00:00Z");
            assertThat(fresh.get("stale").asBoolean()).isFalse();
            assertThat(w.other().get("/api/v1/apps/com.acme.sync/scope-review").status())
                    .isEqualTo(404);

            w.clock().set(Instant.parse("2027-06-02T09:00:00Z"));
            w.evaluate();
            assertThat(openCases(w, "OAUTH-SCOPE-REVIEW-STALE")).contains("com.acme.sync");
            assertThat(ok(w.partner().get("/api/v1/apps/com.acme.sync/scope-review"))
                            .get("stale")
                            .asBoolean())
                    .isTrue();

            // A review names what it keeps or removes; nonsense is refused where it is.
            Http.Response empty = w.partner().post("/api/v1/apps/com.acme.sync/scope-review", "{}");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.body()).contains("names the scopes it kept or removed");
            Http.Response bad = w.partner().post("/api/v1/apps/com.acme.sync/scope-review", """
                    {"kept": ["read jira"]}""");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("/kept");

            // The page's form keeps what is ticked and marks the rest for removal.
            Http.Response form = w.partner()
                    .form(
                            "/apps/com.acme.sync/scope-review",
                            Map.of("kept", "read:jira-work", "note", "write access unused since 3.0; customers told"));
            assertThat(form.status()).as(form.body()).isEqualTo(302);
            JsonNode reviewed = ok(w.partner().get("/api/v1/apps/com.acme.sync/scope-review"));
            assertThat(reviewed.get("current").get("removed").valueStream().map(JsonNode::asString))
                    .containsExactly("write:jira-work");
            assertThat(reviewed.get("current").get("reviewedBy").asString()).isEqualTo("Test pat@acme.example");
            assertThat(reviewed.get("dueAt").asString()).isEqualTo("2028-06-02T09:00:00Z");
            w.evaluate();
            assertThat(openCases(w, "OAUTH-SCOPE-REVIEW-STALE")).doesNotContain("com.acme.sync");
            assertThat(w.partner().get("/apps/com.acme.sync").body())
                    .contains("OAuth scope review")
                    .contains("Last reviewed");
            assertThat(ok(w.admin().get("/api/v1/audit?subjectType=scope_review"))
                            .get("items")
                            .valueStream()
                            .map(e -> e.get("action").asString()))
                    .containsExactly("SCOPES_REVIEWED");
        }
    }

    /** The notices queued to a recipient: event and subject. */
    static List<String> mails(World w, String recipient) {
        return ok(w.admin().get("/api/v1/outbox?size=200"))
                .get("items")
                .valueStream()
                .filter(m -> m.get("recipient").asString().equals(recipient))
                .map(m -> m.get("event").asString() + " " + m.get("subject").asString())
                .toList();
    }

    @Test
    void aLateIncidentUnderActiveExploitationIsPausedAtOnceAndRestoredWhenContained() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            // "report an incident affecting an app within 24 hours of becoming aware of it": 30 hours is late.
            JsonNode reported = ok(w.partner().post("/api/v1/incidents", """
                    {"apps": ["com.acme.app"], "category": "DATA_EXPOSURE", "title": "Attachments readable by anyone",
                     "awareAt": "2026-10-31T03:00:00Z", "activeExploitation": true, "customersAffected": 12}
                    """));
            String id = reported.get("incident").get("id").asString();
            assertThat(id).isEqualTo("INC-1");
            assertThat(reported.get("incident").get("reportedAt").asString()).isEqualTo("2026-11-01T09:00:00Z");
            assertThat(reported.get("reportedLate").asBoolean()).isTrue();
            assertThat(reported.get("duties")
                            .valueStream()
                            .map(d -> d.get("name").asString()))
                    .containsExactly(
                            "report", "statusUpdate", "remediationPlan", "postIncidentReview", "customerNotice");

            // A partner cannot report on another partner's app, nor choose when it reported.
            Http.Response foreign = w.partner().post("/api/v1/incidents", """
                    {"apps": ["com.globex.app"], "category": "OTHER", "title": "x", "awareAt": "2026-11-01T00:00:00Z",
                     "reportedAt": "2026-10-01T00:00:00Z"}
                    """);
            assertThat(foreign.status()).isEqualTo(400);
            assertThat(foreign.body())
                    .contains("/apps/0")
                    .contains("/reportedAt")
                    .doesNotContain("globex Inc");

            // Reported: the rules see it at once (incremental evaluation after the change).
            assertThat(openCases(w, "INCIDENT-LATE-REPORT")).containsExactly("com.acme.app");
            assertThat(openCases(w, "INCIDENT-ACTIVE-EXPLOITATION")).containsExactly("com.acme.app");

            // The operator may "suspend the app immediately": a pause ahead of the ladder, with two approvals.
            Http.Response refused = w.partner()
                    .post("/api/v1/enforcement/emergency-pauses", "{\"incident\": \"" + id + "\", \"note\": \"x\"}");
            assertThat(refused.status()).isEqualTo(403);
            JsonNode pauses = ok(w.analyst().post("/api/v1/enforcement/emergency-pauses", """
                    {"incident": "%s", "note": "Attachments being scraped from the public endpoint"}
                    """.formatted(id)));
            assertThat(pauses).hasSize(1);
            JsonNode pause = pauses.get(0);
            assertThat(pause.get("action").asString()).isEqualTo("PAUSE_LISTING");
            assertThat(pause.get("approvalsRequired").asInt()).isEqualTo(2);
            assertThat(pause.get("reason").asString()).contains("Incident INC-1: Attachments being scraped");
            String approve = "/api/v1/enforcement/actions/" + pause.get("id").asLong() + "/approve";
            ok(w.ana().post(approve, "{}"));
            assertThat(listing(w.admin())).isEqualTo("LISTED");
            ok(w.bo().post(approve, "{}"));
            assertThat(listing(w.admin())).isEqualTo("PAUSED");
            assertThat(w.analyst()
                            .post(
                                    "/api/v1/enforcement/emergency-pauses",
                                    "{\"incident\": \"" + id + "\", \"note\": \"again\"}")
                            .status())
                    .as("a pause in effect is not proposed twice")
                    .isEqualTo(409);

            // Containment resolves the exploitation case and proposes lifting the pause.
            w.clock().advance(Duration.ofHours(20));
            ok(w.partner()
                    .post(
                            "/api/v1/incidents/" + id + "/events",
                            "{\"type\": \"CONTAINED\", \"text\": \"Endpoint now needs a session\"}"));
            assertThat(openCases(w, "INCIDENT-ACTIVE-EXPLOITATION")).isEmpty();
            ok(w.ana()
                    .post(
                            "/api/v1/enforcement/actions/"
                                    + proposed(w.ana(), "LIFT").get("id").asLong() + "/approve",
                            "{}"));
            assertThat(listing(w.admin())).isEqualTo("LISTED");

            // A review lacking a section, or closing by the partner, is refused; the operator closes once all is done.
            Http.Response thin = w.partner().post("/api/v1/incidents/" + id + "/events", """
                    {"type": "REVIEW", "review": {"summary": "s", "timeline": "t", "rootCause": "", "impact": "i",
                     "customersAffected": "c", "remediation": "r", "prevention": "p"}}
                    """);
            assertThat(thin.status()).isEqualTo(400);
            assertThat(thin.body()).contains("rootCause");
            assertThat(w.partner()
                            .post("/api/v1/incidents/" + id + "/events", "{\"type\": \"CLOSED\"}")
                            .status())
                    .isEqualTo(403);
            Http.Response early = w.analyst().post("/api/v1/incidents/" + id + "/events", "{\"type\": \"CLOSED\"}");
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.body()).contains("once contained and reviewed");

            // "a detailed remediation plan (default: within 7 days)": a week after the report it is late.
            w.clock().advance(Duration.ofDays(7));
            w.evaluate();
            assertThat(openCases(w, "INCIDENT-FOLLOW-UP")).containsExactly("com.acme.app");
            JsonNode late = ok(w.partner().get("/api/v1/incidents/" + id));
            assertThat(late.get("duties")
                            .valueStream()
                            .filter(d -> d.get("late").asBoolean())
                            .map(d -> d.get("name").asString()))
                    .containsExactly("report", "remediationPlan", "customerNotice");

            // The notice to customers is drafted from the operator's template with the incident's facts.
            Http.Response notice = w.partner().get("/api/v1/incidents/" + id + "/customer-notice");
            assertThat(notice.status()).isEqualTo(200);
            assertThat(notice.body())
                    .contains("affecting acme App, provided by acme Inc")
                    .contains("Attachments readable by anyone (data exposure)")
                    .contains("reference INC-1")
                    .doesNotContain("{{");

            ok(w.partner()
                    .post(
                            "/api/v1/incidents/" + id + "/events",
                            "{\"type\": \"REMEDIATION_PLAN\", \"text\": \"Sessions on every attachment route\"}"));
            ok(w.partner()
                    .post(
                            "/api/v1/incidents/" + id + "/events",
                            "{\"type\": \"CUSTOMERS_NOTIFIED\", \"text\": \"" + "Notice sent to 12 site admins\"}"));
            assertThat(openCases(w, "INCIDENT-FOLLOW-UP")).isEmpty();
            ok(w.partner().post("/api/v1/incidents/" + id + "/events", """
                    {"type": "REVIEW", "review": {"summary": "s", "timeline": "t", "rootCause": "r", "impact": "i",
                     "customersAffected": "12", "remediation": "m", "prevention": "p"}}
                    """));
            JsonNode closed = ok(w.analyst().post("/api/v1/incidents/" + id + "/events", "{\"type\": \"CLOSED\"}"));
            assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
            assertThat(openCases(w, "INCIDENT-LATE-REPORT"))
                    .as("closing the incident ends it")
                    .isEmpty();

            // globex sees none of it.
            assertThat(w.other().get("/api/v1/incidents/" + id).status()).isEqualTo(404);
            assertThat(ok(w.other().get("/api/v1/incidents")).get("totalItems").asInt())
                    .isZero();
            assertThat(w.partner().get("/api/v1/incidents?state=bogus").status())
                    .isEqualTo(400);
            assertThat(ok(w.admin().get("/api/v1/audit?subjectType=incident&size=100"))
                            .get("items")
                            .valueStream()
                            .map(e -> e.get("action").asString()))
                    .contains("INCIDENT_REPORTED", "INCIDENT_CONTAINED", "INCIDENT_CLOSED");
        }
    }

    @Test
    void aPrivateProgramPastItsDeadlineIsPausedByTheLadderAndRestoredOnceItGoesPublic() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            // "Gold: every paid cloud app with 100 or more installs"; and the app is Cloud Fortified.
            JsonNode coverage = ok(w.partner().get("/api/v1/partners/acme/bounty-coverage"));
            assertThat(coverage.get("missing").asInt()).isEqualTo(1);
            assertThat(coverage.get("apps").get(0).get("covered").asBoolean()).isFalse();
            assertThat(coverage.get("apps").get(0).get("reasons").valueStream().map(JsonNode::asString))
                    .containsExactly(
                            "Gold partner: a paid Cloud app with 500 installs (100 or more)",
                            "the app has the Cloud Fortified badge");
            w.evaluate();
            assertThat(openCases(w, "BOUNTY-MISSING")).containsExactly("com.acme.app");

            JsonNode program = ok(w.partner().post("/api/v1/bounty-programs", """
                    {"platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "PRIVATE", "launchedOn": "2025-04-01",
                     "funded": true, "medianTriageDays": 3, "lastActivityOn": "2026-10-30"}
                    """));
            String id = program.get("id").asString();
            assertThat(program.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(ok(w.partner().get("/api/v1/partners/acme/bounty-coverage"))
                            .get("missing")
                            .asInt())
                    .isZero();
            assertThat(openCases(w, "BOUNTY-MISSING")).isEmpty();
            // "every program must be public, or scheduled with the platform to go public, by 2026-06-30"
            assertThat(openCases(w, "BOUNTY-NOT-PUBLIC")).containsExactly(id);

            // Scheduling it now, months after the deadline, is recorded as made today and does not cure it.
            Http.Response before = w.partner().get("/api/v1/bounty-programs/" + id);
            JsonNode scheduled =
                    ok(w.partner().put("/api/v1/bounty-programs/" + id, """
                    {"platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "SCHEDULED",
                     "publicOn": "2026-12-15", "launchedOn": "2025-04-01", "funded": true, "medianTriageDays": 3,
                     "lastActivityOn": "2026-10-30"}
                    """, "If-Match", before.header("ETag")));
            assertThat(scheduled.get("scheduledOn").asString()).isEqualTo("2026-11-01");
            w.evaluate();
            assertThat(ok(w.admin().get("/api/v1/enforcement/cases?rule=BOUNTY-NOT-PUBLIC&status=OPEN"))
                            .get("items")
                            .get(0)
                            .get("evidence")
                            .asString())
                    .contains("only on 2026-11-01, after the deadline");

            // The partner cannot reactivate what the operator pauses: status is the operator's.
            Http.Response selfPause = w.partner().put("/api/v1/bounty-programs/" + id, """
                    {"platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "PRIVATE", "launchedOn": "2025-04-01",
                     "funded": true, "status": "PAUSED"}
                    """);
            assertThat(selfPause.status()).isEqualTo(403);

            // Warning first; thirty days on, the ladder proposes pausing the program.
            ok(w.ana()
                    .post(
                            "/api/v1/enforcement/actions/"
                                    + proposed(w.ana(), "WARNING").get("id").asLong() + "/approve",
                            "{}"));
            w.clock().advance(Duration.ofDays(31));
            w.evaluate();
            JsonNode pause = proposed(w.ana(), "PAUSE_BOUNTY_PROGRAM");
            ok(w.ana().post("/api/v1/enforcement/actions/" + pause.get("id").asLong() + "/approve", "{}"));
            assertThat(ok(w.partner().get("/api/v1/bounty-programs/" + id))
                            .get("status")
                            .asString())
                    .isEqualTo("PAUSED");
            assertThat(openCases(w, "BOUNTY-MISSING"))
                    .as("a paused program covers nothing")
                    .containsExactly("com.acme.app");

            // Public now: the case resolves; lifting it reactivates the program.
            Http.Response read = w.partner().get("/api/v1/bounty-programs/" + id);
            ok(w.partner().put("/api/v1/bounty-programs/" + id, """
                    {"platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "PUBLIC", "launchedOn": "2025-04-01",
                     "funded": true, "medianTriageDays": 3, "lastActivityOn": "2026-11-30"}
                    """, "If-Match", read.header("ETag")));
            assertThat(openCases(w, "BOUNTY-NOT-PUBLIC")).isEmpty();
            ok(w.ana()
                    .post(
                            "/api/v1/enforcement/actions/"
                                    + proposed(w.ana(), "LIFT").get("id").asLong() + "/approve",
                            "{}"));
            assertThat(ok(w.partner().get("/api/v1/bounty-programs/" + id))
                            .get("status")
                            .asString())
                    .isEqualTo("ACTIVE");
            assertThat(w.other().get("/api/v1/bounty-programs/" + id).status()).isEqualTo(404);
            assertThat(w.other().get("/api/v1/partners/acme/bounty-coverage").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aPartnerHasFourteenDaysToSubmitAndToAnswerAndMustReportChangesToItsEntity() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            assertThat(w.partner()
                            .post("/api/v1/verifications", "{\"partner\": \"acme\"}")
                            .status())
                    .isEqualTo(403);
            String id = ok(w.analyst().post("/api/v1/verifications", "{\"partner\": \"acme\"}"))
                    .get("verification")
                    .get("id")
                    .asString();
            assertThat(w.analyst()
                            .post("/api/v1/verifications", "{\"partner\": \"acme\"}")
                            .status())
                    .as("one verification at a time")
                    .isEqualTo(409);

            w.clock().advance(Duration.ofDays(14).plusMinutes(1));
            w.evaluate();
            assertThat(openCases(w, "VERIFICATION-OVERDUE")).containsExactly("acme");

            JsonNode submitted =
                    ok(w.partner().post("/api/v1/verifications/" + id + "/events", "{\"type\": \"SUBMITTED\"}"));
            assertThat(submitted.get("state").asString()).isEqualTo("SUBMITTED");
            assertThat(openCases(w, "VERIFICATION-OVERDUE")).isEmpty();
            assertThat(w.partner()
                            .post("/api/v1/verifications/" + id + "/events", "{\"type\": \"VERIFIED\"}")
                            .status())
                    .isEqualTo(403);
            ok(w.analyst()
                    .post(
                            "/api/v1/verifications/" + id + "/events",
                            "{\"type\": \"INFO_REQUESTED\", \"note\": \"A current registry extract\"}"));
            w.clock().advance(Duration.ofDays(15));
            w.evaluate();
            assertThat(openCases(w, "VERIFICATION-OVERDUE")).containsExactly("acme");
            ok(w.partner()
                    .post(
                            "/api/v1/verifications/" + id + "/events",
                            "{\"type\": \"INFO_PROVIDED\", \"note\": \"Attached\"}"));
            ok(w.analyst().post("/api/v1/verifications/" + id + "/events", "{\"type\": \"VERIFIED\"}"));
            assertThat(openCases(w, "VERIFICATION-OVERDUE")).isEmpty();
            Http.Response decided =
                    w.analyst().post("/api/v1/verifications/" + id + "/events", "{\"type\": \"REJECTED\"}");
            assertThat(decided.status()).isEqualTo(409);
            assertThat(decided.body()).contains("already decided");

            // The operator learns of an acquisition the partner did not report.
            JsonNode change = ok(w.analyst().post("/api/v1/entity-changes", """
                    {"partner": "acme", "kind": "ACQUISITION", "description": "Acquired by Initech", "happenedOn": "2026-10-01"}
                    """));
            assertThat(change.has("reportedAt")).isFalse();
            assertThat(openCases(w, "VERIFICATION-CHANGE-UNREPORTED")).containsExactly("acme");
            assertThat(w.other()
                            .post("/api/v1/entity-changes/" + change.get("id").asString() + "/report", "{}")
                            .status())
                    .isEqualTo(404);
            ok(w.partner().post("/api/v1/entity-changes/" + change.get("id").asString() + "/report", "{}"));
            assertThat(openCases(w, "VERIFICATION-CHANGE-UNREPORTED")).isEmpty();
        }
    }

    @Test
    void aScanContradictingTheDeclarationIsAMismatchAndTheTokenIsNeverStored() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            JsonNode declared = ok(w.partner()
                    .put(
                            "/api/v1/apps/com.acme.app/token-use/declaration",
                            "{\"collects\": false, \"transmits\": false, \"stores\": false}"));
            assertThat(declared.get("handlesTokens").asBoolean()).isFalse();
            assertThat(declared.get("deadline").asString()).isEqualTo("2026-06-30");
            assertThat(w.partner()
                            .post("/api/v1/apps/com.acme.app/token-use/scans", "{}")
                            .status())
                    .isEqualTo(403);

            String report = """
                    {"format": "warden.scan/v1", "input": "acme-app-2.0.jar",
                     "findings": [
                       {"rule": "pat-collection", "path": "acme-app-2.0.jar!/settings.html", "line": 12,
                        "preview": "<input name=\\"apiToken\\">", "secretSha256": null},
                       {"rule": "atlassian-api-token", "path": "acme-app-2.0.jar!/app.properties", "line": 3,
                        "preview": "ATAT…(192)…9F2A", "secretSha256": "ab12"},
                       {"rule": "private-key", "path": "acme-app-2.0.jar!/key.pem", "line": 1, "preview": "-----BEGIN…"}]}
                    """;
            JsonNode scanned = ok(w.analyst().post("/api/v1/apps/com.acme.app/token-use/scans", report));
            assertThat(scanned.get("tokenUse")
                            .get("evidence")
                            .get("findings")
                            .valueStream()
                            .map(f -> f.get("rule").asString()))
                    .containsExactly("pat-collection", "atlassian-api-token");
            assertThat(openCases(w, "DISCLOSURE-MISMATCH")).containsExactly("com.acme.app");
            assertThat(openCases(w, "PAT-COLLECTION")).containsExactly("com.acme.app");

            // An open platform-work request extends an existing app's window.
            ok(w.analyst().put("/api/v1/apps/com.acme.app/token-use/extension", "{\"platformRequest\": \"ECO-77\"}"));
            assertThat(openCases(w, "PAT-COLLECTION")).isEmpty();
            ok(w.analyst()
                    .put(
                            "/api/v1/apps/com.acme.app/token-use/extension",
                            "{\"platformRequest\": \"ECO-77\", \"open\": false}"));
            assertThat(openCases(w, "PAT-COLLECTION")).containsExactly("com.acme.app");

            Http.Response bad =
                    w.analyst().post("/api/v1/apps/com.acme.app/token-use/scans", "{\"format\": \"sarif\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("warden.scan/v1");
            assertThat(w.other().get("/api/v1/apps/com.acme.app/token-use").status())
                    .isEqualTo(404);

            // A clean scan clears the evidence, and the mismatch with it.
            ok(w.analyst()
                    .post(
                            "/api/v1/apps/com.acme.app/token-use/scans",
                            "{\"format\": \"warden.scan/v1\", \"input\": \"acme-app-2.1.jar\", \"findings\": []}"));
            assertThat(openCases(w, "DISCLOSURE-MISMATCH")).isEmpty();

            // The snapshot export carries every record, and never more than a masked preview.
            Http.Response export = w.admin().get("/api/v1/snapshot");
            assertThat(export.json().get("tokenUse").get(0).get("app").asString())
                    .isEqualTo("com.acme.app");
            assertThat(export.body()).doesNotContain("secretSha256");
        }
    }

    @Test
    void aHistoryTooLongToKeepIsRefusedAndWhatWasKeptStays() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String id = ok(w.partner().post("/api/v1/incidents", """
                            {"apps": ["com.acme.app"], "category": "OTHER", "title": "Long story",
                             "awareAt": "2026-11-01T08:00:00Z"}
                            """))
                    .get("incident")
                    .get("id")
                    .asString();
            String update = "{\"type\": \"UPDATE\", \"text\": \"" + "x".repeat(19_000) + "\"}";
            int kept = 0;
            Http.Response last = null;
            for (int i = 0; i < 80; i++) {
                last = w.partner().post("/api/v1/incidents/" + id + "/events", update);
                if (last.status() != 200) {
                    break;
                }
                kept++;
            }
            assertThat(last).isNotNull();
            assertThat(last.status()).as("refused as input, not a server error").isEqualTo(400);
            assertThat(last.body()).contains("more than the 1000000 Warden keeps");
            assertThat(kept).isBetween(40, 60);
            assertThat(ok(w.partner().get("/api/v1/incidents/" + id))
                            .get("incident")
                            .get("events")
                            .size())
                    .isEqualTo(kept);
        }
    }
}

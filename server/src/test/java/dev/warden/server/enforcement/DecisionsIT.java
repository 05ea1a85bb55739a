package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.CRITICAL;
import static dev.warden.server.enforcement.EnforcementJourneyIT.NO_JOBS;
import static dev.warden.server.enforcement.EnforcementJourneyIT.listingState;
import static dev.warden.server.enforcement.EnforcementJourneyIT.marketplace;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import dev.warden.server.tickets.BreachRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Decisions as docs/policy section 8 sets them: "High-impact steps (pause, suspension, termination) need
 * a second person's approval; termination is never automatic"; the operator "may skip steps" for
 * material harm or malicious activity; every action is "recorded with who decided and why"; and a
 * partner may appeal, decided by someone who did not take the action.
 */
@ExtendWith(DatabaseRequirement.class)
class DecisionsIT {

    /** A Warden with acme's Critical Cloud ticket breached on 11 June and its case open, and its people. */
    record World(FreshWarden warden, TestClock clock, Http analyst, Http ana, Http bo, Http cy, long caseId) {
        Http admin() {
            return warden.admin();
        }
    }

    static World world() {
        return world(Map.of());
    }

    /** The same world in a Warden started with these settings as well. */
    static World world(Map<String, Object> settings) {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T09:00:00Z"));
        Map<String, Object> all = new HashMap<>(NO_JOBS);
        all.putAll(settings);
        FreshWarden warden = FreshWarden.start(all, clock);
        Http admin = warden.admin();
        marketplace(admin);
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
        SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
        SignIns.createUser(users, "bo.approver", null, Role.APPROVER);
        SignIns.createUser(users, "cy.approver", null, Role.APPROVER);
        String ticket = ok(admin.post("/api/v1/tickets", """
                        {"type": "SCANNER", "app": "com.acme.app", "hosting": "CLOUD", "title": "RCE", "cvss": "%s"}
                        """.formatted(CRITICAL)))
                .get("key")
                .asString();
        // Acknowledged in time (TICKET-ACK-OVERDUE is not these stories), then left unfixed.
        ok(admin.post("/api/v1/tickets/" + ticket + "/acknowledgement", "{}"));
        clock.advance(Duration.ofDays(11));
        warden.bean(BreachRecorder.class).detect();
        long caseId = ok(warden.admin().get("/api/v1/enforcement/cases?partner=acme"))
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        int port = warden.port();
        return new World(
                warden,
                clock,
                SignIns.person(port, "ian.analyst"),
                SignIns.person(port, "ana.approver"),
                SignIns.person(port, "bo.approver"),
                SignIns.person(port, "cy.approver"),
                caseId);
    }

    static JsonNode proposedAction(Http http, String action) {
        for (JsonNode a :
                ok(http.get("/api/v1/enforcement/actions?status=PROPOSED")).get("items")) {
            if (a.get("action").asString().equals(action)) {
                return a;
            }
        }
        throw new AssertionError("no proposed " + action);
    }

    @Test
    void outreachOnTheCaseIsRecordedAndShownToApproversBeforeTheyDecide() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String base = "/api/v1/enforcement/cases/" + w.caseId() + "/outreach";
            // "partners respond to AMS tickets, ECOHELP tickets, and direct outreach": nothing yet, and
            // the approver is told so on the proposal.
            assertThat(ok(w.analyst().get(base)).size()).isZero();
            assertThat(w.ana().get("/approvals").body()).contains("none on record: the partner may not know yet");
            // The evidence names the overdue ticket; the case's page and the cases list link to it.
            String ticket = ok(w.admin().get("/api/v1/tickets?partner=acme"))
                    .get("items")
                    .get(0)
                    .get("key")
                    .asString();
            assertThat(w.ana().get("/cases/" + w.caseId()).body()).contains("href=\"/tickets/" + ticket + "\"");
            assertThat(w.ana().get("/cases?partner=acme").body()).contains("href=\"/tickets/" + ticket + "\"");

            // An approver decides; an analyst reaches out. Bad input is refused where it is.
            assertThat(w.ana()
                            .post(base, "{\"channel\": \"EMAIL\", \"summary\": \"x\"}")
                            .status())
                    .isEqualTo(403);
            Http.Response bad = w.analyst().post(base, """
                    {"channel": "PIGEON", "summary": ""}""");
            assertThat(bad.status()).isEqualTo(400);
            Http.Response noSummary = w.analyst().post(base, """
                    {"channel": "ECOHELP", "reachedAt": "2030-01-01T00:00:00Z"}""");
            assertThat(noSummary.status()).isEqualTo(400);
            assertThat(noSummary.body()).contains("/summary").contains("/reachedAt");

            JsonNode made = ok(w.analyst().post(base, """
                    {"channel": "ECOHELP", "reference": "ECOHELP-1412",
                     "summary": "Asked for a fix date for the critical RCE ticket"}"""));
            assertThat(made.get("recordedBy").asString()).isEqualTo("Test ian.analyst");
            assertThat(made.has("answer")).isFalse();
            long id = made.get("id").asLong();
            JsonNode answered = ok(w.analyst().post(base + "/" + id + "/answer", """
                    {"answer": "Fix ships on 20 June"}"""));
            assertThat(answered.get("answer").asString()).isEqualTo("Fix ships on 20 June");
            assertThat(w.analyst()
                            .post(base + "/" + id + "/answer", "{\"answer\": \"again\"}")
                            .status())
                    .isEqualTo(409);

            // The approver sees it on the proposal, the case page lists it, and it is audited.
            assertThat(w.ana().get("/approvals").body())
                    .contains("ECOHELP ECOHELP-1412")
                    .contains("answer: Fix ships on 20 June")
                    .doesNotContain("none on record");
            assertThat(w.analyst().get("/cases/" + w.caseId()).body())
                    .contains("Asked for a fix date")
                    .contains("Record outreach");
            assertThat(ok(w.admin().get("/api/v1/audit?subjectType=case"))
                            .get("items")
                            .valueStream()
                            .map(e -> e.get("action").asString()))
                    .contains("CASE_OUTREACH", "CASE_OUTREACH_ANSWERED");
            assertThat(w.analyst()
                            .get("/api/v1/enforcement/cases/999999/outreach")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aPauseTakenAheadOfTheLadderNeedsTwoDifferentApproversNeitherOfThemItsProposer() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            // Without a justification the policy allows, or for a step it does not allow early: refused.
            assertThat(w.analyst()
                            .post(
                                    "/api/v1/enforcement/cases/" + w.caseId() + "/escalations",
                                    "{\"action\": \"PAUSE_LISTING\", \"note\": \"exploited\"}")
                            .status())
                    .isEqualTo(400);
            Http.Response notSkippable = w.analyst()
                    .post(
                            "/api/v1/enforcement/cases/" + w.caseId() + "/escalations",
                            "{\"action\": \"TERMINATE_PARTNER\", \"justification\": \"MALICIOUS_ACTIVITY\","
                                    + " \"note\": \"x\"}");
            assertThat(notSkippable.status()).isEqualTo(400);
            assertThat(notSkippable.body()).contains("allows only [PAUSE_LISTING, SUSPEND_PARTNER]");

            JsonNode pause = ok(w.analyst()
                    .post(
                            "/api/v1/enforcement/cases/" + w.caseId() + "/escalations",
                            "{\"action\": \"PAUSE_LISTING\", \"justification\": \"ACTIVE_EXPLOITATION\","
                                    + " \"note\": \"Customer data exfiltrated through the upload endpoint\"}"));
            assertThat(pause.get("origin").asString()).isEqualTo("ESCALATION");
            assertThat(pause.get("approvalsRequired").asInt()).isEqualTo(2);
            // The approval queue lists the newest first: the escalation, then the ladder's own proposals.
            List<Long> queue = ok(w.ana().get("/api/v1/enforcement/actions?status=PROPOSED"))
                    .get("items")
                    .valueStream()
                    .map(a -> a.get("id").asLong())
                    .toList();
            assertThat(queue)
                    .hasSizeGreaterThan(1)
                    .first()
                    .isEqualTo(pause.get("id").asLong());
            assertThat(queue).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            String approve = "/api/v1/enforcement/actions/" + pause.get("id").asLong() + "/approve";

            // An analyst cannot approve at all; the first approver's vote alone changes nothing.
            assertThat(w.analyst().post(approve, "{}").status()).isEqualTo(403);
            JsonNode first = ok(w.ana().post(approve, "{\"comment\": \"confirmed with the partner\"}"));
            assertThat(first.get("status").asString()).isEqualTo("PROPOSED");
            assertThat(first.get("approvals").asInt()).isEqualTo(1);
            // Listed with the others (their votes read for all at once), the vote shows on its own only.
            for (JsonNode a : ok(w.ana().get("/api/v1/enforcement/actions?status=PROPOSED"))
                    .get("items")) {
                boolean voted = a.get("id").asLong() == pause.get("id").asLong();
                assertThat(a.get("approvals").asInt())
                        .as(a.get("action").asString())
                        .isEqualTo(voted ? 1 : 0);
                assertThat(a.get("votes").size()).isEqualTo(voted ? 1 : 0);
            }
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            // Approving twice is still one person.
            assertThat(w.ana().post(approve, "{}").status()).isEqualTo(409);

            JsonNode second = ok(w.bo().post(approve, "{}"));
            assertThat(second.get("status").asString()).isEqualTo("APPLIED");
            assertThat(second.get("votes").valueStream().map(v -> v.get("voter").asString()))
                    .hasSize(2)
                    .doesNotHaveDuplicates();
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("PAUSED");

            // The ladder's own HIDE_LISTING, still waiting, is decided on its own; pausing already took
            // the listing further, so hiding changes nothing more.
            JsonNode hide = proposedAction(w.ana(), "HIDE_LISTING");
            JsonNode hidden = ok(
                    w.ana().post("/api/v1/enforcement/actions/" + hide.get("id").asLong() + "/approve", "{}"));
            assertThat(hidden.get("effect").get("listings").size()).isZero();
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("PAUSED");
        }
    }

    @Test
    void terminationIsProposedOnlyByAPersonAndTakesTwoOthers() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            // "Termination follows Atlassian's internal review process and includes customer migration
            // windows where feasible": no proposal without the review, and a window within bounds.
            Http.Response missing = w.analyst().post("/api/v1/enforcement/terminations", "{\"partner\": \"acme\"}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body()).contains("/reason").contains("/review");
            Http.Response badReview = w.analyst().post("/api/v1/enforcement/terminations", """
                    {"partner": "acme", "reason": "x", "review": {"by": "Legal", "on": "2030-01-01"},
                     "migrationWindowDays": 400}""");
            assertThat(badReview.status()).isEqualTo(400);
            assertThat(badReview.body())
                    .contains("/review/on")
                    .contains("/review/outcome")
                    .contains("/migrationWindowDays");
            String review = "\"review\": {\"by\": \"Trust and Safety board\", \"on\": \"2026-06-10\","
                    + " \"outcome\": \"Terminate: three criticals unremediated past every window\"}";
            JsonNode termination = ok(w.analyst()
                    .post(
                            "/api/v1/enforcement/terminations",
                            "{\"partner\": \"acme\", \"reason\": \"Repeated non-compliance; reviewed by legal\", "
                                    + review + ", \"migrationWindowDays\": 60}"));
            assertThat(termination.get("origin").asString()).isEqualTo("TERMINATION");
            assertThat(termination.get("approvalsRequired").asInt()).isEqualTo(2);
            assertThat(w.analyst()
                            .post(
                                    "/api/v1/enforcement/terminations",
                                    "{\"partner\": \"acme\", \"reason\": \"again\", " + review + "}")
                            .status())
                    .as("one termination proposal at a time")
                    .isEqualTo(409);
            long terminationCase = termination.get("caseId").asLong();
            String reviewPath = "/api/v1/enforcement/cases/" + terminationCase + "/termination-review";
            JsonNode recorded = ok(w.analyst().get(reviewPath));
            assertThat(recorded.get("reviewedBy").asString()).isEqualTo("Trust and Safety board");
            assertThat(recorded.get("migrationDays").asInt()).isEqualTo(60);
            assertThat(recorded.has("migrationUntil"))
                    .as("the window starts when applied")
                    .isFalse();
            assertThat(w.analyst()
                            .get("/api/v1/enforcement/cases/" + w.caseId() + "/termination-review")
                            .status())
                    .isEqualTo(404);

            String approve =
                    "/api/v1/enforcement/actions/" + termination.get("id").asLong() + "/approve";
            ok(w.ana().post(approve, "{}"));
            assertThat(ok(w.admin().get("/api/v1/partners/acme")).get("status").asString())
                    .isEqualTo("ACTIVE");
            JsonNode applied = ok(w.cy().post(approve, "{}"));
            assertThat(ok(w.admin().get("/api/v1/partners/acme")).get("status").asString())
                    .isEqualTo("TERMINATED");
            // Terminated: every listing of the partner is withdrawn from the marketplace.
            assertThat(EnforcementJourneyIT.listingState(w.admin(), "CLOUD")).isEqualTo("REMOVED");
            assertThat(EnforcementJourneyIT.listingState(w.admin(), "DATA_CENTER"))
                    .isEqualTo("REMOVED");
            assertThat(applied.get("effect").get("listings").size()).isEqualTo(2);
            // The customers' window starts now; the partner sees it (not who reviewed), and the storefront
            // is told until when existing installs keep working.
            assertThat(ok(w.analyst().get(reviewPath)).get("migrationUntil").asString())
                    .isEqualTo("2026-08-11T09:00:00Z");
            Http partner = TestClients.as(
                    new Http(w.warden().port()),
                    w.warden().bean(ApiClients.class),
                    "acme",
                    Permission.ENFORCEMENT_READ);
            JsonNode seen = ok(partner.get(reviewPath));
            assertThat(seen.get("reviewedBy").asString()).isEqualTo("operator");
            assertThat(seen.get("migrationUntil").asString()).isEqualTo("2026-08-11T09:00:00Z");
            assertThat(ok(w.admin().get("/api/v1/outbox?size=200"))
                            .get("items")
                            .valueStream()
                            .filter(m -> m.get("event").asString().equals("ACTION_APPLIED"))
                            .map(m -> m.get("subject").asString()))
                    .anyMatch(s -> s.contains("terminate partner"));
            assertThat(w.analyst().get("/cases/" + terminationCase).body())
                    .contains("Internal review and migration window")
                    .contains("existing installs keep working until");
        }
    }

    @Test
    void aPartnerAppealsWithinTheWindowAndAnApproverWhoDidNotTakeTheActionDecides() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            long hideId = proposedAction(w.ana(), "HIDE_LISTING").get("id").asLong();
            ok(w.ana().post("/api/v1/enforcement/actions/" + hideId + "/approve", "{}"));
            Http partner = TestClients.as(
                    new Http(w.warden().port()),
                    w.warden().bean(ApiClients.class),
                    "acme",
                    Permission.ENFORCEMENT_READ,
                    Permission.APPEALS_FILE);

            // The partner sees the action taken against it, not who voted.
            JsonNode seen = ok(partner.get("/api/v1/enforcement/actions/" + hideId));
            assertThat(seen.has("votes")).as("no votes for partners").isFalse();
            assertThat(seen.get("appealableUntil").asString()).isEqualTo("2026-06-26T09:00:00Z");

            assertThat(partner.post("/api/v1/enforcement/actions/" + hideId + "/appeals", "{}")
                            .status())
                    .isEqualTo(400);
            JsonNode appeal = ok(partner.post(
                    "/api/v1/enforcement/actions/" + hideId + "/appeals",
                    "{\"grounds\": \"The vulnerable endpoint is not reachable in Cloud\"}"));
            assertThat(appeal.get("status").asString()).isEqualTo("OPEN");
            String uphold = "/api/v1/enforcement/appeals/" + appeal.get("id").asLong() + "/uphold";

            Http.Response byTheApprover = w.ana().post(uphold, "{}");
            assertThat(byTheApprover.status()).isEqualTo(403);
            assertThat(byTheApprover.body()).contains("an approver who did not must decide");
            JsonNode upheld = ok(w.bo().post(uphold, "{\"note\": \"Confirmed unreachable\"}"));
            assertThat(upheld.get("status").asString()).isEqualTo("UPHELD");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(ok(w.admin().get("/api/v1/enforcement/actions/" + hideId))
                            .get("status")
                            .asString())
                    .isEqualTo("REVERSED");
        }
    }

    @Test
    void theAppealWindowClosesAfterTheDaysThePolicySets() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            long hideId = proposedAction(w.ana(), "HIDE_LISTING").get("id").asLong();
            ok(w.ana().post("/api/v1/enforcement/actions/" + hideId + "/approve", "{}"));
            w.clock().advance(Duration.ofDays(15));
            Http partner = TestClients.as(
                    new Http(w.warden().port()),
                    w.warden().bean(ApiClients.class),
                    "acme",
                    Permission.ENFORCEMENT_READ,
                    Permission.APPEALS_FILE);
            Http.Response late =
                    partner.post("/api/v1/enforcement/actions/" + hideId + "/appeals", "{\"grounds\": \"too late?\"}");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.body()).contains("closed on 2026-06-26T09:00:00Z");
        }
    }

    @Test
    void partnersSeeOnlyTheirOwnCasesAndNoProposals() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            Http admin = w.admin();
            ok(admin.post("/api/v1/partners", "{\"id\": \"other\", \"name\": \"Other\", \"tier\": \"SILVER\"}"));
            ApiClients clients = w.warden().bean(ApiClients.class);
            Http other = TestClients.as(
                    new Http(w.warden().port()),
                    clients,
                    "other",
                    Permission.ENFORCEMENT_READ,
                    Permission.APPEALS_FILE);
            Http acme = TestClients.as(new Http(w.warden().port()), clients, "acme", Permission.ENFORCEMENT_READ);

            assertThat(other.get("/api/v1/enforcement/cases/" + w.caseId()).status())
                    .isEqualTo(404);
            assertThat(ok(other.get("/api/v1/enforcement/cases?partner=acme"))
                            .get("totalItems")
                            .asInt())
                    .isZero();
            assertThat(ok(other.get("/api/v1/enforcement/cases"))
                            .get("items")
                            .valueStream()
                            .map(c -> c.get("subject").get("partner").asString()))
                    .containsOnly("other");
            long hideId = proposedAction(w.ana(), "HIDE_LISTING").get("id").asLong();
            assertThat(acme.get("/api/v1/enforcement/actions/" + hideId).status())
                    .as("a proposal is the operator's deliberation")
                    .isEqualTo(404);
            assertThat(ok(acme.get("/api/v1/enforcement/cases/" + w.caseId()))
                            .get("actions")
                            .size())
                    .isZero();
            ok(w.ana().post("/api/v1/enforcement/actions/" + hideId + "/approve", "{}"));
            assertThat(other.post("/api/v1/enforcement/actions/" + hideId + "/appeals", "{\"grounds\": \"x\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(acme.post("/api/v1/enforcement/actions/" + hideId + "/approve", "{}")
                            .status())
                    .isEqualTo(403);
        }
    }
}

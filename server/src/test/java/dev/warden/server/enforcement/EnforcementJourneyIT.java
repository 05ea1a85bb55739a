package dev.warden.server.enforcement;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The issue's journey, through the HTTP API as people use it: a Critical Cloud ticket is reported,
 * breaches its 10-day SLA, the case proposes hiding the listing ("hide the app ... the documented
 * consequence of vulnerability SLO breaches", docs/policy section 8), an approver approves, the listing
 * is hidden; the fix is verified, the case proposes restoring it ("every action is reversible when the
 * issue is fixed"), another approver approves, the listing is back; the audit chain is intact.
 */
@ExtendWith(DatabaseRequirement.class)
class EnforcementJourneyIT {
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    static final Map<String, Object> NO_JOBS = Map.of("warden.jobs.enabled", "false");

    static void marketplace(Http admin) {
        assertThat(admin.post("/api/v1/partners", """
                        {"id": "acme", "name": "Acme", "tier": "GOLD", "securityContacts": [
                          {"name": "Ana", "email": "sec@acme.example", "ecosystemAccount": true}]}
                        """).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/apps", """
                        {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "badges": ["RUNS_ON_ATLASSIAN"],
                         "listings": [{"hosting": "CLOUD", "state": "LISTED"}, {"hosting": "DATA_CENTER", "state": "LISTED"}]}
                        """).status()).isEqualTo(201);
    }

    /** The body of a successful answer; otherwise the test fails showing the problem. */
    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static String listingState(Http http, String hosting) {
        for (JsonNode listing : ok(http.get("/api/v1/apps/com.acme.app")).get("listings")) {
            if (listing.get("hosting").asString().equals(hosting)) {
                return listing.get("state").asString();
            }
        }
        throw new AssertionError("no " + hosting + " listing");
    }

    static List<JsonNode> proposed(Http http) {
        return ok(http.get("/api/v1/enforcement/actions?status=PROPOSED"))
                .get("items")
                .valueStream()
                .toList();
    }

    @Test
    void aBreachHidesTheListingUntilTheFixIsVerifiedThenItIsRestored() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(NO_JOBS, clock)) {
            Http admin = warden.admin();
            marketplace(admin);
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
            SignIns.createUser(users, "bo.approver", null, Role.APPROVER);
            Http ana = SignIns.person(warden.port(), "ana.approver");
            Http bo = SignIns.person(warden.port(), "bo.approver");

            Http.Response reported = admin.post("/api/v1/tickets", """
                    {"type": "SCANNER", "app": "com.acme.app", "hosting": "CLOUD", "title": "RCE in upload",
                     "cvss": "%s"}
                    """.formatted(CRITICAL));
            assertThat(reported.status()).as(reported.body()).isEqualTo(201);
            String key = reported.json().get("key").asString();
            assertThat(reported.json().get("dueAt").asString()).isEqualTo("2026-06-11T09:00:00Z");
            assertThat(ok(admin.get("/api/v1/enforcement/cases"))
                            .get("totalItems")
                            .asInt())
                    .as("not overdue yet: no case")
                    .isZero();
            // The partner acknowledges it in time (TICKET-ACK-OVERDUE is not this story) and does not fix it.
            ok(admin.post("/api/v1/tickets/" + key + "/acknowledgement", "{}"));

            // Eleven days later the breach job records the breach; the partner is evaluated at once.
            clock.advance(Duration.ofDays(11));
            admin = warden.admin(); // the old token expired meanwhile
            assertThat(warden.bean(BreachRecorder.class).detect()).isEqualTo(1);
            JsonNode cases = ok(admin.get("/api/v1/enforcement/cases?partner=acme"));
            assertThat(cases.get("totalItems").asInt()).isEqualTo(1);
            JsonNode theCase = cases.get("items").get(0);
            assertThat(theCase.get("rule").asString()).isEqualTo("VULN-OVERDUE");
            assertThat(theCase.get("subject").get("id").asString()).isEqualTo("com.acme.app/CLOUD");
            assertThat(theCase.get("status").asString()).isEqualTo("OPEN");
            assertThat(theCase.get("beganAt").asString()).isEqualTo("2026-06-11T09:00:00Z");
            assertThat(theCase.get("evidence").asString()).isEqualTo(key + ", Critical, due 2026-06-11, 1 day overdue");

            List<JsonNode> queue = proposed(ana);
            assertThat(queue).hasSize(1);
            JsonNode hide = queue.get(0);
            assertThat(hide.get("action").asString()).isEqualTo("HIDE_LISTING");
            assertThat(hide.get("approvalsRequired").asInt()).isEqualTo(1);
            long hideId = hide.get("id").asLong();

            // An API client, even one allowed to decide, is not a person: refused.
            Http robot = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), null, Permission.ENFORCEMENT_DECIDE);
            assertThat(robot.post("/api/v1/enforcement/actions/" + hideId + "/approve", "{}")
                            .status())
                    .isEqualTo(403);
            assertThat(listingState(admin, "CLOUD")).isEqualTo("LISTED");

            Http.Response approved =
                    ana.post("/api/v1/enforcement/actions/" + hideId + "/approve", "{\"comment\": \"SLO breach\"}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asString()).isEqualTo("APPLIED");
            assertThat(approved.json()
                            .get("effect")
                            .get("listings")
                            .get(0)
                            .get("to")
                            .asString())
                    .isEqualTo("HIDDEN");
            assertThat(listingState(admin, "CLOUD")).isEqualTo("HIDDEN");
            assertThat(listingState(admin, "DATA_CENTER"))
                    .as("only the breached listing")
                    .isEqualTo("LISTED");

            // The fix is verified two days later: the case is resolved and proposes restoring the listing.
            clock.advance(Duration.ofDays(2));
            admin = warden.admin();
            assertThat(admin.post("/api/v1/tickets/" + key + "/patched", "{\"note\": \"fixed in 2.4.1\"}")
                            .status())
                    .isEqualTo(200);
            JsonNode resolved = admin.get(
                            "/api/v1/enforcement/cases/" + theCase.get("id").asLong())
                    .json();
            assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
            List<JsonNode> lifts = proposed(bo);
            assertThat(lifts).hasSize(1);
            assertThat(lifts.get(0).get("action").asString()).isEqualTo("LIFT");
            assertThat(lifts.get(0).get("reason").asString()).contains("HIDE_LISTING #" + hideId);
            assertThat(listingState(admin, "CLOUD"))
                    .as("hidden until the lift is approved")
                    .isEqualTo("HIDDEN");

            JsonNode lifted = bo.post(
                            "/api/v1/enforcement/actions/"
                                    + lifts.get(0).get("id").asLong() + "/approve",
                            "{}")
                    .json();
            assertThat(lifted.get("status").asString()).isEqualTo("APPLIED");
            assertThat(listingState(admin, "CLOUD")).isEqualTo("LISTED");
            JsonNode closed = admin.get(
                            "/api/v1/enforcement/cases/" + theCase.get("id").asLong())
                    .json();
            assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
            assertThat(closed.get("actions")
                            .valueStream()
                            .map(a -> a.get("action").asString() + ":"
                                    + a.get("status").asString()))
                    .containsExactly("HIDE_LISTING:LIFTED", "LIFT:APPLIED");

            // Every step is on the record, and the chain holds.
            JsonNode trail = ok(admin.get("/api/v1/audit?partner=acme&size=200"));
            List<String> actions = trail.get("items")
                    .valueStream()
                    .map(e -> e.get("action").asString())
                    .toList();
            assertThat(actions)
                    .contains(
                            "TICKET_BREACHED",
                            "CASE_OPENED",
                            "ACTION_PROPOSED",
                            "ACTION_APPROVED",
                            "ACTION_APPLIED",
                            "CASE_RESOLVED",
                            "ACTION_LIFTED",
                            "CASE_CLOSED");
            JsonNode check = ok(admin.get("/api/v1/audit/verify"));
            assertThat(check.get("intact").asBoolean()).isTrue();
            assertThat(check.get("checked").asLong())
                    .as("every entry checked")
                    .isEqualTo(ok(admin.get("/api/v1/audit?size=1"))
                            .get("totalItems")
                            .asLong());
        }
    }
}

package dev.warden.server.obligations;

import static dev.warden.server.obligations.ObligationsIT.ok;
import static dev.warden.server.obligations.ObligationsIT.openCases;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Cloud Fortified badge through the API: participation in the bug bounty program "is also a
 * prerequisite for Cloud Fortified approval" (docs/policy section 5), and badges are revoked "while
 * requirements are unmet" and returned "when the issue is fixed" (section 8).
 */
@ExtendWith(DatabaseRequirement.class)
class BadgeAwardIT {
    static final String BADGE = "/api/v1/apps/com.acme.app/badges/cloud-fortified";
    static final String RULE = "BADGE-REQUIREMENTS-UNMET";

    static JsonNode proposed(Http http, String action) {
        return ok(http.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"))
                .get("items")
                .valueStream()
                .filter(a -> a.get("action").asString().equals(action)
                        && a.get("rule").asString().equals(RULE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no proposed " + action + " for " + RULE));
    }

    static void approve(ObligationsIT.World w, String action) {
        ok(w.ana()
                .post(
                        "/api/v1/enforcement/actions/"
                                + proposed(w.ana(), action).get("id").asLong() + "/approve",
                        "{}"));
    }

    static String step(String type, String note) {
        return note == null
                ? "{\"type\": \"%s\"}".formatted(type)
                : "{\"type\": \"%s\", \"note\": \"%s\"}".formatted(type, note);
    }

    static String program(String status, String lastActivity) {
        return """
                {"platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "PUBLIC", "launchedOn": "2025-04-01",
                 "funded": true, "status": "%s", "medianTriageDays": 3, "lastActivityOn": "%s"}
                """.formatted(status, lastActivity);
    }

    @Test
    void awardedOnlyWhenEligibleRevokedAfterTheNoticeWindowAndReturnedWhenMetAgain() {
        ObligationsIT.World w = ObligationsIT.world();
        try (FreshWarden ignored = w.warden()) {
            JsonNode none = ok(w.partner().get(BADGE));
            assertThat(none.get("state").asString()).isEqualTo("NONE");
            assertThat(none.get("unmet").get(0).asString())
                    .contains("no bug bounty program covers the app (a prerequisite for Cloud Fortified)");

            // The partner applies; without a program the analyst cannot award it, and the partner never can.
            assertThat(ok(w.partner().post(BADGE + "/events", step("APPLIED", null)))
                            .get("state")
                            .asString())
                    .isEqualTo("APPLIED");
            assertThat(w.partner()
                            .post(BADGE + "/events", step("AWARDED", null))
                            .status())
                    .isEqualTo(403);
            Http.Response refused = w.analyst().post(BADGE + "/events", step("AWARDED", null));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("does not meet the CLOUD_FORTIFIED requirements");
            assertThat(w.analyst()
                            .post(BADGE + "/events", step("REJECTED", null))
                            .status())
                    .as("a rejection says why")
                    .isEqualTo(400);
            assertThat(w.other().get(BADGE).status()).isEqualTo(404);
            assertThat(w.other().post(BADGE + "/events", step("APPLIED", null)).status())
                    .isEqualTo(404);

            String id = ok(w.partner().post("/api/v1/bounty-programs", program("ACTIVE", "2026-10-30")))
                    .get("id")
                    .asString();
            JsonNode awarded = ok(w.analyst().post(BADGE + "/events", step("AWARDED", null)));
            assertThat(awarded.get("state").asString()).isEqualTo("AWARDED");
            assertThat(awarded.get("shown").asBoolean()).isTrue();
            assertThat(awarded.get("unmet")).isEmpty();
            assertThat(awarded.get("reviewDue").asString()).isEqualTo("2027-11-01");
            w.evaluate();
            assertThat(openCases(w, RULE)).isEmpty();

            // The program lapses: a notice at once, the badge revoked after the 30-day window.
            Http.Response read = w.analyst().get("/api/v1/bounty-programs/" + id);
            ok(w.analyst()
                    .put(
                            "/api/v1/bounty-programs/" + id,
                            program("PAUSED", "2026-10-30"),
                            "If-Match",
                            read.header("ETag")));
            w.evaluate();
            assertThat(openCases(w, RULE)).containsExactly("com.acme.app");
            assertThat(ok(w.partner().get(BADGE)).get("unmet").get(0).asString())
                    .contains("no active bug bounty program covers the app: " + id + " PAUSED");
            approve(w, "WARNING");
            w.clock().advance(Duration.ofDays(31));
            w.evaluate();
            approve(w, "REVOKE_BADGE");
            JsonNode revoked = ok(w.partner().get(BADGE));
            assertThat(revoked.get("state").asString())
                    .as("revoked by enforcement, still awarded")
                    .isEqualTo("AWARDED");
            assertThat(revoked.get("shown").asBoolean()).isFalse();
            w.evaluate();
            assertThat(openCases(w, RULE))
                    .as("the revoked badge keeps the case open")
                    .containsExactly("com.acme.app");

            // Healthy again: the case resolves, and lifting the revocation returns the badge.
            read = w.analyst().get("/api/v1/bounty-programs/" + id);
            ok(w.analyst()
                    .put(
                            "/api/v1/bounty-programs/" + id,
                            program("ACTIVE", "2026-12-01"),
                            "If-Match",
                            read.header("ETag")));
            assertThat(openCases(w, RULE)).isEmpty();
            approve(w, "LIFT");
            assertThat(ok(w.partner().get(BADGE)).get("shown").asBoolean()).isTrue();
            assertThat(ok(w.admin().get("/api/v1/apps/com.acme.app"))
                            .get("badges")
                            .toString())
                    .contains("CLOUD_FORTIFIED");

            // A year on, the yearly review is due: it is what renews the award, so it is not refused for being late.
            w.clock().advance(Duration.ofDays(366));
            read = w.analyst().get("/api/v1/bounty-programs/" + id);
            ok(w.analyst()
                    .put(
                            "/api/v1/bounty-programs/" + id,
                            program("ACTIVE", "2027-12-01"),
                            "If-Match",
                            read.header("ETag")));
            assertThat(ok(w.partner().get(BADGE)).get("unmet").toString()).contains("annual review overdue");
            JsonNode reviewed = ok(w.analyst().post(BADGE + "/events", step("REVIEWED", null)));
            assertThat(reviewed.get("unmet")).isEmpty();
            assertThat(reviewed.get("reviewDue").asString()).isEqualTo("2028-12-03");

            // Withdrawn by the operator: off the listing, and no longer judged.
            JsonNode withdrawn = ok(w.analyst().post(BADGE + "/events", step("WITHDRAWN", "Left the program")));
            assertThat(withdrawn.get("shown").asBoolean()).isFalse();
            assertThat(withdrawn.get("events").get(0).get("note").asString()).isEqualTo("Left the program");
            assertThat(w.admin().get("/api/v1/audit?action=BADGE_WITHDRAWN").body())
                    .contains("Left the program");
            assertThat(ok(w.admin().get("/api/v1/snapshot"))
                            .get("badgeAwards")
                            .get(0)
                            .get("events"))
                    .hasSize(4);
        }
    }

    /** "SLA attainment over the last year" (operator-set: 90%): counted in SQL for the API, from every ticket by the rule. */
    @Test
    void aTicketFixedLateLowersTheSlaAttainmentBelowTheBar() {
        ObligationsIT.World w = ObligationsIT.world();
        try (FreshWarden ignored = w.warden()) {
            ok(w.partner().post("/api/v1/bounty-programs", program("ACTIVE", "2026-10-30")));
            ok(w.partner().post(BADGE + "/events", step("APPLIED", null)));
            ok(w.analyst().post(BADGE + "/events", step("AWARDED", null)));
            // A Medium ticket (84 days on Cloud), left open 10 days past its due date, then fixed.
            String key = ok(w.admin().post("/api/v1/tickets", """
                            {"type": "SCANNER", "app": "com.acme.app", "hosting": "CLOUD", "title": "Open redirect",
                             "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"}
                            """)).get("key").asString();
            w.clock().advance(Duration.ofDays(94));
            w.warden().bean(dev.warden.server.tickets.BreachRecorder.class).detect(); // the breach job's round
            ok(w.admin().post("/api/v1/tickets/" + key + "/released", "{}"));
            ok(w.admin().post("/api/v1/tickets/" + key + "/patched", "{}"));
            String sla = "SLA attainment over the last 12 months is 0% (0 of 1 tickets due on the Cloud listing"
                    + " fixed by their due date; at least 90% asked)";
            assertThat(ok(w.partner().get(BADGE)).get("unmet").valueStream().map(JsonNode::asString))
                    .contains(sla);
            w.evaluate();
            assertThat(ok(w.analyst().get("/api/v1/enforcement/cases?rule=" + RULE + "&status=OPEN"))
                            .get("items")
                            .get(0)
                            .get("evidence")
                            .asString())
                    .contains(sla);
        }
    }
}

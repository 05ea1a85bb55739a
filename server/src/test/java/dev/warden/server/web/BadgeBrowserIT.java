package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The Cloud Fortified badge in a real browser: the partner applies, an analyst awards it once a bug bounty
 * program covers the app; the program lapses, the partner gets notice, loses the badge after the window,
 * and regains it when the program is healthy again.
 */
@ExtendWith(FirstPassOnly.class)
class BadgeBrowserIT {
    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static void approve(Http approver, String action) {
        JsonNode proposal = ok(approver.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"))
                .get("items")
                .valueStream()
                .filter(a -> a.get("action").asString().equals(action)
                        && a.get("rule").asString().equals("BADGE-REQUIREMENTS-UNMET"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no proposed " + action));
        ok(approver.post("/api/v1/enforcement/actions/" + proposal.get("id").asLong() + "/approve", "{}"));
    }

    static String program(String status, String lastActivity) {
        return """
                {"partner": "acme", "platform": "Bugcrowd", "apps": ["com.acme.app"], "visibility": "PUBLIC",
                 "launchedOn": "2025-04-01", "funded": true, "status": "%s", "medianTriageDays": 3,
                 "lastActivityOn": "%s"}
                """.formatted(status, lastActivity);
    }

    @Test
    void aBadgeHolderWhoseProgramLapsesGetsNoticeLosesTheBadgeAndRegainsIt() {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"), clock)) {
            Http admin = warden.admin();
            ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "NONE", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                    """));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 40}]}
                    """));
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
            SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
            Http analyst = SignIns.person(warden.port(), "ian.analyst");
            Http ana = SignIns.person(warden.port(), "ana.approver");

            try (Browser pat = Browser.open(warden.port());
                    Browser ian = Browser.open(warden.port())) {
                pat.signIn("pat@acme.example", SignIns.PASSWORD);
                pat.go("/apps/com.acme.app");

                // The Privacy and Security tab: declared from the app's page, reconciled at once.
                pat.find(By.cssSelector("#privacy summary")).click();
                pat.find(By.id("privacy-egress")).sendKeys("*.acme.example\napi.partner-cdn.example");
                pat.follow(pat.find(By.xpath("//button[text()='Save the Privacy and Security declaration']")));
                assertThat(pat.text()).contains("Privacy and Security declaration saved.");
                assertThat(pat.find(By.id("privacy-matches")).getText()).contains("Matches what Warden observes.");
                assertThat(pat.find(By.id("privacy-egress")).getAttribute("value"))
                        .isEqualTo("*.acme.example\napi.partner-cdn.example");

                assertThat(pat.find(By.id("fortified-state")).getText()).contains("Not applied for.");
                assertThat(pat.find(By.id("fortified-unmet")).getText())
                        .contains("no bug bounty program covers the app (a prerequisite for Cloud Fortified)");
                pat.follow(pat.find(By.xpath("//button[text()='Apply for Cloud Fortified']")));
                assertThat(pat.text()).contains("Applied for Cloud Fortified");
                assertThat(pat.findAll(By.xpath("//button[text()='Award']")))
                        .as("the partner cannot award itself")
                        .isEmpty();

                // The analyst cannot award it while no program covers the app; once one does, she can.
                ian.signIn("ian.analyst", SignIns.PASSWORD);
                ian.go("/apps/com.acme.app");
                ian.follow(ian.find(By.xpath("//button[text()='Award']")));
                assertThat(ian.text()).contains("does not meet the CLOUD_FORTIFIED requirements");
                String id = ok(analyst.post("/api/v1/bounty-programs", program("ACTIVE", "2026-10-30")))
                        .get("id")
                        .asString();
                ian.go("/apps/com.acme.app");
                assertThat(ian.find(By.id("fortified-eligible")).getText()).contains("Meets every requirement now.");
                ian.follow(ian.find(By.xpath("//button[text()='Award']")));
                assertThat(ian.text()).contains("Cloud Fortified awarded");
                ian.screenshot("badge-awarded");

                // The program is paused: notice at once, with the window and what follows.
                Http.Response read = analyst.get("/api/v1/bounty-programs/" + id);
                ok(analyst.put(
                        "/api/v1/bounty-programs/" + id,
                        program("PAUSED", "2026-10-30"),
                        "If-Match",
                        read.header("ETag")));
                ok(warden.admin().post("/api/v1/enforcement/evaluations", ""));
                approve(ana, "WARNING");
                pat.go("/");
                assertThat(pat.text())
                        .contains("BADGE-REQUIREMENTS-UNMET")
                        .contains("no active bug bounty program covers the app")
                        .contains("REVOKE_BADGE");
                pat.screenshot("portal-badge-notice");

                // The window passes: the badge is revoked, the award stands.
                clock.advance(Duration.ofDays(31));
                ok(warden.admin().post("/api/v1/enforcement/evaluations", ""));
                approve(ana, "REVOKE_BADGE");
                pat.go("/apps/com.acme.app");
                assertThat(pat.find(By.id("fortified-state")).getText())
                        .contains("Awarded, but revoked while a requirement is unmet.");
                assertThat(pat.text()).contains("Badges none");

                // Healthy again: the case resolves, the lift returns the badge.
                read = analyst.get("/api/v1/bounty-programs/" + id);
                ok(analyst.put(
                        "/api/v1/bounty-programs/" + id,
                        program("ACTIVE", "2026-12-01"),
                        "If-Match",
                        read.header("ETag")));
                approve(ana, "LIFT");
                pat.go("/apps/com.acme.app");
                assertThat(pat.find(By.id("fortified-state")).getText()).contains("Awarded.");
                assertThat(pat.text()).contains("Badges CLOUD_FORTIFIED");
                pat.screenshot("portal-badge-returned");
            }
        }
    }
}

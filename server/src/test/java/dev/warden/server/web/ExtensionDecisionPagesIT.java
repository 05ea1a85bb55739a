package dev.warden.server.web;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Deciding an extension on the ticket's page with the request in view: the date asked for, the reason,
 * the plan and the current due date beside Grant and Deny; a granted date earlier than the current due
 * date is refused with the reason; the date asked for is granted; and whoever filed a request for the
 * partner is told that someone else decides it, with no Grant button.
 */
@ExtendWith(DatabaseRequirement.class)
class ExtensionDecisionPagesIT {
    static JsonNode ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
        return r.json();
    }

    @Test
    void anAnalystDecidesAnExtensionWithTheRequestInView() throws Exception {
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.enabled", "false"), new TestClock(Instant.parse("2026-12-01T09:00:00Z")))) {
            Http admin = warden.admin();
            ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                    """));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                    """));
            JsonNode ticket = ok(admin.post("/api/v1/tickets", """
                    {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "Stored XSS", "score": 7.5}
                    """));
            String key = ticket.get("key").asString();
            Instant due = Instant.parse(ticket.get("dueAt").asString());
            String asked =
                    due.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(30).toString();
            Http partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.TICKETS_RESPOND);
            ok(partner.post("/api/v1/tickets/" + key + "/extension-requests", """
                    {"reason": "UPSTREAM_DEPENDENCY", "plan": "Upgrade the sanitizer when 3.2 ships", "proposedDueAt": "%sT00:00:00Z"}
                    """.formatted(asked)));

            SignIns.createUser(warden.bean(Users.class), "ana.analyst", null, Role.SECURITY_ANALYST);
            Http ana = SignIns.signIn(warden.port(), "ana.analyst", SignIns.PASSWORD);
            Http.Response page = ana.get("/tickets/" + key);
            assertThat(page.body())
                    .contains("Decide the extension", "Asked for", asked, "UPSTREAM_DEPENDENCY")
                    .contains("Upgrade the sanitizer when 3.2 ships", "Grant extension")
                    .contains("value=\"" + asked + "\"");

            String earlier =
                    due.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(10).toString();
            Http.Response refused = ana.form(
                    "/tickets/" + key + "/extension-requests/approve",
                    Map.of("dueAt", earlier, "note", "", "_csrf", page.csrf()));
            assertThat(refused.body()).contains("after the current due date");
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("EXTENSION_REQUESTED");

            Http.Response granted = ana.form(
                    "/tickets/" + key + "/extension-requests/approve",
                    Map.of("dueAt", asked, "note", "Fine, keep us posted", "_csrf", page.csrf()));
            assertThat(granted.status()).isIn(200, 302, 303);
            JsonNode after = ok(admin.get("/api/v1/tickets/" + key));
            assertThat(after.get("dueAt").asString())
                    .as("a date picked means the end of that day, UTC")
                    .isEqualTo(asked + "T23:59:59Z");

            // The analyst files a second request for the partner (asked by phone): she cannot grant it herself.
            String later =
                    due.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(50).toString();
            Http.Response again = ana.get("/tickets/" + key);
            assertThat(again.body())
                    .as("the picker stops at the policy's 90 days after the current due date")
                    .contains("max=\"" + LocalDate.parse(asked).plusDays(90) + "\"");
            ana.form(
                    "/tickets/" + key + "/extension-requests",
                    Map.of("reason", "OTHER", "plan", "Asked by phone", "proposedDue", later, "_csrf", again.csrf()));
            assertThat(ok(admin.get("/api/v1/tickets/" + key)).get("status").asString())
                    .isEqualTo("EXTENSION_REQUESTED");
            String own = ana.get("/tickets/" + key).body();
            assertThat(own).contains("You filed this request: another person of the operator decides it", later);
            assertThat(own).doesNotContain("Grant extension</button>");
        }
    }
}

package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * An analyst decides a partner's extension request in Chromium with the request in view: the date asked
 * for, the reason and the plan beside the decision; a date that would shorten the due date is refused by
 * the browser's date picker and, when the browser's check is bypassed, by the server; the date asked for
 * is granted.
 */
@ExtendWith(FirstPassOnly.class)
class ExtensionDecisionBrowserIT {

    @Test
    void anExtensionIsDecidedWithTheRequestInViewAndNeverShortensTheDueDate() {
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.enabled", "false"), new TestClock(Instant.parse("2026-12-01T09:00:00Z")))) {
            Http admin = warden.admin();
            ExtensionDecisionPagesIT.ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                    """));
            ExtensionDecisionPagesIT.ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                    """));
            JsonNode ticket = ExtensionDecisionPagesIT.ok(admin.post("/api/v1/tickets", """
                    {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "Stored XSS", "score": 7.5}
                    """));
            String key = ticket.get("key").asString();
            var due = Instant.parse(ticket.get("dueAt").asString())
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate();
            String asked = due.plusDays(30).toString();
            String earlier = due.minusDays(10).toString();
            Http partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.TICKETS_RESPOND);
            ExtensionDecisionPagesIT.ok(
                    partner.post("/api/v1/tickets/" + key + "/extension-requests", """
                    {"reason": "UPSTREAM_DEPENDENCY", "plan": "Upgrade the sanitizer when 3.2 ships", "proposedDueAt": "%sT00:00:00Z"}
                    """.formatted(asked)));
            SignIns.createUser(warden.bean(Users.class), "ana.analyst", null, Role.SECURITY_ANALYST);

            try (Browser ana = Browser.open(warden.port())) {
                ana.signIn("ana.analyst", SignIns.PASSWORD);
                ana.go("/tickets/" + key);
                assertThat(ana.find(By.id("extension-request")).getText())
                        .contains("Asked for", asked, "UPSTREAM_DEPENDENCY", "Upgrade the sanitizer when 3.2 ships");
                assertThat(ana.find(By.id("grant-due")).getAttribute("value")).isEqualTo(asked);

                // An earlier date: the picker will not take it...
                ana.script("document.getElementById('grant-due').value = arguments[0];", earlier);
                assertThat(ana.value("return document.getElementById('grant-due').validity.rangeUnderflow"))
                        .isEqualTo(true);
                assertThat(ana.value("return document.getElementById('grant-due').form.checkValidity()"))
                        .isEqualTo(false);
                // ...and with the browser's check bypassed, the server refuses it and changes nothing.
                ana.script("document.getElementById('grant-due').form.noValidate = true;");
                ana.follow(ana.find(By.cssSelector("form[action$='/extension-requests/approve'] button")));
                assertThat(ana.text()).contains("after the current due date");
                assertThat(ExtensionDecisionPagesIT.ok(admin.get("/api/v1/tickets/" + key))
                                .get("status")
                                .asString())
                        .isEqualTo("EXTENSION_REQUESTED");

                ana.go("/tickets/" + key);
                ana.find(By.id("decision-note")).sendKeys("Fine, keep us posted");
                ana.follow(ana.find(By.cssSelector("form[action$='/extension-requests/approve'] button")));
                assertThat(ana.text()).contains("Extension granted.");
                assertThat(ExtensionDecisionPagesIT.ok(admin.get("/api/v1/tickets/" + key))
                                .get("dueAt")
                                .asString())
                        .isEqualTo(asked + "T23:59:59Z");
            }
        }
    }
}

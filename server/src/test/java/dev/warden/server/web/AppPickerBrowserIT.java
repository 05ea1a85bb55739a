package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.NodeTools;
import dev.warden.server.testing.SignIns;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator's bug bounty program and incident forms: once the partner is typed, its apps are offered to
 * tick (another partner's are not); a partner Warden does not know leaves the field for keys, saying so.
 */
@ExtendWith(FirstPassOnly.class)
class AppPickerBrowserIT {

    @Test
    void thePartnersAppsAreOfferedOnceThePartnerIsTyped() throws Exception {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Http admin = warden.admin();
            for (String p : new String[] {"acme", "bolt"}) {
                ExtensionDecisionPagesIT.ok(admin.post("/api/v1/partners", """
                        {"id": "%s", "name": "%s Inc", "tier": "GOLD"}""".formatted(p, p)));
                for (String app : new String[] {"timesheets", "roadmaps"}) {
                    ExtensionDecisionPagesIT.ok(admin.post("/api/v1/apps", """
                            {"key": "com.%s.%s", "name": "%s %s", "partner": "%s",
                             "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                            """.formatted(p, app, p, app, p)));
                }
            }
            SignIns.createUser(warden.bean(Users.class), "ana.analyst", null, Role.SECURITY_ANALYST);
            try (Browser ana = Browser.open(warden.port())) {
                ana.signIn("ana.analyst", SignIns.PASSWORD);
                ana.go("/programs/new");
                WebElement typed = ana.find(By.id("app-keys"));
                ana.typeAndSwap(ana.find(By.id("partner")), "acme", typed);
                assertThat(ana.find(By.cssSelector("#app-picker legend")).getText())
                        .isEqualTo("Apps it covers (acme)");
                assertThat(ana.findAll(By.cssSelector("#app-picker input[name=apps]")))
                        .extracting(e -> e.getAttribute("value"))
                        .containsExactlyInAnyOrder("com.acme.timesheets", "com.acme.roadmaps");
                assertThat(ana.accessibilityViolations(NodeTools.file("axe-core/axe.min.js")))
                        .isEmpty();

                ana.find(By.cssSelector("#app-picker input[value='com.acme.roadmaps']"))
                        .click();
                ana.find(By.id("platform")).sendKeys("Bugcrowd");
                ana.script("document.getElementById('launchedOn').value = '2026-03-01';");
                ana.follow(ana.find(By.cssSelector("form.card button.primary")));
                assertThat(ana.text()).contains("Bug bounty program registered.");
                String programs =
                        admin.get("/api/v1/bounty-programs?partner=acme").body();
                assertThat(programs).contains("com.acme.roadmaps").doesNotContain("com.acme.timesheets");

                // A partner Warden does not know: the keys are typed, and the page says why.
                ana.go("/incidents/new");
                WebElement field = ana.find(By.id("app-keys"));
                ana.typeAndSwap(ana.find(By.id("partner")), "nobody", field);
                assertThat(ana.find(By.id("app-picker")).getText()).contains("Partner nobody has no apps Warden knows");
                assertThat(ana.findAll(By.id("app-keys"))).hasSize(1);
            }
        }
    }
}

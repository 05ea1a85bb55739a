package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.DecisionsIT.proposedAction;
import static dev.warden.server.enforcement.LadderAndLiftIT.decide;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.enforcement.DecisionsIT.World;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.NodeTools;
import dev.warden.server.testing.SignIns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The transparency page as the operator sets it up and as anyone then sees it in Chromium: a refused
 * setting keeps what was typed; the page shows its six columns and no field it must not; axe-core finds
 * no serious issue.
 */
@ExtendWith(FirstPassOnly.class)
class TransparencyBrowserIT {

    @Test
    void theOperatorPublishesThePageAndAnyoneSeesOnlyWhatItMayShow() throws Exception {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            SignIns.createUser(w.warden().bean(Users.class), "ada.admin", null, Role.ADMIN);
            try (Browser ada = Browser.open(w.warden().port())) {
                ada.signIn("ada.admin", SignIns.PASSWORD);
                ada.go("/cases");
                ada.follow(ada.find(By.linkText("the transparency page")));
                assertThat(ada.path()).isEqualTo("/settings/transparency");
                WebElement enabled = ada.find(By.name("enabled"));
                assertThat(enabled.isSelected()).isFalse();
                enabled.click();
                ada.find(By.cssSelector("input[name=actions][value=WARNING]")).click();
                ada.find(By.id("delayDays")).clear();
                ada.find(By.id("delayDays")).sendKeys("a week");
                ada.follow(ada.find(By.cssSelector("form.card button[type=submit]")));
                assertThat(ada.text()).contains("Days before publishing: a whole number of days");
                assertThat(ada.find(By.name("enabled")).isSelected()).as("kept").isTrue();
                assertThat(ada.find(By.cssSelector("input[name=actions][value=WARNING]"))
                                .isSelected())
                        .isTrue();
                assertThat(ada.find(By.id("delayDays")).getAttribute("value")).isEqualTo("a week");

                ada.find(By.id("delayDays")).clear();
                ada.find(By.id("delayDays")).sendKeys("0");
                ada.follow(ada.find(By.cssSelector("form.card button[type=submit]")));
                assertThat(ada.text()).contains("Transparency settings saved.", "Last changed by Test ada.admin");
            }

            decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "approve", "SLO breach");
            List<String> secrets = TransparencyIT.secrets(w);
            w.clock().advance(Duration.ofMinutes(2));
            try (Browser anyone = Browser.open(w.warden().port())) {
                anyone.go("/transparency");
                assertThat(anyone.findAll(By.cssSelector("table.transparency th")))
                        .extracting(WebElement::getText)
                        .containsExactly("Date", "App or partner", "Partner", "Action", "Area of the policy", "Status");
                assertThat(anyone.findAll(By.cssSelector("table.transparency tbody td")))
                        .extracting(WebElement::getText)
                        .containsExactly(
                                "2026-06-12",
                                "Acme App (Cloud)",
                                "Acme",
                                "Hidden from search and browse",
                                "Fixing security vulnerabilities on time",
                                "In effect");
                String source = String.valueOf(anyone.value("return document.documentElement.outerHTML"));
                assertThat(source).doesNotContain(secrets);
                assertThat(anyone.findAll(By.cssSelector("header nav, header .who, form[action='/logout']")))
                        .as("nothing of the console")
                        .isEmpty();
                assertThat(anyone.accessibilityViolations(NodeTools.file("axe-core/axe.min.js")))
                        .isEmpty();
            }
        }
    }
}

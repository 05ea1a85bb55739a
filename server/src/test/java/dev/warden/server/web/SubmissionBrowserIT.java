package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The security review in a real browser: a partner submits an app whose artifact collects user API
 * tokens and sees the review blocked with the policy's reason, and the analyst cannot approve it; a
 * clean app is submitted, approved by the analyst, and is on the marketplace.
 */
@ExtendWith(FirstPassOnly.class)
class SubmissionBrowserIT {
    static final Map<String, String> ANSWERS = Map.of(
            "user-api-tokens", "NO",
            "oauth-secret-storage", "KMS",
            "stores-data", "NO",
            "data-residency", "none stored",
            "egress-domains", "none",
            "security-contact", "YES",
            "incident-response-process", "YES",
            "bug-bounty", "YES");

    @TempDir
    Path dir;

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    Path artifact(String name, boolean collectsTokens) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("atlassian-plugin.xml", "<atlassian-plugin key=\"x\"/>".getBytes(StandardCharsets.UTF_8));
        if (collectsTokens) {
            files.put("com/acme/Settings.class", Artifacts.classHolding("Settings", "TOKEN", Artifacts.apiToken(5)));
        }
        Path file = dir.resolve(name + ".obr");
        Files.write(file, Artifacts.obr(name + ".jar", files));
        return file;
    }

    static void submit(Browser pat, String key, String name, Path artifact) {
        pat.go("/submissions/new");
        new Select(pat.find(By.id("kind"))).selectByValue("NEW_APP");
        pat.find(By.id("app")).sendKeys(key);
        pat.find(By.id("appName")).sendKeys(name);
        new Select(pat.find(By.id("hosting"))).selectByValue("CLOUD");
        pat.find(By.id("version")).sendKeys("1.0.0");
        pat.find(By.id("file")).sendKeys(artifact.toAbsolutePath().toString());
        ANSWERS.forEach((question, answer) -> {
            var field = pat.find(By.id("answer-" + question));
            if (field.getTagName().equals("select")) {
                new Select(field).selectByValue(answer);
            } else {
                field.sendKeys(answer);
            }
        });
        pat.follow(pat.find(By.xpath("//button[text()='Submit for review']")));
        assertThat(pat.text()).contains("Submitted for the security review");
    }

    @Test
    void aTokenCollectingAppIsBlockedWithTheReasonAndACleanAppIsApproved() throws IOException {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.polling-interval", "1s", "warden.scanning.poll-interval", "1s"), clock)) {
            Http admin = warden.admin();
            ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                    """));
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);

            try (Browser pat = Browser.open(warden.port());
                    Browser ian = Browser.open(warden.port())) {
                pat.signIn("pat@acme.example", SignIns.PASSWORD);
                submit(pat, "com.acme.tokens", "Acme Tokens", artifact("tokens", true));
                // The page follows the scan by itself, then shows the block and why.
                pat.waitForText("Apps that collect, transmit, or store Atlassian user account API tokens will not"
                        + " be approved during the security questionnaire review");
                assertThat(pat.find(By.id("verdict")).getText()).isEqualTo("FAIL");
                assertThat(pat.find(By.id("signals")).getText()).contains("scan atlassian-api-token");
                assertThat(pat.text()).doesNotContain(Artifacts.apiToken(5)).doesNotContain("Approve");
                pat.screenshot("submission-blocked");

                ian.signIn("ian.analyst", SignIns.PASSWORD);
                ian.go("/submissions");
                ian.follow(ian.find(By.partialLinkText("com.acme.tokens")));
                ian.follow(ian.find(By.xpath("//button[text()='Approve']")));
                assertThat(ian.text()).contains("a failing signal blocks approval");
                ian.find(By.id("reason")).sendKeys("Remove the API token and the code that asks for one.");
                ian.follow(ian.find(By.xpath("//button[text()='Request changes']")));
                assertThat(ian.text()).contains("Changes requested");
                pat.go(pat.path());
                assertThat(pat.text()).contains("CHANGES_REQUESTED", "Remove the API token and the code that asks");

                submit(pat, "com.acme.clean", "Acme Clean", artifact("clean", false));
                pat.waitForText("PASS");
                ian.go("/submissions");
                ian.follow(ian.find(By.partialLinkText("com.acme.clean")));
                assertThat(ian.find(By.id("verdict")).getText()).isEqualTo("PASS");
                ian.follow(ian.find(By.xpath("//button[text()='Assign to me']")));
                assertThat(ian.text()).contains("Assignee ian.analyst");
                ian.find(By.id("conditions")).sendKeys("Publish the privacy policy link on the listing.");
                ian.follow(ian.find(By.xpath("//button[text()='Approve']")));
                assertThat(ian.text()).contains("Approved: the app, listing or version is on the marketplace.");
                ian.screenshot("submission-approved");
                assertThat(ian.value("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("the analyst's menu fits the window: nothing scrolls sideways")
                        .isEqualTo(true);

                pat.go(pat.path());
                assertThat(pat.text()).contains("APPROVED", "Publish the privacy policy link on the listing.");
                pat.go("/apps/com.acme.clean");
                assertThat(pat.text()).contains("Acme Clean", "1.0.0");
            }
        }
    }
}

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
import dev.warden.server.tickets.BreachRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The main journeys of the console and the portal in a real headless Chromium: an operator finds an
 * overdue ticket and two approvers pause its listing; a partner requests an extension and reports an
 * incident, and cannot reach another partner's pages by URL.
 */
@ExtendWith(FirstPassOnly.class)
class BrowserIT {
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    /** Acme's Critical Cloud ticket, breached on 11 June; globex's ticket; their people. */
    record World(FreshWarden warden, String acmeTicket, String globexTicket) {}

    static World world() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T09:00:00Z"));
        FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"), clock);
        Http admin = warden.admin();
        for (String p : List.of("acme", "globex")) {
            ok(admin.post("/api/v1/partners", """
                    {"id": "%s", "name": "%s Inc", "tier": "NONE", "securityContacts": [
                      {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                    """.formatted(p, p, p)));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.%s.app", "name": "%s App", "partner": "%s",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED"}, {"hosting": "DATA_CENTER", "state": "LISTED"}]}
                    """.formatted(p, p, p)));
        }
        String acme = ok(admin.post("/api/v1/tickets", """
                {"type": "SCANNER", "app": "com.acme.app", "hosting": "CLOUD", "title": "Remote code execution in the importer", "cvss": "%s"}
                """.formatted(CRITICAL)))
                .get("key")
                .asString();
        String globex = ok(admin.post("/api/v1/tickets", """
                {"type": "SCANNER", "app": "com.globex.app", "hosting": "CLOUD", "title": "Globex secret finding", "score": 5.0}
                """)).get("key").asString();
        // Acknowledged in time (TICKET-ACK-OVERDUE is not this story), then left unfixed.
        ok(admin.post("/api/v1/tickets/" + acme + "/acknowledgement", "{}"));
        ok(admin.post("/api/v1/tickets/" + globex + "/acknowledgement", "{}"));
        clock.advance(Duration.ofDays(11));
        warden.bean(BreachRecorder.class).detect();
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
        SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
        SignIns.createUser(users, "bo.approver", null, Role.APPROVER);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        return new World(warden, acme, globex);
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    static void setValue(Browser b, By field, String value) {
        WebElement element = b.find(field);
        b.script("arguments[0].value = arguments[1]", element, value);
    }

    @Test
    void anOperatorFindsTheOverdueTicketAndTwoApproversPauseTheListing() {
        World w = world();
        try (FreshWarden warden = w.warden()) {
            // An analyst takes the pause ahead of the ladder; it needs two approvers.
            Http analyst = SignIns.person(warden.port(), "ian.analyst");
            long caseId = ok(analyst.get("/api/v1/enforcement/cases?partner=acme"))
                    .get("items")
                    .get(0)
                    .get("id")
                    .asLong();
            ok(analyst.post("/api/v1/enforcement/cases/" + caseId + "/escalations", """
                    {"action": "PAUSE_LISTING", "justification": "ACTIVE_EXPLOITATION", "note": "Exploited in the wild"}
                    """));

            try (Browser ana = Browser.open(warden.port())) {
                ana.signIn("ana.approver", SignIns.PASSWORD);
                assertThat(ana.title()).isEqualTo("Where we stand · Warden");
                assertThat(ana.text()).contains("1\noverdue tickets").contains("2\nproposals awaiting approval");
                ana.screenshot("console-home");

                ana.follow(ana.find(By.partialLinkText("overdue tickets")));
                assertThat(ana.path()).startsWith("/tickets?overdue=true");
                assertThat(ana.text()).contains(w.acmeTicket()).doesNotContain(w.globexTicket());
                ana.screenshot("console-tickets");
                // The list filters as you type, in place (htmx), and the address follows the filter.
                ana.go("/tickets");
                assertThat(ana.text()).contains(w.acmeTicket()).contains(w.globexTicket());
                ana.typeAndSwap(ana.find(By.name("q")), "importer", ana.find(By.id("results")));
                assertThat(ana.find(By.id("results")).getText())
                        .contains(w.acmeTicket())
                        .doesNotContain(w.globexTicket());
                assertThat(ana.path()).contains("q=importer");
                ana.follow(ana.find(By.linkText(w.acmeTicket())));
                assertThat(ana.text())
                        .contains("Remote code execution in the importer")
                        .contains("overdue");

                ana.go("/approvals");
                WebElement pause = pauseProposal(ana);
                assertThat(pause.getText()).contains("0 of 2");
                pause.findElement(By.name("comment")).sendKeys("Confirmed with the partner");
                // The decision updates the card in place (htmx), with the message above the queue.
                ana.swap(pause.findElement(By.cssSelector("button.primary")), pause);
                assertThat(ana.find(By.id("flash")).getText()).contains("Approved: it still needs another approver.");
                assertThat(pauseProposal(ana).getText()).contains("1 of 2").contains("Test ana.approver approved");
                // Having voted, she is told it waits for someone else rather than offered a button that refuses.
                assertThat(pauseProposal(ana).getText()).contains("You have decided on this proposal");
                assertThat(pauseProposal(ana).findElements(By.cssSelector("button.primary")))
                        .isEmpty();
                assertThat(pauseProposal(ana)
                                .findElement(By.partialLinkText("case #"))
                                .getAttribute("href"))
                        .contains("/cases/");
            }
            try (Browser bo = Browser.open(warden.port())) {
                bo.signIn("bo.approver", SignIns.PASSWORD);
                bo.go("/approvals");
                WebElement pause = pauseProposal(bo);
                // The second approver sees who approved first, and why.
                assertThat(pause.getText())
                        .contains("Test ana.approver approved")
                        .contains("Confirmed with the partner");
                bo.screenshot("console-approvals");
                bo.swap(pause.findElement(By.cssSelector("button.primary")), pause);
                assertThat(bo.find(By.id("flash")).getText()).contains("Approved: the action is applied.");
                assertThat(bo.text()).as("applied, it leaves the queue").doesNotContain("PAUSE_LISTING ·");

                bo.go("/apps/com.acme.app");
                assertThat(bo.find(By.id("state-CLOUD")).getText()).isEqualTo("PAUSED");
                assertThat(bo.find(By.id("state-DATA_CENTER")).getText()).isEqualTo("LISTED");
                bo.screenshot("console-app");

                // The case behind it, with both votes, and the policy the ladder came from.
                bo.go("/cases/" + caseId);
                assertThat(bo.text())
                        .contains("PAUSE_LISTING")
                        .contains("Test ana.approver approved")
                        .contains("Test bo.approver approved");
                bo.screenshot("console-case");
                bo.go("/partners/acme");
                assertThat(bo.text()).contains("Open cases").contains("VULN-OVERDUE");
                bo.go("/policy");
                assertThat(bo.text())
                        .contains("How long a partner has to fix a vulnerability")
                        .contains("VULN-OVERDUE");
                bo.screenshot("console-policy");
            }
            // The partner sees, beside its app, what is in effect against it, why, and until when it may appeal.
            Http pat = SignIns.person(warden.port(), "pat@acme.example");
            String portal = pat.get("/").body();
            String apps = portal.substring(portal.indexOf("<h2>Your apps</h2>"));
            assertThat(apps)
                    .contains("Paused: not operational for customers (CLOUD)")
                    .contains("Exploited in the wild")
                    .contains("href=\"/cases/" + caseId + "\"")
                    .contains("You may appeal it on the case until");
        }
    }

    static WebElement pauseProposal(Browser b) {
        return b.findAll(By.cssSelector("article.proposal")).stream()
                .filter(a -> a.getText().startsWith("PAUSE_LISTING"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PAUSE_LISTING proposal on " + b.text()));
    }

    @Test
    void aPartnerUploadsAVersionAndWatchesItsScanFindTheSecret() throws Exception {
        World w = world();
        try (FreshWarden warden = w.warden()) {
            Path jar = Files.createTempFile("acme-app-", ".jar");
            Files.write(
                    jar,
                    dev.warden.server.testing.Artifacts.zip(Map.of(
                            "oauth.properties",
                            ("client_secret=" + dev.warden.server.testing.Artifacts.clientSecret(99) + "\n")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            try (Browser pat = Browser.open(warden.port())) {
                pat.signIn("pat@acme.example", SignIns.PASSWORD);
                pat.go("/apps/com.acme.app");
                assertThat(pat.text()).contains("Versions and scans").contains("No version yet");
                pat.find(By.id("version")).sendKeys("4.0.0");
                new Select(pat.find(By.id("hosting"))).selectByValue("CLOUD");
                pat.find(By.id("file")).sendKeys(jar.toAbsolutePath().toString());
                pat.follow(pat.find(By.xpath("//button[text()='Upload and scan']")));
                assertThat(pat.path()).startsWith("/apps/com.acme.app/versions/");
                assertThat(pat.text()).contains("Version added").contains("queued");

                // Background work is off in this test; the scan runs now, and the open page follows it.
                warden.bean(dev.warden.server.scanning.AppVersions.class).scanQueuedNow(Duration.ofMinutes(1));
                pat.waitForText("What the scan found");
                assertThat(pat.text())
                        .contains("finished")
                        .contains("oauth-client-secret")
                        .contains("oauth.properties:1")
                        .doesNotContain(dev.warden.server.testing.Artifacts.clientSecret(99));
                pat.screenshot("portal-version");
                pat.follow(pat.find(By.partialLinkText("AMS-")));
                assertThat(pat.text()).contains("Hardcoded OAuth client secret").contains("HIGH");
            }
        }
    }

    @Test
    void aPartnerRequestsAnExtensionReportsAnIncidentAndCannotReachAnotherPartnersPages() {
        World w = world();
        try (FreshWarden warden = w.warden();
                Browser pat = Browser.open(warden.port())) {
            pat.signIn("pat@acme.example", SignIns.PASSWORD);
            assertThat(pat.title()).isEqualTo("Your standing · Warden");
            assertThat(pat.text())
                    .contains("VULN-OVERDUE")
                    .contains("Release the fix and mark the ticket released, or request an extension.")
                    .contains(w.acmeTicket())
                    .contains("overdue")
                    .doesNotContain(w.globexTicket());
            pat.screenshot("portal-home");

            // Request an extension from the ticket's page.
            pat.follow(pat.find(By.linkText(w.acmeTicket())));
            new Select(pat.find(By.id("reason"))).selectByValue("UPSTREAM_DEPENDENCY");
            pat.find(By.id("plan")).sendKeys("Upgrade the parser when 2.4 ships next month");
            setValue(pat, By.id("proposedDue"), "2026-08-01");
            pat.follow(pat.find(By.cssSelector("form[action$='/extension-requests'] button")));
            assertThat(pat.text()).contains("Extension requested.").contains("EXTENSION_REQUESTED");

            // A request without a plan is refused with the reason, and nothing is lost from the page.
            // (The form asks for it too; the server checks regardless.)

            // Report an incident.
            pat.go("/incidents/new");
            pat.find(By.cssSelector("input[name=apps][value='com.acme.app']")).click();
            new Select(pat.find(By.id("category"))).selectByValue("DATA_EXPOSURE");
            pat.find(By.id("title")).sendKeys("Exports readable without signing in");
            setValue(pat, By.id("awareAt"), "2026-06-12T07:30");
            pat.find(By.id("customersAffected")).clear();
            pat.find(By.id("customersAffected")).sendKeys("3");
            pat.screenshot("portal-report-incident");
            pat.follow(pat.find(By.cssSelector("form button.primary")));
            assertThat(pat.text())
                    .contains("Incident reported.")
                    .contains("INC-1")
                    .contains("Exports readable");
            assertThat(pat.find(By.id("incident-state")).getText()).isEqualTo("OPEN");
            new Select(pat.find(By.id("type"))).selectByValue("UPDATE");
            pat.find(By.id("text")).sendKeys("Links expire now; checking the access logs");
            pat.follow(pat.find(By.cssSelector("form button.primary")));
            assertThat(pat.text()).contains("Links expire now");

            // Attest the documented incident response process from the standing page; the form opens by itself
            // while there is none on record.
            pat.go("/");
            assertThat(pat.find(By.id("incident-process")).getText()).contains("Not on record");
            pat.find(By.id("process-document")).sendKeys("https://acme.example/security/incident-response");
            setValue(pat, By.id("process-reviewed"), "2026-06-10");
            for (WebElement box : pat.findAll(By.cssSelector("#incident-process input[name=covers]"))) {
                box.click();
            }
            pat.follow(pat.find(By.xpath("//button[text()='Attest']")));
            assertThat(pat.text()).contains("Incident response process attested.");
            assertThat(pat.find(By.id("incident-process")).getText())
                    .contains("Current")
                    .contains("reviewed 2026-06-10, current until 2027-06-10");

            // Declare the app's use of user API tokens.
            pat.go("/apps/com.acme.app");
            pat.find(By.cssSelector("input[name=collects]")).click();
            pat.follow(pat.find(By.xpath("//button[text()='Save declaration']")));
            assertThat(pat.text()).contains("Declaration saved.").contains("This app handles user API tokens");
            new Select(pat.find(By.id("migration"))).selectByValue("IN_PROGRESS");
            pat.follow(pat.find(By.xpath("//button[text()='Save migration status']")));
            assertThat(pat.text()).contains("Migration status saved.").contains("migration IN_PROGRESS");
            assertThat(pat.findAll(By.id("report")))
                    .as("only the operator records scans")
                    .isEmpty();

            // Another partner's pages answer like missing ones.
            pat.go("/tickets/" + w.globexTicket());
            assertThat(pat.text()).contains("Not found").doesNotContain("Globex secret finding");
            pat.go("/apps/com.globex.app");
            assertThat(pat.text()).contains("Not found");
            pat.go("/tickets?partner=globex");
            assertThat(pat.text()).doesNotContain(w.globexTicket());
            pat.go("/approvals");
            assertThat(pat.text()).doesNotContain("Awaiting approval");
        }
    }

    @Test
    void theOperatorUploadsAScanReportAsEvidence() throws Exception {
        World w = world();
        Path report = Files.createTempFile("acme-scan", ".json");
        Files.writeString(report, """
                {"format": "warden.scan/v1", "input": "acme-app-2.0.jar",
                 "findings": [{"rule": "pat-collection", "path": "acme-app-2.0.jar!/settings.html", "line": 12,
                               "preview": "<input name=\\"apiToken\\">", "secretSha256": null}]}
                """);
        Path notAReport = Files.createTempFile("notes", ".json");
        Files.writeString(notAReport, "{\"format\": \"sarif\"}");
        try (FreshWarden warden = w.warden();
                Browser ian = Browser.open(warden.port())) {
            ian.signIn("ian.analyst", SignIns.PASSWORD);
            ian.go("/apps/com.acme.app");
            // A file that is not a scan report is refused on the page, nothing recorded.
            ian.find(By.id("report")).sendKeys(notAReport.toString());
            ian.follow(ian.find(By.xpath("//button[text()='Record scan']")));
            assertThat(ian.text()).contains("warden.scan/v1").doesNotContain("Latest scan");
            ian.find(By.id("report")).sendKeys(report.toString());
            ian.follow(ian.find(By.xpath("//button[text()='Record scan']")));
            assertThat(ian.text())
                    .contains("Scan evidence recorded.")
                    .contains("Latest scan of acme-app-2.0.jar")
                    .contains("pat-collection at acme-app-2.0.jar!/settings.html")
                    .contains("This app handles user API tokens");
            ian.find(By.id("platformRequest")).sendKeys("ECO-1234");
            ian.follow(ian.find(By.xpath("//button[text()='Record platform request']")));
            assertThat(ian.text())
                    .contains("Platform request recorded.")
                    .contains("Extended while platform request ECO-1234");
        } finally {
            Files.deleteIfExists(report);
            Files.deleteIfExists(notAReport);
        }
    }

    @Test
    void anAdministratorEditsDisablesAndResetsThePasswordOfAPerson() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ada.admin", null, Role.ADMIN);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
            try (Browser ian = Browser.open(warden.port());
                    Browser ada = Browser.open(warden.port())) {
                ian.signIn("ian.analyst", SignIns.PASSWORD);
                ian.go("/tickets");
                assertThat(ian.path()).startsWith("/tickets");

                ada.signIn("ada.admin", SignIns.PASSWORD);
                ada.go("/admin/users");
                ada.follow(ada.find(By.linkText("ian.analyst")));
                // A refused change keeps what was typed and says why in words.
                WebElement name = ada.find(By.id("displayName"));
                name.clear();
                name.sendKeys("Ian Analyst-Smith");
                ada.find(By.id("partner")).sendKeys("acme");
                ada.follow(ada.find(By.cssSelector("form.card button.primary")));
                assertThat(ada.text()).contains("Partner");
                assertThat(ada.find(By.id("displayName")).getAttribute("value")).isEqualTo("Ian Analyst-Smith");
                // Disabled: saved, and Ian's session stops at his next page.
                ada.find(By.id("partner")).clear();
                ada.find(By.id("enabled")).click();
                ada.follow(ada.find(By.cssSelector("form.card button.primary")));
                assertThat(ada.text()).contains("Saved.").contains("disabled: cannot sign in");
                ian.go("/tickets");
                assertThat(ian.path()).startsWith("/login");

                // A new temporary password, after a confirmation, shown once; enabled again, Ian signs in with
                // it and is asked to choose his own.
                ada.follow(ada.find(By.xpath("//button[text()='Reset the password']")));
                assertThat(ada.text()).contains("stops working at once");
                ada.follow(ada.find(By.xpath("//button[text()='Yes, reset it']")));
                String temporary = ada.find(By.id("temporary-password")).getText();
                assertThat(temporary).hasSizeGreaterThanOrEqualTo(12);
                ada.find(By.id("enabled")).click();
                ada.follow(ada.find(By.cssSelector("form.card button.primary")));
                assertThat(ada.text()).contains("Ian Analyst-Smith").contains("ian.analyst · enabled");
                ian.signIn("ian.analyst", SignIns.PASSWORD);
                assertThat(ian.path()).startsWith("/login");
                ian.signIn("ian.analyst", temporary);
                assertThat(ian.path()).startsWith("/account/password");
            }
        }
    }

    @Test
    void theDemoMarketplaceReadsAtAGlance() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST, Role.APPROVER);
            SignIns.createUser(users, "pat@acme.example", "acme-software", Role.PARTNER);
            ok(warden.admin().post("/api/v1/enforcement/evaluations", ""));
            try (Browser ian = Browser.open(warden.port())) {
                ian.signIn("ian.analyst", SignIns.PASSWORD);
                assertThat(ian.text()).contains("Open violations by rule").contains("BOUNTY-MISSING");
                ian.screenshot("demo-console-home");
                assertThat(ian.text()).contains("SLA attainment, month by month");
                ian.script("document.querySelector('.columns').scrollIntoView()");
                ian.screenshot("demo-console-charts");
                ian.go("/partners/zenith-apps");
                assertThat(ian.text()).contains("no active program");
                ian.screenshot("demo-console-partner");
                ian.go("/incidents/INC-4");
                assertThat(ian.text()).contains("actively exploited");
                ian.screenshot("demo-console-incident");

                // The queue at marketplace scale: grouped by action, filtered, and warnings approved together.
                ian.go("/approvals");
                List<String> groups = ian.findAll(By.cssSelector("section.group > h2")).stream()
                        .map(WebElement::getText)
                        .toList();
                assertThat(groups.get(0)).startsWith("WARNING (");
                int warnings = Integer.parseInt(groups.get(0).replaceAll("\\D", ""));
                assertThat(warnings).isGreaterThan(2);
                new Select(ian.find(By.name("action"))).selectByValue("WARNING");
                new Select(ian.find(By.name("sort"))).selectByValue("newest");
                ian.follow(ian.find(By.cssSelector("form.filters button[type=submit]")));
                assertThat(ian.path()).contains("action=WARNING").contains("sort=newest");
                assertThat(ian.findAll(By.cssSelector("section.group"))).hasSize(1);
                assertThat(ian.text()).contains(warnings + " of ");
                // Fifty a page: the first page's warnings can be ticked.
                List<WebElement> picks = ian.findAll(By.cssSelector("input[name=ids]"));
                assertThat(picks).hasSize(Math.min(warnings, 50));
                picks.get(0).click();
                picks.get(1).click();
                ian.find(By.id("bulk-comment")).sendKeys("Monday batch");
                ian.follow(ian.find(By.cssSelector("form.bulk button[type=submit]")));
                assertThat(ian.text()).contains("Approved 2 warning(s)");
                ian.go("/approvals?action=WARNING");
                assertThat(ian.find(By.cssSelector("section.group > h2")).getText())
                        .isEqualTo("WARNING (" + (warnings - 2) + ")");
                assertThat(ian.findAll(By.cssSelector("input[name=ids]"))).hasSize(Math.min(warnings - 2, 50));
                // Nothing ticked: said so, nothing done.
                ian.follow(ian.find(By.cssSelector("form.bulk button[type=submit]")));
                assertThat(ian.text()).contains("Tick the warnings to approve first.");
                ian.screenshot("demo-console-queue");
            }
            try (Browser pat = Browser.open(warden.port())) {
                pat.signIn("pat@acme.example", SignIns.PASSWORD);
                assertThat(pat.text()).contains("Your standing").doesNotContain("zenith");
                pat.screenshot("demo-portal-home");
            }
        }
    }
}

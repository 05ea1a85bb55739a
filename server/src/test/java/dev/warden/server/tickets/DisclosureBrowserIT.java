package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Browser;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.NodeTools;
import dev.warden.server.testing.SignIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A partner discloses a vulnerability in its own app through the portal: a refused form keeps every
 * field, the ticket then shows its description rendered (raw HTML as text), its weakness linked to MITRE
 * and its affected versions; a file with a secret is refused, a clean one attached, listed and removed;
 * the page has no serious accessibility issue.
 */
@ExtendWith(FirstPassOnly.class)
class DisclosureBrowserIT {

    @Test
    void aPartnerDisclosesAVulnerabilityThroughThePortal() throws Exception {
        TicketDetailsIT.World w = TicketDetailsIT.world();
        try (FreshWarden ignored = w.warden();
                Browser pat = Browser.open(w.warden().port())) {
            pat.signIn("pat@acme.example", SignIns.PASSWORD);
            pat.go("/tickets");
            pat.follow(pat.find(By.linkText("Disclose a vulnerability")));
            assertThat(pat.path()).isEqualTo("/tickets/disclose");
            assertThat(pat.findAll(By.id("type")))
                    .as("a disclosure is a SECURITY ticket")
                    .isEmpty();

            pat.find(By.id("app")).sendKeys("com.acme.app");
            pat.find(By.id("title")).sendKeys("Stored XSS in the macro editor");
            pat.find(By.id("cvss")).sendKeys(TicketDetailsIT.HIGH);
            pat.find(By.id("description"))
                    .sendKeys(
                            "## Steps to reproduce\n\n1. Insert a macro\n2. Its title `<script>alert(1)</script>` runs");
            pat.find(By.id("cwe")).sendKeys("cross-site scripting");
            pat.find(By.id("affectedVersions")).sendKeys("1.0 to 2.3.1");
            pat.follow(pat.find(By.cssSelector("form.card button[type=submit]")));

            assertThat(pat.text()).contains("a CWE id such as CWE-79");
            assertThat(value(pat, "app")).isEqualTo("com.acme.app");
            assertThat(value(pat, "title")).isEqualTo("Stored XSS in the macro editor");
            assertThat(value(pat, "cvss")).isEqualTo(TicketDetailsIT.HIGH);
            assertThat(value(pat, "description")).startsWith("## Steps to reproduce");
            assertThat(value(pat, "cwe")).isEqualTo("cross-site scripting");
            assertThat(value(pat, "affectedVersions")).isEqualTo("1.0 to 2.3.1");

            pat.find(By.id("cwe")).clear();
            pat.find(By.id("cwe")).sendKeys("CWE-79");
            pat.follow(pat.find(By.cssSelector("form.card button[type=submit]")));
            assertThat(pat.text())
                    .contains("Disclosed.", "Stored XSS in the macro editor", "Disclosed by the partner.");
            WebElement details = pat.find(By.id("ticket-details"));
            assertThat(details.findElement(By.tagName("h2")).getText()).isEqualTo("Details");
            assertThat(details.findElements(By.cssSelector(".markdown h2")))
                    .extracting(WebElement::getText)
                    .containsExactly("Steps to reproduce");
            assertThat(details.findElement(By.cssSelector(".markdown code")).getText())
                    .isEqualTo("<script>alert(1)</script>");
            assertThat(details.findElements(By.tagName("script"))).isEmpty();
            assertThat(details.findElement(By.linkText("CWE-79")).getAttribute("href"))
                    .isEqualTo("https://cwe.mitre.org/data/definitions/79.html");
            assertThat(details.getText()).contains("Affected versions 1.0 to 2.3.1");
            assertThat(pat.findAll(By.cssSelector("#ticket-details form")))
                    .as("the details are the operator's to change")
                    .isEmpty();

            // Attachments: a file holding a secret is refused with where it is, masked; a clean one is listed
            // with its scan's verdict and a link that downloads it.
            java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("warden-attach");
            java.nio.file.Path leaky = folder.resolve("capture.har");
            String token = dev.warden.server.testing.Artifacts.apiToken(11);
            java.nio.file.Files.writeString(leaky, "{\"authorization\": \"Basic " + token + "\"}\n");
            pat.find(By.id("attachment-file")).sendKeys(leaky.toString());
            pat.follow(pat.find(By.cssSelector("#attachments button[type=submit]")));
            assertThat(pat.text()).contains("holds what looks like a secret", "capture.har, line 1", "ATATT3");
            assertThat(pat.text()).doesNotContain(token).contains("No files attached.");

            java.nio.file.Path poc = folder.resolve("poc.html");
            java.nio.file.Files.writeString(poc, "<script>alert(document.domain)</script>\n");
            pat.find(By.id("attachment-file")).sendKeys(poc.toString());
            pat.follow(pat.find(By.cssSelector("#attachments button[type=submit]")));
            assertThat(pat.text()).contains("File attached.");
            WebElement row = pat.find(By.cssSelector("#attachments tbody tr"));
            assertThat(row.getText()).contains("poc.html", "text/html", "No secrets, nothing noted", "Remove");
            WebElement link = row.findElement(By.linkText("poc.html"));
            assertThat(link.getAttribute("download")).isNotNull();
            assertThat(link.getAttribute("href")).matches(".*/api/v1/tickets/AMS-\\d+/attachments/\\d+");
            assertThat(pat.accessibilityViolations(NodeTools.file("axe-core/axe.min.js")))
                    .isEmpty();
            pat.follow(row.findElement(By.tagName("button")));
            assertThat(pat.text()).contains("Attachment removed.", "No files attached.");
        }
    }

    private static String value(Browser browser, String id) {
        return String.valueOf(browser.find(By.id(id)).getAttribute("value"));
    }
}

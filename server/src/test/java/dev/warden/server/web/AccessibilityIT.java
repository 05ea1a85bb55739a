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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Every page of the console and the portal on the demo marketplace, at 1400 and 800 pixels wide: axe-core
 * (WCAG 2.1 A and AA) finds no serious or critical issue, nothing scrolls sideways, the first thing a
 * keyboard reaches is the link that skips to the content, and the focus ring stands out from white by at
 * least 3:1.
 */
@ExtendWith(FirstPassOnly.class)
class AccessibilityIT {
    static final List<String> CONSOLE = List.of(
            "/",
            "/tickets",
            "/tickets/new",
            "/cases",
            "/approvals",
            "/partners",
            "/partners/acme-software",
            "/apps",
            "/apps/com.acme.timesheets",
            "/domains",
            "/incidents",
            "/incidents/INC-4",
            "/incidents/new",
            "/submissions",
            "/programs",
            "/programs/BB-1",
            "/verifications",
            "/audit",
            "/outbox",
            "/webhooks",
            "/settings/notifications",
            "/admin/users",
            "/admin/clients",
            "/integrations/jira",
            "/integrations/bugcrowd",
            "/policy",
            "/account/password");

    static final List<String> PORTAL = List.of("/", "/tickets", "/cases", "/incidents", "/submissions");

    @Test
    void everyPageIsAccessibleAndFitsANarrowWindow() throws Exception {
        Path axe = NodeTools.file("axe-core/axe.min.js");
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ada.admin", null, Role.ADMIN);
            SignIns.createUser(users, "pat@acme.example", "acme-software", Role.PARTNER);
            Http admin = warden.admin();
            admin.post("/api/v1/enforcement/evaluations", "");
            List<String> console = new ArrayList<>(CONSOLE);
            console.add("/tickets/"
                    + admin.get("/api/v1/tickets?partner=acme-software")
                            .json()
                            .get("items")
                            .get(0)
                            .get("key")
                            .asString());
            // A ticket with a description, a weakness and an attachment: the one pictured.
            Http.Response attached = admin.multipart(
                    "/api/v1/tickets/AMS-1002/attachments",
                    Map.of(),
                    "export-traversal-poc.txt",
                    "GET /plugins/servlet/access-reviews/export?name=../../../../etc/passwd\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(attached.status()).as(attached.body()).isEqualTo(201);
            console.add("/tickets/AMS-1002");
            console.add("/cases/"
                    + admin.get("/api/v1/enforcement/cases?partner=acme-software")
                            .json()
                            .get("items")
                            .get(0)
                            .get("id")
                            .asLong());
            console.add("/submissions/"
                    + admin.get("/api/v1/submissions")
                            .json()
                            .get("items")
                            .get(0)
                            .get("id")
                            .asString());
            Map<String, List<String>> problems = new LinkedHashMap<>();
            try (Browser ada = Browser.open(warden.port())) {
                ada.signIn("ada.admin", SignIns.PASSWORD);
                sweep(ada, axe, console, problems, "console");
                assertThat(focusContrast(ada))
                        .as("the focus ring against white")
                        .isGreaterThanOrEqualTo(3.0);
            }
            try (Browser pat = Browser.open(warden.port())) {
                pat.signIn("pat@acme.example", SignIns.PASSWORD);
                sweep(pat, axe, PORTAL, problems, "portal");
                // The check itself can fail: an image without a text alternative is named as critical.
                pat.script("const i = document.createElement('img'); i.src = '/nothing.png';"
                        + " document.querySelector('main').append(i);");
                assertThat(pat.accessibilityViolations(axe))
                        .anySatisfy(v -> assertThat(v).startsWith("image-alt (critical)"));
            }
            assertThat(problems).isEmpty();
        }
    }

    /** The pages pictured in docs/console.md, at both widths: home, a ticket, the queue, a case, the portal. */
    static @org.jspecify.annotations.Nullable String pictured(String who, String page) {
        if (page.equals("/")) {
            return who + "-home";
        }
        if (who.equals("console") && page.equals("/approvals")) {
            return "console-queue";
        }
        if (who.equals("console") && page.matches("/tickets/[A-Z]+-[0-9]+")) {
            return "console-ticket";
        }
        if (who.equals("console") && page.matches("/cases/[0-9]+")) {
            return "console-case";
        }
        return null;
    }

    static void sweep(Browser browser, Path axe, List<String> pages, Map<String, List<String>> problems, String who) {
        for (int width : new int[] {1400, 800}) {
            browser.width(width);
            for (String page : pages) {
                browser.go(page);
                List<String> found = new ArrayList<>(browser.accessibilityViolations(axe));
                Object overflow = browser.value(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow instanceof Number n && n.intValue() > 0) {
                    found.add("scrolls sideways by " + n + " px");
                }
                Object first = browser.value("""
                        const first = document.querySelector('a[href], button, input, select, textarea');
                        return first ? (first.getAttribute('href') || '') + ' ' + first.textContent.trim() : '';""");
                if (!String.valueOf(first).startsWith("#main Skip to content")) {
                    found.add("the first focusable element is not the skip link: " + first);
                }
                if (browser.findAll(By.id("main")).isEmpty()) {
                    found.add("no #main to skip to");
                }
                if (!found.isEmpty()) {
                    problems.put(page + " at " + width + " px", found);
                }
                String picture = pictured(who, page);
                if (picture != null) {
                    browser.screenshot("layout-" + picture + "-" + width);
                }
            }
        }
    }

    /** The contrast ratio of a focused link's outline colour against white (WCAG 2.1 relative luminance). */
    static double focusContrast(Browser browser) {
        browser.go("/tickets");
        Object rgb = browser.value("""
                const a = document.querySelector('main a[href]');
                a.focus();
                return getComputedStyle(a).outlineColor;""");
        String[] parts = String.valueOf(rgb).replaceAll("[^0-9,.]", "").split(",");
        double l = 0.2126 * channel(parts[0]) + 0.7152 * channel(parts[1]) + 0.0722 * channel(parts[2]);
        return 1.05 / (l + 0.05);
    }

    private static double channel(String value) {
        double c = Double.parseDouble(value) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}

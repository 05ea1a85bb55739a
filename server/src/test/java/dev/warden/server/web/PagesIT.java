package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Every page of the console and the portal renders on the demo marketplace for the people who may see
 * it (a template error only shows when a page is drawn), and a partner's person gets "not found" for
 * another partner's pages.
 */
@ExtendWith(DatabaseRequirement.class)
class PagesIT {
    static String page(Http http, String path, String expected) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.body()).as(path).contains(expected).doesNotContain("Something went wrong");
        return r.body();
    }

    @Test
    void everyPageRendersForTheOperatorAndThePartnerSeesOnlyItsOwn() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST, Role.APPROVER);
            SignIns.createUser(users, "pat@acme.example", "acme-software", Role.PARTNER);
            warden.admin().post("/api/v1/enforcement/evaluations", "");
            Http analyst = SignIns.signIn(warden.port(), "ian.analyst", SignIns.PASSWORD);

            assertThat(page(analyst, "/", "Where we stand"))
                    .contains("SLA attainment, month by month")
                    .contains("breaches this month")
                    .contains("open enforcement cases")
                    .as("the operator's work queue")
                    .contains("extension requests to decide", "tickets needing security review")
                    .as("rules and partners lead to their open cases")
                    .contains("href=\"/cases?rule=VULN-OVERDUE&amp;status=OPEN\"")
                    .containsPattern("href=\"/cases\\?partner=[a-z0-9-]+&amp;status=OPEN\"");
            // The counts behind those links: every open case, in one grouped query, as the lists count them.
            var open = warden.bean(dev.warden.server.enforcement.EnforcementCases.class)
                    .openCases(dev.warden.server.shared.Actor.system("test"));
            assertThat(open.total())
                    .isPositive()
                    .isEqualTo(warden.admin()
                            .get("/api/v1/enforcement/cases?status=OPEN")
                            .json()
                            .get("totalItems")
                            .asLong());
            // Newest first, as the unfiltered list.
            java.util.List<Long> newestOpen = warden.admin()
                    .get("/api/v1/enforcement/cases?status=OPEN")
                    .json()
                    .get("items")
                    .valueStream()
                    .map(c -> c.get("id").asLong())
                    .toList();
            assertThat(newestOpen).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            open.byRule()
                    .forEach((rule, n) -> assertThat(n)
                            .as(rule)
                            .isEqualTo(warden.admin()
                                    .get("/api/v1/enforcement/cases?status=OPEN&rule=" + rule)
                                    .json()
                                    .get("totalItems")
                                    .asLong()));
            page(analyst, "/tickets?breachedIn=2026-10", "that came due in 2026-10 and breached");
            Http.Response badLink = analyst.get("/tickets?severity=SEVERE");
            assertThat(badLink.status()).isEqualTo(400);
            assertThat(badLink.body())
                    .contains("That link does not work")
                    .contains("severity &quot;SEVERE&quot; is not understood")
                    .contains("CRITICAL, HIGH, MEDIUM, LOW");
            page(analyst, "/tickets", "Tickets");
            page(analyst, "/tickets?overdue=true&severity=CRITICAL&sort=-score", "Tickets");
            String filtered = page(analyst, "/tickets?sort=-score&severity=HIGH", "Tickets");
            Matcher export = Pattern.compile("href=\"(/api/v1/tickets/export\\?format=csv[^\"]*)\"")
                    .matcher(filtered);
            assertThat(export.find()).as("an export of what the page lists").isTrue();
            String exportUrl = export.group(1).replace("&amp;", "&");
            assertThat(exportUrl)
                    .contains("open=true")
                    .contains("severity=HIGH")
                    .contains("sort=-score");
            Http.Response exported = analyst.get(exportUrl);
            assertThat(exported.status()).isEqualTo(200);
            assertThat(exported.body().split("\r\n").length - 1)
                    .as("one row per ticket the page counts")
                    .isEqualTo(Integer.parseInt(filtered.replaceAll("(?s).*<span>(\\d+)</span> tickets.*", "$1")));
            page(analyst, "/tickets?status=PATCHED&q=xss", "Tickets");
            assertThat(page(analyst, "/tickets/AMS-1003", "History"))
                    .contains("On the audit trail")
                    .contains("TICKET_");
            page(analyst, "/tickets/new", "Report a vulnerability");
            assertThat(page(analyst, "/incidents/INC-2", "Post-incident review"))
                    .contains("On the audit trail");
            assertThat(page(analyst, "/approvals", "Awaiting approval"))
                    .as("each ladder proposal says what its approval leads to")
                    .contains("next step, ");
            assertThat(page(analyst, "/audit", "Audit trail"))
                    .contains(">CASE_OPENED</a>")
                    .contains(">ACTION_PROPOSED</a>");
            String reported = page(
                    analyst,
                    "/audit?action=TICKET_IMPORTED&subjectType=ticket&from=2026-01-01&to=2099-12-31",
                    "entries");
            assertThat(reported).contains("href=\"/tickets/AMS-").doesNotContain("ACTION_PROPOSED</a>");
            assertThat(page(analyst, "/audit?to=2000-01-01", "No entry matches these filters."))
                    .contains("<span>0</span> entries");
            assertThat(page(analyst, "/audit?check=true", "The chain is intact"))
                    .contains("entries checked");
            assertThat(analyst.get("/audit?from=yesterday").status()).isEqualTo(400);
            page(analyst, "/cases?status=OPEN", "Enforcement cases");
            // Filtered, not read off the first page: which 25 come first depends on when each was opened.
            assertThat(page(analyst, "/cases?status=OPEN&rule=BOUNTY-MISSING", "Enforcement cases"))
                    .contains("com.zenith.checklists");
            assertThat(page(analyst, "/cases?rule=INCIDENT-ACTIVE-EXPLOITATION", "Enforcement cases"))
                    .contains("com.northwind.email-handler")
                    .contains("1</span> cases");
            page(analyst, "/cases?page=1", "Previous");
            page(analyst, "/cases/1", "Actions");
            Http.Response casesPage = analyst.get("/cases?partner=zenith-apps");
            assertThat(casesPage.body()).contains("Evaluate zenith-apps now");
            Http.Response evaluated =
                    analyst.form("/cases/evaluations", Map.of("partner", "zenith-apps", "_csrf", casesPage.csrf()));
            assertThat(evaluated.header("Location")).endsWith("/cases?partner=zenith-apps");
            assertThat(page(analyst, "/cases?partner=zenith-apps", "Evaluated now: "))
                    .contains("across 1 partner:");
            assertThat(page(analyst, "/cases?partner=zenith-apps", "Enforcement cases"))
                    .as("said once")
                    .doesNotContain("Evaluated now: ");
            page(analyst, "/partners?q=a&tier=GOLD", "Partners");
            String byKey = page(analyst, "/apps?sort=key", "Apps");
            assertThat(byKey.indexOf("com.acme.asset-tracker")).isLessThan(byKey.indexOf("com.acme.roadmaps"));
            page(analyst, "/apps?sort=DROP+TABLE", "Apps");
            String byId = page(analyst, "/partners?sort=id", "Partners");
            assertThat(byId.indexOf("acme-software")).isLessThan(byId.indexOf("zenith-apps"));
            // Each partner's open cases, linked to them: who is most out of compliance, at a glance.
            assertThat(byId).contains("<th>Open cases</th>").contains("/cases?partner=zenith-apps&amp;status=OPEN");

            // Adding a partner and changing its contacts; a bad row comes back as typed, with the reason.
            Http.Response newPartner = analyst.get("/partners/new");
            assertThat(newPartner.body()).contains("Add a partner");
            Map<String, String> typed = Map.of(
                    "id", "initech",
                    "name", "Initech",
                    "tier", "GOLD",
                    "contactName", "Bill",
                    "contactEmail", "not-an-address",
                    "contactAccount", "true",
                    "_csrf", newPartner.csrf());
            Http.Response badContact = analyst.form("/partners", typed);
            assertThat(badContact.status()).isEqualTo(200);
            assertThat(badContact.body())
                    .contains("Security contacts #1 email: is not an email address")
                    .contains("value=\"not-an-address\"")
                    .contains("value=\"Initech\"");
            Map<String, String> fixed = new java.util.HashMap<>(typed);
            fixed.put("contactEmail", "bill@initech.example");
            Http.Response added = analyst.form("/partners", fixed);
            assertThat(added.header("Location")).as(added.body()).endsWith("/partners/initech?done=partner-created");
            assertThat(page(analyst, "/partners/initech?done=partner-created", "Partner added."))
                    .contains("Bill &lt;bill@initech.example&gt;")
                    .contains("GOLD");
            assertThat(analyst.form("/partners", fixed).body()).contains("already exists");
            Http.Response editPartner = analyst.get("/partners/initech/edit");
            assertThat(editPartner.body())
                    .contains("value=\"bill@initech.example\"")
                    .contains("name=\"version\" value=\"1\"");
            Http.Response savedPartner = analyst.form(
                    "/partners/initech",
                    Map.of(
                            "version", "1",
                            "name", "Initech Corp",
                            "tier", "PLATINUM",
                            "contactName", "",
                            "contactEmail", "",
                            "_csrf", editPartner.csrf()));
            assertThat(savedPartner.header("Location")).endsWith("/partners/initech?done=partner-updated");
            assertThat(page(analyst, "/partners/initech", "Initech Corp"))
                    .contains("PLATINUM")
                    .contains("PARTNER_CREATED")
                    .contains("PARTNER_UPDATED")
                    .contains("No security contact.");
            Http.Response stalePartner = analyst.form(
                    "/partners/initech",
                    Map.of("version", "1", "name", "Lost update", "tier", "NONE", "_csrf", editPartner.csrf()));
            assertThat(stalePartner.body()).contains("Someone else changed this while you were editing");
            assertThat(page(analyst, "/partners/initech", "Initech Corp")).doesNotContain("Lost update");

            // Adding an app for it; an app needs a listing; installs are a number.
            Http.Response newApp = analyst.get("/apps/new?partner=initech");
            assertThat(newApp.body()).contains("value=\"initech\"");
            Map<String, String> app = new java.util.HashMap<>(Map.of(
                    "key", "com.initech.tps-reports",
                    "name", "TPS Reports",
                    "partner", "initech",
                    "firstListedOn", "2026-05-01",
                    "badges", "CLOUD_FORTIFIED",
                    "listing.CLOUD.installs", "many",
                    "_csrf", newApp.csrf()));
            Http.Response noListing = analyst.form("/apps", app);
            assertThat(noListing.status()).isEqualTo(200);
            assertThat(noListing.body())
                    .contains("an app has at least one listing")
                    .contains("value=\"TPS Reports\"");
            app.put("listing.CLOUD.present", "true");
            assertThat(analyst.form("/apps", app).body()).contains("Listings CLOUD installs: is a whole number");
            app.put("listing.CLOUD.installs", "120");
            app.put("listing.CLOUD.paid", "true");
            Http.Response appAdded = analyst.form("/apps", app);
            assertThat(appAdded.header("Location"))
                    .as(appAdded.body())
                    .endsWith("/apps/com.initech.tps-reports?done=app-created");
            assertThat(page(analyst, "/apps/com.initech.tps-reports?done=app-created", "App added."))
                    .contains("CLOUD_FORTIFIED")
                    .contains("APP_CREATED");

            // Editing keeps what enforcement set (a hidden listing) and the OAuth clients.
            Http admin = warden.admin();
            String diagrams =
                    admin.get("/api/v1/apps/com.zenith.diagrams").body().replace("\"LISTED\"", "\"HIDDEN\"");
            assertThat(admin.put("/api/v1/apps/com.zenith.diagrams", diagrams).status())
                    .isEqualTo(200);
            Http.Response editApp = analyst.get("/apps/com.zenith.diagrams/edit");
            assertThat(editApp.body()).contains("(HIDDEN)");
            String appVersion = editApp.body().replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
            Http.Response appSaved = analyst.form(
                    "/apps/com.zenith.diagrams",
                    Map.of(
                            "version", appVersion,
                            "name", "Zenith Diagrams Pro",
                            "listing.CLOUD.present", "true",
                            "listing.CLOUD.paid", "true",
                            "listing.CLOUD.installs", "4321",
                            "_csrf", editApp.csrf()));
            assertThat(appSaved.header("Location"))
                    .as(appSaved.body())
                    .endsWith("/apps/com.zenith.diagrams?done=app-updated");
            JsonNode diagramsNow = admin.get("/api/v1/apps/com.zenith.diagrams").json();
            assertThat(diagramsNow.get("name").asString()).isEqualTo("Zenith Diagrams Pro");
            assertThat(diagramsNow.get("listings").get(0).get("state").asString())
                    .isEqualTo("HIDDEN");
            assertThat(diagramsNow.get("listings").get(0).get("installs").asLong())
                    .isEqualTo(4321);
            assertThat(diagramsNow.get("oauthClients").size()).isEqualTo(1);
            String zenith = page(analyst, "/partners/zenith-apps", "Bug bounty coverage");
            assertThat(zenith).as("its open tickets, linked").containsPattern("Open tickets \\(<span>\\d+</span>\\)");
            assertThat(zenith).contains("com.zenith.checklists").contains("no active program");
            page(analyst, "/apps/com.lumen.exporter", "User API tokens");
            // The demo's versions were scanned as they were loaded: a secret found in 3.1.0 and gone from
            // 3.2.0, a scope never used, a bundle asking users for their API token.
            String roadmaps = page(analyst, "/apps/com.acme.roadmaps", "Versions and scans");
            assertThat(roadmaps)
                    .contains("roadmaps-3.2.0.zip")
                    .contains("Findings across versions")
                    .contains("fixed in 3.2.0")
                    .contains("Upload and scan");
            long roadmapsLatest = warden.admin()
                    .get("/api/v1/apps/com.acme.roadmaps/versions")
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asLong();
            assertThat(page(analyst, "/apps/com.acme.roadmaps/versions/" + roadmapsLatest, "What the scan found"))
                    .contains("oauth-scope-unused")
                    .contains("Download as SARIF")
                    .contains("False positive");
            long diagrams200 = warden.admin()
                    .get("/api/v1/apps/com.zenith.diagrams/versions")
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asLong();
            assertThat(page(analyst, "/apps/com.zenith.diagrams/versions/" + diagrams200, "What the scan found"))
                    .contains("pat-collection");
            long codeReview = warden.admin()
                    .get("/api/v1/apps/com.bluefin.code-review/versions")
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asLong();
            assertThat(page(analyst, "/apps/com.bluefin.code-review/versions/" + codeReview, "What the scan found"))
                    .as("a bundled Log4j 2.14.1, matched against the demo's advisories")
                    .contains("vulnerable-dependency")
                    .contains("CVE-2021-44228")
                    .contains("CycloneDX SBOM");
            // The demo's scans reported tickets, so their notices wait in the outbox (no mail server here).
            assertThat(page(analyst, "/outbox", "Outbox"))
                    .contains("assigned to you")
                    .contains("pending");
            page(analyst, "/outbox?status=BOGUS&page=-3", "Outbox");
            page(analyst, "/incidents", "INC-4");
            assertThat(page(analyst, "/incidents?state=CONTAINED", "<span>2</span> incidents"))
                    .contains("INC-2")
                    .contains("INC-3")
                    .doesNotContain("INC-4 ·");
            assertThat(page(analyst, "/incidents?partner=acme-software&state=CLOSED", "<span>1</span> incidents"))
                    .contains("INC-1");
            page(analyst, "/incidents?state=BOGUS", "<span>5</span> incidents");
            String incident = page(analyst, "/incidents/INC-4", "Duties");
            assertThat(incident).contains("actively exploited");
            // The partner field offers the partners as you type.
            assertThat(page(analyst, "/incidents/new", "Report an incident"))
                    .contains("list=\"partner-choices\"", "<option value=\"acme-software\">acme-software — ");
            assertThat(page(analyst, "/apps?badge=CLOUD_FORTIFIED&hosting=CLOUD&q=a", "Apps"))
                    .contains("Zenith");
            assertThat(page(analyst, "/programs?status=ACTIVE", "Bug bounty programs"))
                    .contains("BB-2");
            assertThat(page(analyst, "/verifications?state=INFO_REQUESTED", "Partner verifications"))
                    .contains("VER-3")
                    .doesNotContain("VER-1<");
            String policy = page(analyst, "/policy", "How long a partner has to fix a vulnerability");
            assertThat(policy).contains("2026-06-30").contains("VULN-OVERDUE");

            // A draft: what it would change, then published from the page by an administrator.
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .plusDays(1)
                    .toString();
            String yaml = dev.warden.core.policy.PolicyVersions.resource("2026-04-15")
                    .replace("id: \"2026-04-15\"", "id: \"stricter\"")
                    .replace("effectiveFrom: 2026-04-15", "effectiveFrom: " + today)
                    .replace("LOW: { CLOUD: 175, DATA_CENTER: 175 }", "LOW: { CLOUD: 1, DATA_CENTER: 1 }");
            Http.Response created = warden.admin().send("POST", "/api/v1/policies", yaml, "application/yaml");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(page(analyst, "/policy", "Versions"))
                    .as("drafts are listed for those who manage policy, as in the API")
                    .doesNotContain("What would it change?");
            String impact = page(analyst, "/policy/drafts/stricter", "what would it change?");
            assertThat(impact).contains("would change").doesNotContain("Publish this version");
            SignIns.createUser(users, "root", null, Role.ADMIN);
            Http root = SignIns.signIn(warden.port(), "root", SignIns.PASSWORD);
            assertThat(page(root, "/policy", "Versions")).contains("What would it change?");
            assertThat(page(root, "/integrations/jira", "Connect"))
                    .as("not connected on the demo: the form, with the policy's statuses as Jira's")
                    .contains("Waiting for release");
            assertThat(page(root, "/integrations/bugcrowd", "Connect"))
                    .as("not connected on the demo: the form, with Bugcrowd's API and version")
                    .contains("https://api.bugcrowd.com")
                    .contains("2024-01-11");
            Http.Response draftPage = root.get("/policy/drafts/stricter");
            assertThat(draftPage.body()).contains("Publish this version");
            Http.Response published = root.form("/policy/drafts/stricter/publish", Map.of("_csrf", draftPage.csrf()));
            assertThat(published.header("Location")).as(published.body()).endsWith("/policy?published");
            assertThat(root.get("/policy").body()).contains("stricter").contains("PUBLISHED");

            // Writing a draft in the browser: it starts from the version in force under a new id; a mistake
            // is shown with the text kept; saved, it shows what it would change; it can be edited and deleted.
            Http.Response editor = root.get("/policy/drafts/new");
            assertThat(editor.body())
                    .contains("id: &quot;draft-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "&quot;")
                    .contains("format: warden.policy/v1")
                    .contains("Starting from version <strong>2026-04-15</strong>");
            Http.Response refusedDraft = root.form(
                    "/policy/drafts",
                    Map.of(
                            "document",
                            "format: warden.policy/v1\nid: broken\ntitle: Half written\n",
                            "_csrf",
                            editor.csrf()));
            assertThat(refusedDraft.status()).isEqualTo(200);
            assertThat(refusedDraft.body()).contains("class=\"alert error\"").contains("title: Half written");
            String gentler = dev.warden.core.policy.PolicyVersions.resource("2026-04-15")
                    .replace("id: \"2026-04-15\"", "id: \"gentler\"")
                    .replace("effectiveFrom: 2026-04-15", "effectiveFrom: 2099-01-01")
                    .replace("LOW: { CLOUD: 175, DATA_CENTER: 175 }", "LOW: { CLOUD: 200, DATA_CENTER: 200 }");
            Http.Response saved = root.form("/policy/drafts", Map.of("document", gentler, "_csrf", editor.csrf()));
            assertThat(saved.header("Location")).as(saved.body()).endsWith("/policy/drafts/gentler?saved");
            assertThat(page(root, "/policy/drafts/gentler?saved", "Draft saved."))
                    .contains("Edit this draft");
            Http.Response again = root.form("/policy/drafts", Map.of("document", gentler, "_csrf", editor.csrf()));
            assertThat(again.body()).contains("already exists").contains("CLOUD: 200");
            assertThat(page(root, "/policy/drafts/gentler/edit", "Edit draft gentler"))
                    .contains("CLOUD: 200");
            Http.Response edited = root.form(
                    "/policy/drafts/gentler",
                    Map.of("document", gentler.replace("CLOUD: 200", "CLOUD: 190"), "_csrf", editor.csrf()));
            assertThat(edited.header("Location")).endsWith("/policy/drafts/gentler?saved");
            assertThat(page(root, "/policy/drafts/gentler/edit", "Edit draft gentler"))
                    .contains("CLOUD: 190");
            Http.Response renamed = root.form(
                    "/policy/drafts/gentler",
                    Map.of("document", gentler.replace("id: \"gentler\"", "id: \"other\""), "_csrf", editor.csrf()));
            assertThat(renamed.body()).contains("does not match the draft");
            assertThat(analyst.get("/policy/drafts/new").status())
                    .as("analysts do not write policy")
                    .isEqualTo(403);
            Http.Response deleted = root.form("/policy/drafts/gentler/delete", Map.of("_csrf", editor.csrf()));
            assertThat(deleted.header("Location")).endsWith("/policy?deleted");
            assertThat(root.get("/policy/drafts/gentler").status()).isEqualTo(404);
            assertThat(root.form("/policy/drafts/stricter/delete", Map.of("_csrf", editor.csrf()))
                            .status())
                    .as("a published version is not a draft")
                    .isEqualTo(404);

            // The rest of a ticket's life from its page: waiting for release (partner), reassessing, closing
            // as a duplicate and reopening (operator); a wrong vector is refused on the form.
            Http pat = SignIns.signIn(warden.port(), "pat@acme.example", SignIns.PASSWORD);
            Http.Response acmeTicket = pat.get("/tickets/AMS-1018");
            assertThat(acmeTicket.body()).contains("Mark waiting for release").doesNotContain("More actions");
            Http.Response waiting = pat.form(
                    "/tickets/AMS-1018/waiting-for-release",
                    Map.of("note", "Ships in 4.3 next week", "_csrf", acmeTicket.csrf()));
            assertThat(waiting.header("Location")).contains("/tickets/AMS-1018?done=Marked+waiting+for+release");
            assertThat(page(pat, "/tickets/AMS-1018", "WAITING_FOR_RELEASE")).contains("Mark fix released");
            assertThat(pat.form("/tickets/AMS-1018/reopen", Map.of("note", "x", "_csrf", acmeTicket.csrf()))
                            .status())
                    .as("operators' actions stay theirs")
                    .isEqualTo(403);
            Http.Response ticketPage = analyst.get("/tickets/AMS-1018");
            assertThat(ticketPage.body()).contains("More actions").contains("Reassess");
            Http.Response badVector = analyst.form(
                    "/tickets/AMS-1018/severity",
                    Map.of("cvss", "CVSS:3.1/AV:X", "note", "retest", "_csrf", ticketPage.csrf()));
            assertThat(badVector.status()).isEqualTo(200);
            assertThat(badVector.body()).contains("class=\"alert error\"").contains("cvss");
            Http.Response reassessed = analyst.form(
                    "/tickets/AMS-1018/severity",
                    Map.of(
                            "cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                            "note", "Retested: unauthenticated",
                            "_csrf", ticketPage.csrf()));
            assertThat(reassessed.header("Location")).contains("?done=Severity+reassessed");
            assertThat(page(analyst, "/tickets/AMS-1018", "CRITICAL (9.8)")).contains("SEVERITY_CHANGED");
            Http.Response duplicate = analyst.form(
                    "/tickets/AMS-1018/close",
                    Map.of("as", "duplicate", "of", "AMS-1019", "note", "Same parser bug", "_csrf", ticketPage.csrf()));
            assertThat(duplicate.header("Location")).contains("?done=Closed+as+a+duplicate");
            assertThat(page(analyst, "/tickets/AMS-1018", "DUPLICATE")).contains("Reopen ticket");
            Http.Response reopened = analyst.form(
                    "/tickets/AMS-1018/reopen",
                    Map.of("note", "Not the same bug after all", "_csrf", ticketPage.csrf()));
            assertThat(reopened.header("Location")).contains("?done=Reopened");
            assertThat(page(analyst, "/tickets/AMS-1018?done=Reopened.", "Reopened."))
                    .contains("role=\"status\"");
            assertThat(page(analyst, "/tickets/AMS-1018?done=Call+us+now", "AMS-1018"))
                    .as("only Warden's own messages")
                    .doesNotContain("Call us now");
            assertThat(page(analyst, "/tickets/AMS-1018", "NEEDS_PATCH")).contains("REOPENED");

            String home = page(pat, "/", "Your standing");
            assertThat(home).contains("com.acme.timesheets").doesNotContain("zenith");
            assertThat(home)
                    .as("each open violation with what the ladder does next if it goes on")
                    .contains("If it goes on")
                    .containsPattern("(due|taken)");
            // Most urgent first: no row of a lower severity comes before a CRITICAL one.
            String table = home.replaceAll("(?s).*What to do next(.*?)</table>.*", "$1");
            int critical = table.lastIndexOf(">CRITICAL<");
            int lower = table.indexOf(">HIGH<") >= 0 ? table.indexOf(">HIGH<") : Integer.MAX_VALUE;
            assertThat(critical < 0 || critical < lower).as(table).isTrue();
            page(pat, "/tickets", "Tickets");
            assertThat(page(pat, "/apps?partner=zenith-apps", "Apps"))
                    .doesNotContain("Zenith")
                    .contains("Acme");
            assertThat(page(pat, "/programs", "Bug bounty programs"))
                    .contains("BB-1")
                    .doesNotContain("BB-2");
            page(pat, "/apps/com.acme.timesheets", "Save declaration");
            assertThat(page(pat, "/apps/com.acme.roadmaps", "Versions and scans"))
                    .contains("Upload and scan")
                    .contains("by <span>operator</span>");
            assertThat(page(pat, "/apps/com.acme.roadmaps/versions/" + roadmapsLatest, "What the scan found"))
                    .doesNotContain("False positive");
            assertThat(pat.get("/apps/com.zenith.diagrams/versions/" + diagrams200)
                            .status())
                    .isEqualTo(404);
            assertThat(page(pat, "/incidents/INC-1", "Timesheet exports")).doesNotContain("On the audit trail");
            assertThat(page(pat, "/incidents?partner=zenith-apps", "<span>1</span> incidents"))
                    .as("a partner's list is its own, whatever it asks")
                    .contains("INC-1")
                    .doesNotContain("INC-2");
            page(pat, "/cases", "Enforcement cases");
            page(pat, "/policy", "The enforcement ladder");
            for (String theirs : new String[] {
                "/partners/zenith-apps",
                "/apps/com.zenith.diagrams",
                "/incidents/INC-2",
                "/tickets/AMS-99999999",
                "/programs/BB-2"
            }) {
                Http.Response r = pat.get(theirs);
                assertThat(r.status()).as(theirs).isEqualTo(404);
                assertThat(r.body()).contains("Not found").doesNotContain("Zenith");
            }
            assertThat(pat.get("/approvals").status()).isEqualTo(403);
            assertThat(pat.get("/outbox").status()).isEqualTo(403);
            assertThat(pat.get("/audit").status()).isEqualTo(403);
            assertThat(pat.get("/partners/acme-software/edit").status())
                    .as("a partner's people do not edit the catalog")
                    .isEqualTo(403);
            Http.Response patHome = pat.get("/");
            Http.Response theirProgram = pat.form(
                    "/programs/BB-2",
                    Map.of("platform", "Mine now", "launchedOn", "2026-01-01", "_csrf", patHome.csrf()));
            assertThat(theirProgram.status()).isEqualTo(404);
            assertThat(theirProgram.body()).doesNotContain("Mine now");

            // The forms of issue 23: another partner's process is out of reach; a refusal comes back as a message.
            assertThat(pat.form(
                                    "/partners/zenith-apps/incident-process",
                                    Map.of(
                                            "document",
                                            "https://x.example",
                                            "reviewedOn",
                                            "2026-01-01",
                                            "_csrf",
                                            patHome.csrf()))
                            .status())
                    .isEqualTo(404);
            Http.Response badProcessLink = pat.form(
                    "/partners/acme-software/incident-process",
                    Map.of("document", "ftp://acme.example/ir", "reviewedOn", "2026-01-01", "_csrf", patHome.csrf()));
            assertThat(badProcessLink.header("Location")).endsWith("/");
            assertThat(pat.get("/").body()).contains("https link to the process document");
            Http.Response selfAward = pat.form(
                    "/apps/com.acme.roadmaps/badges/cloud-fortified",
                    Map.of("type", "REVIEWED", "_csrf", patHome.csrf()));
            assertThat(selfAward.header("Location")).endsWith("/apps/com.acme.roadmaps");
            assertThat(pat.get("/apps/com.acme.roadmaps").body())
                    .contains("Only the operator&#39;s analysts review a badge");
            Http.Response badDomain = pat.form(
                    "/apps/com.acme.roadmaps/privacy-declaration",
                    Map.of("egressDomains", "https://acme.example/", "_csrf", patHome.csrf()));
            assertThat(badDomain.header("Location")).endsWith("/apps/com.acme.roadmaps");
            assertThat(pat.get("/apps/com.acme.roadmaps").body()).contains("is not a domain");

            // The security review of the demo: the analyst's queue, a blocked app, a partner's own list.
            assertThat(page(analyst, "/", "Where we stand")).contains("apps waiting for the security review");
            String queue = page(analyst, "/submissions", "Security review queue");
            assertThat(queue)
                    .contains("com.zenith.whiteboard", "com.acme.expenses")
                    .as("a decided submission leaves the default queue")
                    .doesNotContain("com.lumen.sla-reports");
            assertThat(page(analyst, "/submissions?state=REJECTED", "Security review queue"))
                    .contains("com.lumen.sla-reports");
            var whiteboard = java.util.regex.Pattern.compile(
                            "href=\"/submissions/(\\d+)\">#\\d+ · com.zenith.whiteboard")
                    .matcher(queue);
            assertThat(whiteboard.find()).as(queue).isTrue();
            assertThat(page(analyst, "/submissions/" + whiteboard.group(1), "Submission #"))
                    .contains("FAIL", "scan pat-collection", "will not be approved during the security questionnaire")
                    .contains("Assign to me", "Override");
            assertThat(pat.get("/submissions/" + whiteboard.group(1)).status())
                    .as("another partner's submission")
                    .isEqualTo(404);
            assertThat(page(pat, "/submissions", "Your submissions"))
                    .contains("com.acme.expenses")
                    .doesNotContain("com.zenith.whiteboard");
            Http.Response incomplete = pat.multipart(
                    "/submissions",
                    Map.of("kind", "NEW_APP", "app", "com.acme.half", "version", "1.0.0", "_csrf", patHome.csrf()),
                    "half.jar",
                    new byte[] {1});
            assertThat(incomplete.status()).isEqualTo(200);
            assertThat(incomplete.body())
                    .as("the form comes back as typed, with every reason")
                    .contains("value=\"com.acme.half\"", "App name: is required", "is required: Does the app collect");
        }
    }

    @Test
    void theEmergencyPauseEscalationAndVerificationFormsWork() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST, Role.APPROVER);
            SignIns.createUser(users, "tia@tidewater.example", "tidewater-dev", Role.PARTNER);
            Http analyst = SignIns.signIn(warden.port(), "ian.analyst", SignIns.PASSWORD);

            // The emergency pause of an actively exploited incident, from its page.
            Http.Response incident = analyst.get("/incidents/INC-4");
            assertThat(incident.body()).contains("Propose emergency pause");
            Http.Response paused = analyst.form(
                    "/incidents/INC-4/emergency-pause",
                    Map.of("note", "Archive scraped across tenants", "_csrf", incident.csrf()));
            assertThat(paused.header("Location")).as(paused.body()).endsWith("/incidents/INC-4?paused=1");
            String queue = page(analyst, "/approvals?action=PAUSE_LISTING", "Awaiting approval");
            assertThat(queue).contains("PAUSE_LISTING").contains("Incident INC-4: Archive scraped across tenants");

            // An escalation from an open case's page.
            String cases = page(analyst, "/cases?rule=VULN-OVERDUE&status=OPEN", "Enforcement cases");
            String caseId = cases.replaceAll("(?s).*?href=\"/cases/(\\d+)\".*", "$1");
            Http.Response casePage = analyst.get("/cases/" + caseId);
            assertThat(casePage.body()).contains("Ahead of the ladder").contains("Next on the ladder");
            Http.Response refused = analyst.form(
                    "/cases/" + caseId + "/escalations",
                    Map.of(
                            "action",
                            "PAUSE_LISTING",
                            "justification",
                            "LEGAL_OBLIGATION",
                            "note",
                            "",
                            "_csrf",
                            casePage.csrf()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).contains("say what justifies skipping the ladder");

            // A partner registers a bug bounty program covering its app that needs one.
            SignIns.createUser(users, "zoe@zenith.example", "zenith-apps", Role.PARTNER);
            Http zoe = SignIns.signIn(warden.port(), "zoe@zenith.example", SignIns.PASSWORD);
            Http.Response form = zoe.get("/programs/new");
            assertThat(form.body()).contains("com.zenith.checklists");
            Http.Response incomplete = zoe.form("/programs", Map.of("platform", "HackerOne", "_csrf", form.csrf()));
            assertThat(incomplete.status()).isEqualTo(200);
            assertThat(incomplete.body())
                    .contains("Apps: name at least one app")
                    .contains("Launched on: is required");
            Http.Response registered = zoe.form(
                    "/programs",
                    Map.of(
                            "platform", "HackerOne",
                            "apps", "com.zenith.checklists",
                            "visibility", "PUBLIC",
                            "launchedOn", "2026-11-01",
                            "funded", "true",
                            "_csrf", form.csrf()));
            assertThat(registered.header("Location")).as(registered.body()).endsWith("/?done=program");
            assertThat(page(zoe, "/?done=program", "Bug bounty program registered."))
                    .contains("covered by <a href=\"/programs/BB-8\">BB-8</a>");

            // The partner keeps its figures up to date on the program's page; only the operator sets status.
            Http.Response programPage = zoe.get("/programs/BB-8");
            assertThat(programPage.body()).contains("Keep it up to date").doesNotContain("Status (the operator");
            Map<String, String> figures = new java.util.HashMap<>(Map.of(
                    "version", "0",
                    "platform", "HackerOne",
                    "apps", "com.zenith.checklists",
                    "visibility", "PUBLIC",
                    "launchedOn", "2026-11-01",
                    "funded", "true",
                    "medianTriageDays", "21.5",
                    "lastActivityOn", "2026-11-20",
                    "_csrf", programPage.csrf()));
            Http.Response stale = zoe.form("/programs/BB-8", figures);
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.body()).contains("bounty program &#39;BB-8&#39; was changed meanwhile");
            String version = programPage.body().replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
            figures.put("version", version);
            figures.put("medianTriageDays", "three weeks");
            assertThat(zoe.form("/programs/BB-8", figures).body()).contains("is a number of days");
            figures.put("medianTriageDays", "21.5");
            Http.Response saved = zoe.form("/programs/BB-8", figures);
            assertThat(saved.header("Location")).as(saved.body()).endsWith("/programs/BB-8?done=program-updated");
            assertThat(page(zoe, "/programs/BB-8?done=program-updated", "Bug bounty program updated."))
                    .contains("21.5 days")
                    .contains("2026-11-20");
            figures.put("status", "PAUSED");
            figures.put("version", String.valueOf(Integer.parseInt(version) + 1));
            assertThat(zoe.form("/programs/BB-8", figures).body())
                    .contains("Only the operator changes a program&#39;s status");
            Http.Response asOperator = analyst.get("/programs/BB-8");
            assertThat(asOperator.body()).contains("Status (the operator");
            figures.put("_csrf", asOperator.csrf());
            assertThat(analyst.form("/programs/BB-8", figures).header("Location"))
                    .endsWith("/programs/BB-8?done=program-updated");
            assertThat(page(analyst, "/programs/BB-8", "PAUSED"))
                    .contains("BOUNTY_PROGRAM_CHANGED")
                    .contains("On the audit trail");
            assertThat(page(analyst, "/audit?subjectType=bounty_program&subjectId=BB-8", "entries"))
                    .contains("href=\"/programs/BB-8\"");

            // The partner answers the request for information; the operator verifies.
            Http tia = SignIns.signIn(warden.port(), "tia@tidewater.example", SignIns.PASSWORD);
            Http.Response portal = tia.get("/");
            assertThat(portal.body()).contains("Send answer");
            Http.Response answered = tia.form(
                    "/verifications/VER-3/events",
                    Map.of(
                            "type",
                            "INFO_PROVIDED",
                            "note",
                            "Extract of this week attached",
                            "back",
                            "/",
                            "_csrf",
                            portal.csrf()));
            assertThat(answered.header("Location")).endsWith("/?done=verification-step");
            assertThat(page(tia, "/?done=verification-step", "Verification updated."))
                    .contains("SUBMITTED");
            Http.Response refusedStep = tia.form(
                    "/verifications/VER-3/events",
                    Map.of("type", "VERIFIED", "back", "//evil.example/x", "_csrf", portal.csrf()));
            assertThat(refusedStep.header("Location"))
                    .as("the partner cannot verify itself; told so on its page, never sent to another site")
                    .endsWith(":" + warden.port() + "/");
            assertThat(page(tia, "/", "Only the operator")).contains("class=\"alert error\"");
            assertThat(page(tia, "/?problem=Call+us+now", "Your standing"))
                    .as("a link cannot put a message on the page")
                    .doesNotContain("Call us now")
                    .doesNotContain("Only the operator");

            Http.Response partnerPage = analyst.get("/partners/tidewater-dev");
            assertThat(partnerPage.body()).contains("Ask for more information");
            Http.Response verified = analyst.form(
                    "/verifications/VER-3/events",
                    Map.of("type", "VERIFIED", "back", "/partners/tidewater-dev", "_csrf", partnerPage.csrf()));
            assertThat(verified.header("Location")).endsWith("/partners/tidewater-dev?done=verification-step");
            assertThat(page(analyst, "/partners/tidewater-dev", "Verification")).contains("VER-3: VERIFIED");
            Http.Response again = analyst.form(
                    "/verifications/VER-3/events",
                    Map.of("type", "REJECTED", "back", "//evil.example", "_csrf", partnerPage.csrf()));
            assertThat(again.header("Location"))
                    .as("a refusal comes back as a message, and never to another site")
                    .endsWith(":" + warden.port() + "/");
            assertThat(page(analyst, "/", "Where we stand")).contains("class=\"alert error\"");

            // A change to the verified entity: the partner reports one; a future date is refused on its page.
            Http.Response tiaHome = tia.get("/");
            assertThat(tiaHome.body()).contains("Report a change").contains("No change reported.");
            Http.Response future = tia.form(
                    "/entity-changes",
                    Map.of(
                            "kind", "LEGAL_NAME",
                            "description", "Tidewater Development Ltd",
                            "happenedOn", "2099-01-01",
                            "back", "/",
                            "_csrf", tiaHome.csrf()));
            assertThat(future.header("Location")).endsWith(":" + warden.port() + "/");
            assertThat(page(tia, "/", "Happened on: is in the future")).doesNotContain("Tidewater Development Ltd");
            Http.Response notADate = tia.form(
                    "/entity-changes",
                    Map.of(
                            "kind", "LEGAL_NAME",
                            "description", "Tidewater Development Ltd",
                            "happenedOn", "last Tuesday",
                            "back", "/",
                            "_csrf", tiaHome.csrf()));
            assertThat(notADate.header("Location")).endsWith(":" + warden.port() + "/");
            assertThat(page(tia, "/", "Happened on: is a date: YYYY-MM-DD"))
                    .doesNotContain("Tidewater Development Ltd");
            Http.Response forAnother = tia.form(
                    "/entity-changes",
                    Map.of(
                            "partner", "zenith-apps",
                            "kind", "LEGAL_NAME",
                            "description", "Tidewater Development Ltd",
                            "happenedOn", "2026-11-01",
                            "back", "/",
                            "_csrf", tiaHome.csrf()));
            assertThat(forAnother.header("Location")).endsWith(":" + warden.port() + "/");
            assertThat(page(tia, "/", "Partner: no partner &#39;zenith-apps&#39;"))
                    .as("another partner looks like no partner at all")
                    .doesNotContain("Tidewater Development Ltd");
            Http.Response reported = tia.form(
                    "/entity-changes",
                    Map.of(
                            "partner", "tidewater-dev",
                            "kind", "LEGAL_NAME",
                            "description", "Tidewater Development Ltd",
                            "happenedOn", "2026-11-01",
                            "back", "/",
                            "_csrf", tiaHome.csrf()));
            assertThat(reported.header("Location")).endsWith("/?done=change-reported");
            assertThat(page(tia, "/?done=change-reported", "Change reported to the operator."))
                    .contains("LEGAL_NAME on 2026-11-01: Tidewater Development Ltd")
                    .contains("(reported ");
            assertThat(page(analyst, "/partners/tidewater-dev", "Changes to the verified entity"))
                    .contains("Tidewater Development Ltd (notified");
            assertThat(page(analyst, "/partners/zenith-apps", "Changes to the verified entity"))
                    .doesNotContain("Tidewater Development Ltd");

            // The operator records one the partner kept quiet about; the partner then reports it.
            Http.Response recorded = analyst.form(
                    "/entity-changes",
                    Map.of(
                            "partner", "tidewater-dev",
                            "kind", "ACQUISITION",
                            "description", "Acquired by Initech (press release)",
                            "happenedOn", "2026-10-15",
                            "back", "/partners/tidewater-dev",
                            "_csrf", partnerPage.csrf()));
            assertThat(recorded.header("Location")).endsWith("/partners/tidewater-dev?done=change-recorded");
            String withRecorded = page(tia, "/", "Recorded by the marketplace, not reported by you.");
            String changeId = withRecorded.replaceAll("(?s).*action=\"/entity-changes/([A-Z]+-\\d+)/report\".*", "$1");
            assertThat(changeId).matches("CHG-\\d+");
            Http.Response notified =
                    tia.form("/entity-changes/" + changeId + "/report", Map.of("back", "/", "_csrf", tiaHome.csrf()));
            assertThat(notified.header("Location")).endsWith("/?done=change-reported");
            assertThat(page(tia, "/", "Acquired by Initech")).doesNotContain("Recorded by the marketplace");

            // Termination: proposed from the partner's page with a reason, then waiting for two approvers.
            Http.Response noReason = analyst.form(
                    "/partners/tidewater-dev/termination", Map.of("reason", "", "_csrf", partnerPage.csrf()));
            assertThat(noReason.status()).isEqualTo(200);
            assertThat(noReason.body()).contains("reason");
            Http.Response terminated = analyst.form(
                    "/partners/tidewater-dev/termination",
                    Map.of(
                            "reason",
                            "Repeated unremediated critical vulnerabilities",
                            "reviewBy",
                            "Trust and Safety board",
                            "reviewOn",
                            "2026-11-20",
                            "reviewOutcome",
                            "Terminate with a 90-day migration window",
                            "migrationWindowDays",
                            "90",
                            "_csrf",
                            partnerPage.csrf()));
            assertThat(terminated.header("Location")).endsWith("/partners/tidewater-dev?done=termination");
            assertThat(page(analyst, "/partners/tidewater-dev?done=termination", "Termination proposed."))
                    .contains("Propose termination");
            assertThat(page(analyst, "/approvals?partner=tidewater-dev", "Awaiting approval"))
                    .contains("TERMINATE")
                    .contains("Repeated unremediated critical vulnerabilities");
            assertThat(tia.form(
                                    "/partners/tidewater-dev/termination",
                                    Map.of("reason", "self", "_csrf", tiaHome.csrf()))
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void theStyleSheetAndHtmxAreServedAndNoOtherLinkIsLookedUpAsAStaticFile() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ian.analyst", null, Role.SECURITY_ANALYST);
            Http ian = SignIns.person(warden.port(), "ian.analyst");
            String home = ian.get("/").body();
            Matcher css = Pattern.compile("href=\"(/css/warden\\.css[^\"]*)\"").matcher(home);
            Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/[^\"]*htmx\\.min\\.js)\"")
                    .matcher(home);
            assertThat(css.find()).as(home).isTrue();
            assertThat(htmx.find()).as(home).isTrue();
            Http anyone = new Http(warden.port());
            Http.Response sheet = anyone.get(css.group(1));
            assertThat(sheet.status()).isEqualTo(200);
            assertThat(sheet.header("content-type")).startsWith("text/css");
            assertThat(anyone.get(htmx.group(1)).status()).isEqualTo(200);
            assertThat(anyone.get("/css/../application.yml").status()).isNotEqualTo(200);
            // Every link of a page goes through the resource URL provider: with Spring's default "/**" each
            // one was looked up on the class path, under the class loader's lock.
            org.springframework.web.servlet.resource.ResourceUrlProvider urls =
                    warden.bean(org.springframework.web.servlet.resource.ResourceUrlProvider.class);
            assertThat(urls.getHandlerMap().keySet())
                    .map(Object::toString)
                    .contains("/css/**", "/webjars/**")
                    .doesNotContain("/**");
        }
    }
}

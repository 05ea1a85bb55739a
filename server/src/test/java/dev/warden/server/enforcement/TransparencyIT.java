package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.DecisionsIT.proposedAction;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static dev.warden.server.enforcement.LadderAndLiftIT.decide;
import static dev.warden.server.enforcement.LadderAndLiftIT.fixTheVulnerability;
import static dev.warden.server.enforcement.LadderAndLiftIT.setContacts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.enforcement.DecisionsIT.World;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The public transparency page and feed: off until the operator publishes them; then the actions taken,
 * once in effect for the chosen delay, with the app, partner, action, date, area of the policy and
 * whether they were lifted, and nothing that would help an attacker; cached, and limited per address.
 */
@ExtendWith(DatabaseRequirement.class)
class TransparencyIT {
    static final String ATOM = "http://www.w3.org/2005/Atom";

    /** What the page and the feed must never show of acme's case, however the action came about. */
    static List<String> secrets(World w) {
        String ticket = ok(w.admin().get("/api/v1/tickets?partner=acme"))
                .get("items")
                .get(0)
                .get("key")
                .asString();
        String evidence = ok(w.admin().get("/api/v1/enforcement/cases/" + w.caseId()))
                .get("evidence")
                .toString();
        List<String> secrets = new ArrayList<>(List.of(
                ticket,
                "VULN-OVERDUE",
                "RCE",
                "CVSS",
                "SLO breach",
                "ana.approver",
                "sec@acme.example",
                "com.acme.app"));
        secrets.add(evidence.substring(0, Math.min(40, evidence.length())));
        return secrets;
    }

    static Http.Response page(World w) {
        return new Http(w.warden().port()).get("/transparency");
    }

    @Test
    void thePageIsOffUntilTheOperatorPublishesItAndOnlyTheOperatorSetsIt() {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            Http anyone = new Http(w.warden().port());
            assertThat(anyone.get("/transparency").status()).isEqualTo(404);
            assertThat(anyone.get("/transparency/feed.atom").status()).isEqualTo(404);
            assertThat(anyone.get("/api/v1/transparency/settings").status()).isEqualTo(401);

            var settings = ok(w.admin().get("/api/v1/transparency/settings"));
            assertThat(settings.get("enabled").asBoolean()).isFalse();
            assertThat(settings.get("delayDays").asInt()).isEqualTo(7);
            assertThat(settings.get("actions").valueStream().map(a -> a.asString()))
                    .containsExactlyInAnyOrder(
                            "REVOKE_BADGE", "HIDE_LISTING", "PAUSE_LISTING", "SUSPEND_PARTNER", "TERMINATE_PARTNER");

            SignIns.createUser(w.warden().bean(Users.class), "pat@acme.example", "acme", Role.PARTNER);
            Http pat = SignIns.person(w.warden().port(), "pat@acme.example");
            assertThat(pat.put("/api/v1/transparency/settings", "{\"enabled\": true}")
                            .status())
                    .isEqualTo(403);
            assertThat(w.ana()
                            .put("/api/v1/transparency/settings", "{\"enabled\": true}")
                            .status())
                    .as("an approver decides actions; publishing them is the operator's managers'")
                    .isEqualTo(403);

            Http.Response bad = w.admin().put("/api/v1/transparency/settings", """
                    {"enabled": true, "actions": ["HIDE_LISTING", "SHAME"], "delayDays": 400}""");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("/actions/1", "SHAME", "/delayDays");
            assertThat(anyone.get("/transparency").status())
                    .as("nothing was saved")
                    .isEqualTo(404);

            var on = ok(w.admin().put("/api/v1/transparency/settings", "{\"enabled\": true}"));
            assertThat(on.get("delayDays").asInt())
                    .as("a field left out keeps its value")
                    .isEqualTo(7);
            assertThat(on.get("updatedBy").asString()).isNotBlank();
            Http.Response shown = anyone.get("/transparency");
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body()).contains("No action to publish");
            assertThat(shown.header("Cache-Control")).isEqualTo("public, max-age=60");
            assertThat(ok(w.admin().get("/api/v1/audit?action=TRANSPARENCY_SETTINGS_CHANGED"))
                            .get("items")
                            .size())
                    .isOne();
        }
    }

    @Test
    void anActionIsPublishedOnceItsDelayHasPassedWithNothingAnAttackerCouldUse() throws Exception {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            ok(w.admin().put("/api/v1/transparency/settings", "{\"enabled\": true, \"delayDays\": 7}"));
            decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "approve", "SLO breach");
            List<String> secrets = secrets(w);

            w.clock().advance(Duration.ofDays(6));
            assertThat(page(w).body()).as("six days in effect").contains("No action to publish");

            w.clock().advance(Duration.ofDays(1));
            String html = page(w).body();
            assertThat(html)
                    .contains(
                            "Acme App (Cloud)",
                            "Acme",
                            "Hidden from search and browse",
                            "Fixing security vulnerabilities on time",
                            "In effect",
                            "2026-06-12");
            assertThat(html).doesNotContain(secrets);

            Document feed = atom(new Http(w.warden().port()).get("/transparency/feed.atom"));
            NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
            assertThat(entries.getLength()).isOne();
            Element entry = (Element) entries.item(0);
            assertThat(text(entry, "title")).isEqualTo("Acme App (Cloud): Hidden from search and browse");
            assertThat(text(entry, "published")).isEqualTo("2026-06-12T09:00:00Z");
            assertThat(text(entry, "summary"))
                    .contains("Fixing security vulnerabilities on time", "In effect")
                    .doesNotContain(secrets);
            assertThat(text(entry, "id")).endsWith("/transparency#" + idOnPage(html));

            // Fixed and lifted: the page says so, once its minute of caching is over.
            fixTheVulnerability(w);
            approveTheLift(w);
            assertThat(page(w).body()).as("served from the cache").contains("In effect");
            w.clock().advance(Duration.ofMinutes(2));
            String lifted = page(w).body();
            assertThat(lifted).contains("Lifted on 2026-06-19").doesNotContain("In effect");
            assertThat(text(
                            (Element) atom(new Http(w.warden().port()).get("/transparency/feed.atom"))
                                    .getElementsByTagNameNS(ATOM, "entry")
                                    .item(0),
                            "summary"))
                    .contains("Lifted on 2026-06-19");
        }
    }

    @Test
    void onlyTheKindsOfActionTheOperatorChoseArePublished() {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            ok(w.admin().put("/api/v1/transparency/settings", "{\"enabled\": true, \"delayDays\": 0}"));
            // A warning is a private notice by default.
            setContacts(w, "");
            decide(w.ana(), proposedAction(w.ana(), "WARNING"), "approve", "no security contact");
            w.clock().advance(Duration.ofMinutes(2));
            assertThat(page(w).body()).contains("No action to publish").doesNotContain("Warning issued");

            ok(w.admin().put("/api/v1/transparency/settings", "{\"actions\": [\"WARNING\"]}"));
            assertThat(page(w).body())
                    .as("the settings' change clears the cache")
                    .contains("Warning issued", "Keeping a security contact", "Acme");

            ok(w.admin().put("/api/v1/transparency/settings", "{\"enabled\": false}"));
            assertThat(page(w).status()).isEqualTo(404);
        }
    }

    @Test
    void anAddressAskingTooOftenIsToldToWait() {
        World w = DecisionsIT.world(Map.of("warden.transparency.requests-per-minute", "3"));
        try (FreshWarden ignored = w.warden()) {
            ok(w.admin().put("/api/v1/transparency/settings", "{\"enabled\": true}"));
            Http anyone = new Http(w.warden().port());
            // Seven requests: even if a minute turns between two of them, one minute holds four.
            List<Http.Response> answers = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                answers.add(i % 2 == 0 ? anyone.get("/transparency") : anyone.get("/transparency/feed.atom"));
            }
            Http.Response refused = answers.stream()
                    .filter(r -> r.status() == 429)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("never refused: " + answers));
            assertThat(Integer.parseInt(String.valueOf(refused.header("Retry-After"))))
                    .isBetween(1, 60);
            assertThat(answers.get(0).status()).isEqualTo(200);
        }
    }

    static Document atom(Http.Response response) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(ATOM);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("feed");
        return doc;
    }

    static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(ATOM, name).item(0).getTextContent();
    }

    private static String idOnPage(String html) {
        int at = html.indexOf("<tr id=\"");
        return html.substring(at + 8, html.indexOf('"', at + 8));
    }

    /** Approves the lift proposed once acme's vulnerability is fixed, with a second approver when needed. */
    private static void approveTheLift(World w) {
        var lift = proposedAction(w.ana(), "LIFT");
        decide(w.ana(), lift, "approve", "fixed");
        if (lift.get("approvalsRequired").asInt() > 1) {
            decide(w.cy(), lift, "approve", "agreed");
        }
    }
}

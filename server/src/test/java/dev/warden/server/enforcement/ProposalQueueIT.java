package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The console's approval queue with more proposals than a page holds: filtered, ordered, grouped and
 * counted over every proposal waiting, read a page at a time.
 */
@ExtendWith(DatabaseRequirement.class)
class ProposalQueueIT {
    private static final Pattern CARD = Pattern.compile("<article class=\"card proposal\" id=\"action-(\\d+)\"");
    private static final Pattern GROUP =
            Pattern.compile("<h2><span>([A-Z_]+)</span> <span class=\"muted\">\\((\\d+)\\)</span></h2>");

    static List<Long> cards(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = CARD.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    static List<String> groups(String page) {
        List<String> groups = new ArrayList<>();
        Matcher m = GROUP.matcher(page);
        while (m.find()) {
            groups.add(m.group(1) + " " + m.group(2));
        }
        return groups;
    }

    /** The ids of a page's items, or of an exported array. */
    private static List<Long> ids(JsonNode pageOrArray) {
        JsonNode items = pageOrArray.isArray() ? pageOrArray : pageOrArray.get("items");
        return items.valueStream().map(a -> a.get("id").asLong()).toList();
    }

    @Test
    void theQueueIsReadAPageAtATimeWithEveryFilterOverTheWholeQueue() {
        DecisionsIT.World w = DecisionsIT.world();
        try (FreshWarden warden = w.warden()) {
            Http admin = w.admin();
            // Sixty partners without a security contact: a warning each, after acme's overdue ticket's.
            for (int i = 0; i < 60; i++) {
                ok(admin.post("/api/v1/partners", """
                        {"id": "queue-%02d", "name": "Queue %d", "tier": "SILVER", "securityContacts": []}
                        """.formatted(i, i)));
            }
            warden.bean(CaseReconciliation.class).evaluateAll(() -> false);
            // And a step ahead of the ladder on acme's case: a pause, later in the ladder than any warning.
            long pause = ok(w.analyst()
                            .post(
                                    "/api/v1/enforcement/cases/" + w.caseId() + "/escalations",
                                    "{\"action\": \"PAUSE_LISTING\", \"justification\": \"ACTIVE_EXPLOITATION\","
                                            + " \"note\": \"exploited\"}"))
                    .get("id")
                    .asLong();
            JsonNode all = ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&size=500"));
            int waiting = all.get("totalItems").asInt();
            List<JsonNode> proposals = all.get("items").valueStream().toList();
            long warnings = proposals.stream()
                    .filter(a -> a.get("action").asString().equals("WARNING"))
                    .count();
            assertThat(warnings).isEqualTo(60);
            // The ladder's own first step on acme's case (a Critical ticket overdue starts at hiding it).
            long hide = proposals.stream()
                    .filter(a -> a.get("action").asString().equals("HIDE_LISTING"))
                    .findFirst()
                    .orElseThrow()
                    .get("id")
                    .asLong();
            assertThat(waiting).isEqualTo(warnings + 2);

            // The first page: 50 warnings, oldest first, the whole group counted. The last: the other ten, then
            // acme's hide and pause in the ladder's order, though the hide is the oldest proposal of all.
            String first = w.ana().get("/approvals").body();
            assertThat(first)
                    .contains(waiting + " proposal(s) wait, grouped by action in the order of the ladder; 1–50 shown.");
            assertThat(groups(first)).containsExactly("WARNING " + warnings);
            List<Long> firstIds = cards(first);
            assertThat(firstIds).hasSize(50).isSorted();
            assertThat(first)
                    .contains("Page <span>1</span> of <span>2</span>")
                    .contains("page=1\">Next<")
                    .doesNotContain(">Previous<");
            String second = w.ana().get("/approvals?page=1").body();
            List<Long> secondIds = cards(second);
            assertThat(secondIds).hasSize(waiting - 50).endsWith(hide, pause);
            assertThat(groups(second)).containsExactly("WARNING " + warnings, "HIDE_LISTING 1", "PAUSE_LISTING 1");
            Set<Long> walked = new HashSet<>(firstIds);
            walked.addAll(secondIds);
            assertThat(walked)
                    .hasSize(waiting)
                    .containsExactlyInAnyOrderElementsOf(
                            proposals.stream().map(a -> a.get("id").asLong()).toList());
            assertThat(w.ana().get("/approvals?page=7").body()).contains("No proposal on this page");

            // Newest first: the newest warning leads.
            List<Long> newest =
                    cards(w.ana().get("/approvals?action=WARNING&sort=newest").body());
            assertThat(newest).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(newest.get(0)).isEqualTo(secondIds.get(secondIds.size() - 3));
            // Its second page: the ten oldest warnings, the oldest last, then the hide and the pause.
            List<Long> newestLast =
                    cards(w.ana().get("/approvals?sort=newest&page=1").body());
            assertThat(newestLast).hasSize(12).endsWith(firstIds.get(0), hide, pause);
            assertThat(newestLast.subList(0, 10)).isSortedAccordingTo((a, b) -> Long.compare(b, a));

            // A partner's proposals wherever they stand in the queue, and the actions it has among the choices.
            String acme = w.ana().get("/approvals?partner=acme").body();
            assertThat(cards(acme)).containsExactly(hide, pause);
            assertThat(acme).contains("2 of " + waiting + " proposal(s) match these filters");
            assertThat(acme)
                    .contains("<option value=\"HIDE_LISTING\">HIDE_LISTING (1)</option>")
                    .contains("<option value=\"PAUSE_LISTING\">PAUSE_LISTING (1)</option>")
                    .doesNotContain("<option value=\"WARNING\"");
            String late = w.ana().get("/approvals?partner=queue-59").body();
            assertThat(cards(late)).hasSize(1);
            String pauses = w.ana().get("/approvals?action=PAUSE_LISTING").body();
            assertThat(cards(pauses)).containsExactly(pause);
            assertThat(pauses).contains("<option value=\"WARNING\">WARNING (" + warnings + ")</option>");
            String byRule =
                    w.ana().get("/approvals?rule=CONTACT-MISSING&sort=due").body();
            assertThat(cards(byRule)).hasSize(50).doesNotContain(pause);
            assertThat(byRule)
                    .contains("60 of " + waiting + " proposal(s) match these filters")
                    .contains("<option value=\"CONTACT-MISSING\" selected=\"selected\">CONTACT-MISSING</option>")
                    .contains("<option value=\"VULN-OVERDUE\">VULN-OVERDUE</option>", "<option value=\"TERMINATION\">")
                    .contains("<option value=\"WARNING\">WARNING (60)</option>")
                    .doesNotContain("<option value=\"PAUSE_LISTING\"", "<option value=\"HIDE_LISTING\"");

            // An action chosen that nothing matches with the other filters stays chosen.
            String none = w.ana()
                    .get("/approvals?partner=queue-59&action=PAUSE_LISTING")
                    .body();
            assertThat(none)
                    .contains("No proposal matches these filters.")
                    .contains("<option value=\"PAUSE_LISTING\" selected=\"selected\">PAUSE_LISTING (0)</option>");

            // A decision posted without JavaScript comes back to the queue as it was shown.
            Http.Response shown = w.ana().get("/approvals?action=WARNING&sort=newest&page=1");
            assertThat(shown.body())
                    .contains(
                            "name=\"queueAction\" value=\"WARNING\"",
                            "name=\"queueSort\" value=\"newest\"",
                            "name=\"queuePage\" value=\"1\"");
            long oldest = firstIds.get(0);
            // Refused (a rejection must say why): the same queue, saying so.
            Http.Response refused = w.ana()
                    .form(
                            "/approvals/" + oldest + "/reject",
                            Map.of(
                                    "comment",
                                    "",
                                    "queueAction",
                                    "WARNING",
                                    "queueSort",
                                    "newest",
                                    "queuePage",
                                    "1",
                                    "_csrf",
                                    shown.csrf()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("say why the action is rejected")
                    .contains("name=\"queueAction\" value=\"WARNING\"");
            assertThat(cards(refused.body())).hasSize(10).contains(oldest);
            Http.Response rejected = w.ana()
                    .form(
                            "/approvals/" + oldest + "/reject",
                            Map.of(
                                    "comment", "raised in error",
                                    "queueAction", "WARNING",
                                    "queueRule", "",
                                    "queuePartner", "",
                                    "queueSort", "newest",
                                    "queuePage", "1",
                                    "_csrf", shown.csrf()));
            assertThat(rejected.status()).isEqualTo(302);
            assertThat(rejected.header("Location"))
                    .endsWith("/approvals?done=rejected&action=WARNING&sort=newest&page=1");
            String after = w.ana()
                    .get("/approvals?done=rejected&action=WARNING&sort=newest&page=1")
                    .body();
            assertThat(after).contains("Rejected.");
            assertThat(cards(after)).hasSize(9).doesNotContain(oldest);

            // The API's list and export take the action and rule filters too.
            assertThat(ids(ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&action=HIDE_LISTING"))))
                    .containsExactly(hide);
            assertThat(ids(ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&rule=VULN-OVERDUE"))))
                    .containsExactly(pause, hide);
            JsonNode contact =
                    ok(admin.get("/api/v1/enforcement/actions?rule=CONTACT-MISSING&action=WARNING&size=500"));
            assertThat(contact.get("totalItems").asInt()).isEqualTo(60);
            assertThat(admin.get("/api/v1/enforcement/actions?action=NOT_A_STEP")
                            .status())
                    .isEqualTo(400);
            assertThat(admin.get("/api/v1/enforcement/actions?rule=not%20a%20rule")
                            .status())
                    .isEqualTo(400);
            Http.Response export =
                    admin.get("/api/v1/enforcement/actions/export?format=json&status=PROPOSED&action=PAUSE_LISTING");
            assertThat(export.status()).isEqualTo(200);
            assertThat(ids(export.json())).containsExactly(pause);

            // The whole queue's counts are kept: a proposal withdrawn behind Warden's back still counts, until
            // a decision made through Warden has them counted again.
            int left = waiting - 1; // the warning rejected above
            assertThat(w.ana().get("/approvals").body()).contains(left + " proposal(s) wait");
            warden.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("update enforcement_actions set status = 'REJECTED' where id = :id")
                    .param("id", pause)
                    .update();
            Http.Response kept = w.ana().get("/approvals");
            assertThat(kept.body()).contains(left + " proposal(s) wait");
            Http.Response approved =
                    w.ana().form("/approvals/" + hide + "/approve", Map.of("comment", "", "_csrf", kept.csrf()));
            assertThat(approved.status()).isEqualTo(302);
            assertThat(w.ana().get("/approvals").body()).contains((left - 2) + " proposal(s) wait");
        }
    }
}

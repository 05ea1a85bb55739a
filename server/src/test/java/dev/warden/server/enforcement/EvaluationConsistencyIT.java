package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.EnforcementJourneyIT.CRITICAL;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * "Evaluation runs incrementally in the server when facts change and in full on a schedule; both give
 * the same answer." Two servers get the same facts and the same changes at the same instants, and both
 * run the scheduled full evaluation when time moves on. Between those, one evaluates incrementally (the
 * partners each change touched), the other in full after every change. Their cases and proposals are
 * the same, and a full evaluation on the first afterwards changes nothing.
 */
@ExtendWith(DatabaseRequirement.class)
class EvaluationConsistencyIT {
    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    static String demo() throws IOException {
        try (InputStream in =
                Objects.requireNonNull(EvaluationConsistencyIT.class.getResourceAsStream("/demo/marketplace.json"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The same story for both servers: the demo marketplace, then changes over three weeks. When time
     * moves on, the scheduled full evaluation runs on both (it is what notices what time alone changed);
     * {@code afterEachChange} runs after each change (the server without incremental evaluation runs a
     * full one there, so both evaluate at the same instants).
     */
    static void story(FreshWarden warden, TestClock clock, Runnable afterEachChange) throws IOException {
        Http admin = warden.admin();
        ok(admin.post("/api/v1/snapshot", demo()));
        afterEachChange.run();
        JsonNode overdue =
                ok(admin.get("/api/v1/tickets?overdue=true&sort=key&size=100")).get("items");
        assertThat(overdue.size()).isGreaterThanOrEqualTo(2);
        // Every overdue ticket of the first listing is fixed, so that listing's case resolves.
        String fixedApp = overdue.get(0).get("app").asString();
        String fixedHosting = overdue.get(0).get("hosting").asString();
        String app = null;
        for (JsonNode t : overdue) {
            if (t.get("app").asString().equals(fixedApp)
                    && t.get("hosting").asString().equals(fixedHosting)) {
                ok(admin.post("/api/v1/tickets/" + t.get("key").asString() + "/patched", "{\"note\": \"fixed\"}"));
                afterEachChange.run();
            } else if (app == null) {
                app = t.get("app").asString();
            }
        }
        assertThat(app).as("an overdue ticket on another app").isNotNull();

        clock.advance(Duration.ofDays(10));
        admin = warden.admin();
        ok(admin.post("/api/v1/enforcement/evaluations", ""));
        ok(admin.post("/api/v1/tickets", """
                {"type": "SECURITY", "app": "%s", "hosting": "CLOUD", "title": "Stored XSS", "cvss": "%s"}
                """.formatted(app, CRITICAL)));
        afterEachChange.run();
        JsonNode partners = ok(admin.get("/api/v1/partners?size=100")).get("items");
        JsonNode first = partners.get(0);
        String id = first.get("id").asString();
        ok(admin.put("/api/v1/partners/" + id, """
                {"id": "%s", "name": "%s", "tier": "%s", "securityContacts": []}
                """.formatted(
                        id, first.get("name").asString(), first.get("tier").asString())));
        afterEachChange.run();
        clock.advance(Duration.ofDays(11));
        admin = warden.admin();
        ok(admin.post("/api/v1/enforcement/evaluations", ""));
        // Time alone moves ladders on; the breach job notices the new ticket's breach.
        warden.bean(dev.warden.server.tickets.BreachRecorder.class).detect();
        afterEachChange.run();
        // Last, after that full evaluation, so only incremental evaluation can see them: obligation
        // records change (an incident contained, a program gone public, a declaration).
        ok(admin.post("/api/v1/incidents/INC-4/events", "{\"type\": \"CONTAINED\"}"));
        afterEachChange.run();
        tools.jackson.databind.node.ObjectNode program =
                (tools.jackson.databind.node.ObjectNode) ok(admin.get("/api/v1/bounty-programs/BB-2"));
        program.remove("id");
        program.put("visibility", "PUBLIC");
        ok(admin.put("/api/v1/bounty-programs/BB-2", program.toString()));
        afterEachChange.run();
        ok(admin.put(
                "/api/v1/apps/com.lumen.exporter/token-use/declaration",
                "{\"collects\": true, \"transmits\": true, \"stores\": false}"));
        afterEachChange.run();
    }

    /** Cases and open proposals, without the ids and instants that differ between two databases. */
    static List<String> state(Http admin) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : ok(admin.get("/api/v1/enforcement/cases?size=500")).get("items")) {
            JsonNode full =
                    ok(admin.get("/api/v1/enforcement/cases/" + c.get("id").asLong()));
            StringBuilder line = new StringBuilder()
                    .append(c.get("rule").asString())
                    .append(' ')
                    .append(c.get("subject").get("id").asString())
                    .append(' ')
                    .append(c.get("status").asString())
                    .append(" began ")
                    .append(c.get("beganAt").asString())
                    .append(' ')
                    .append(c.get("severity").asString())
                    .append(" | ")
                    .append(c.get("evidence").asString());
            for (JsonNode a : full.get("actions")) {
                line.append(" | ")
                        .append(a.get("action").asString())
                        .append(':')
                        .append(a.get("status").asString());
            }
            out.add(line.toString());
        }
        out.sort(null);
        return out;
    }

    @Test
    void incrementalAndFullEvaluationGiveTheSameCases() throws IOException {
        List<String> incremental;
        TestClock clockA = new TestClock(START);
        try (FreshWarden a = FreshWarden.start(Map.of("warden.jobs.enabled", "false"), clockA)) {
            story(a, clockA, () -> {});
            Http admin = a.admin();
            // No full evaluation since the last changes: what is here, incremental evaluation did.
            incremental = state(admin);
            JsonNode again = ok(admin.post("/api/v1/enforcement/evaluations", ""));
            assertThat(again.get("opened").asInt()
                            + again.get("reopened").asInt()
                            + again.get("resolved").asInt()
                            + again.get("closed").asInt()
                            + again.get("proposed").asInt()
                            + again.get("withdrawn").asInt()
                            + again.get("refreshed").asInt())
                    .as("a full evaluation after the incremental ones changes nothing: %s", again)
                    .isZero();
            assertThat(again.get("violations").asInt()).isPositive();
        }
        assertThat(incremental).isNotEmpty();
        assertThat(incremental).anyMatch(line -> line.startsWith("CONTACT-MISSING"));
        assertThat(incremental).anyMatch(line -> line.startsWith("VULN-OVERDUE"));
        assertThat(incremental).anyMatch(line -> line.contains("CLOSED") || line.contains("RESOLVED"));

        TestClock clockB = new TestClock(START);
        try (FreshWarden b = FreshWarden.start(
                Map.of("warden.jobs.enabled", "false", "warden.enforcement.incremental", "false"), clockB)) {
            assertThat(b.has(IncrementalEvaluation.class))
                    .as("this one evaluates only in full")
                    .isFalse();
            story(b, clockB, () -> ok(b.admin().post("/api/v1/enforcement/evaluations", "")));
            Http admin = b.admin();
            List<String> full = state(admin);
            assertThat(full).containsExactlyElementsOf(incremental);
        }
    }
}

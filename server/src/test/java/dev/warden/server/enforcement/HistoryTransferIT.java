package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.DecisionsIT.proposedAction;
import static dev.warden.server.enforcement.EnforcementJourneyIT.NO_JOBS;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static dev.warden.server.enforcement.LadderAndLiftIT.decide;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.enforcement.DecisionsIT.World;
import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Enforcement history moves between instances in the snapshot: a marketplace with a case that climbed,
 * was appealed, reached out about, lifted and closed, and a reviewed termination with its migration
 * window, exports with all of it; an empty Warden imports it under the same numbers and exports the same
 * document; a second import changes nothing, a tampered one is refused, and new records take new numbers.
 */
@ExtendWith(DatabaseRequirement.class)
class HistoryTransferIT {
    static String withoutExportedAt(String json) {
        ObjectNode tree = (ObjectNode) JsonMapper.shared().readTree(json);
        tree.remove("exportedAt");
        return tree.toString();
    }

    /** Builds the history: outreach, a hide approved and appealed in vain, the fix and its lift, a termination. */
    static void history(World w) {
        String outreach = "/api/v1/enforcement/cases/" + w.caseId() + "/outreach";
        long reached = ok(w.analyst().post(outreach, """
                        {"channel": "ECOHELP", "reference": "ECOHELP-77", "summary": "Asked for a fix date"}""")).get("id").asLong();
        ok(w.analyst().post(outreach + "/" + reached + "/answer", "{\"answer\": \"Next week\"}"));
        long hide = proposedAction(w.ana(), "HIDE_LISTING").get("id").asLong();
        ok(w.ana().post("/api/v1/enforcement/actions/" + hide + "/approve", "{\"comment\": \"no fix yet\"}"));
        Http partner = TestClients.as(
                new Http(w.warden().port()),
                w.warden().bean(ApiClients.class),
                "acme",
                Permission.ENFORCEMENT_READ,
                Permission.APPEALS_FILE);
        long appeal = ok(partner.post(
                        "/api/v1/enforcement/actions/" + hide + "/appeals", "{\"grounds\": \"Fix is coming\"}"))
                .get("id")
                .asLong();
        w.clock().advance(Duration.ofDays(2));
        ok(w.bo().post("/api/v1/enforcement/appeals/" + appeal + "/deny", "{\"note\": \"Not yet fixed\"}"));
        w.clock().advance(Duration.ofDays(3));
        LadderAndLiftIT.fixTheVulnerability(w);
        decide(w.ana(), proposedAction(w.ana(), "LIFT"), "approve", "fixed");
        w.clock().advance(Duration.ofDays(1));
        JsonNode termination = ok(w.analyst().post("/api/v1/enforcement/terminations", """
                {"partner": "acme", "reason": "Repeated non-compliance",
                 "review": {"by": "Trust board", "on": "2026-06-15", "outcome": "Terminate"},
                 "migrationWindowDays": 45}"""));
        String approve = "/api/v1/enforcement/actions/" + termination.get("id").asLong() + "/approve";
        ok(w.ana().post(approve, "{}"));
        ok(w.cy().post(approve, "{}"));
    }

    static List<String> statuses(JsonNode c) {
        List<String> out = new ArrayList<>();
        c.get("actions")
                .forEach(a -> out.add(
                        a.get("action").asString() + " " + a.get("status").asString()));
        return out;
    }

    @Test
    void anExportWithHistoryImportsIntoAnEmptyInstanceAndExportsIdentically() throws java.io.IOException {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            history(w);
            Http.Response first = w.admin().get("/api/v1/snapshot");
            assertThat(first.status()).isEqualTo(200);
            JsonNode cases = JsonMapper.shared().readTree(first.body()).get("enforcementCases");
            JsonNode vuln = cases.get(0);
            assertThat(vuln.get("id").asLong()).isEqualTo(w.caseId());
            assertThat(vuln.get("status").asString()).isEqualTo("CLOSED");
            assertThat(statuses(vuln)).contains("HIDE_LISTING LIFTED", "LIFT APPLIED");
            JsonNode hide = vuln.get("actions").get(0);
            assertThat(hide.get("votes").get(0).get("comment").asString()).isEqualTo("no fix yet");
            assertThat(hide.get("appeals").get(0).get("status").asString()).isEqualTo("DENIED");
            assertThat(hide.get("effect").get("listings").get(0).get("to").asString())
                    .isEqualTo("HIDDEN");
            assertThat(vuln.get("outreach").get(0).get("answer").asString()).isEqualTo("Next week");
            JsonNode terminated = cases.get(cases.size() - 1);
            assertThat(terminated.get("rule").asString()).isEqualTo("TERMINATION");
            assertThat(terminated.get("terminationReview").get("migrationDays").asInt())
                    .isEqualTo(45);
            assertThat(terminated.get("terminationReview").has("migrationUntil"))
                    .isTrue();

            // A partner's export carries none of it.
            Http partner = TestClients.as(
                    new Http(w.warden().port()), w.warden().bean(ApiClients.class), "acme", Permission.SNAPSHOT_EXPORT);
            assertThat(JsonMapper.shared()
                            .readTree(partner.get("/api/v1/snapshot").body())
                            .has("enforcementCases"))
                    .isFalse();

            try (FreshWarden other = FreshWarden.start(NO_JOBS)) {
                Http there = other.admin();
                Http.Response imported = there.post("/api/v1/snapshot", first.body());
                assertThat(imported.status()).as(imported.body()).isEqualTo(200);
                assertThat(imported.json()
                                .get("enforcementCases")
                                .get("created")
                                .asInt())
                        .isEqualTo(cases.size());
                Http.Response second = there.get("/api/v1/snapshot");
                assertThat(withoutExportedAt(second.body())).isEqualTo(withoutExportedAt(first.body()));

                // Again: nothing changes.
                JsonNode again = ok(there.post("/api/v1/snapshot", first.body()));
                assertThat(again.get("enforcementCases").get("unchanged").asInt())
                        .isEqualTo(cases.size());
                assertThat(again.get("enforcementCases").get("created").asInt()).isZero();

                // A file too large to hold is streamed; its history reads the same.
                java.nio.file.Path file = java.nio.file.Files.createTempFile("history-", ".json");
                try {
                    java.nio.file.Files.writeString(file, first.body());
                    dev.warden.server.snapshot.ImportResult streamed = other.bean(
                                    dev.warden.server.snapshot.Snapshots.class)
                            .importFile(
                                    file, 0, false, dev.warden.server.shared.Actor.system("test"), false, line -> {});
                    assertThat(streamed.enforcementCases().unchanged()).isEqualTo(cases.size());
                } finally {
                    java.nio.file.Files.delete(file);
                }

                // A rewritten history is refused where it differs, and nothing is written.
                ObjectNode tampered = (ObjectNode) JsonMapper.shared().readTree(first.body());
                ((ObjectNode) tampered.get("enforcementCases").get(0)).put("evidence", "something else");
                Http.Response refused = there.post("/api/v1/snapshot", tampered.toString());
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.body()).contains("/enforcementCases/0/id").contains("different history");

                // The imported case works as one recorded here, and new records take new numbers.
                long maxOutreach = 0;
                for (JsonNode c : cases) {
                    for (JsonNode o : c.path("outreach")) {
                        maxOutreach = Math.max(maxOutreach, o.get("id").asLong());
                    }
                }
                JsonNode more = ok(there.post(
                        "/api/v1/enforcement/cases/" + w.caseId() + "/outreach",
                        "{\"channel\": \"EMAIL\", \"summary\": \"Closing note sent\"}"));
                assertThat(more.get("id").asLong()).isGreaterThan(maxOutreach);
                assertThat(ok(there.get("/api/v1/enforcement/cases/" + w.caseId()))
                                .get("status")
                                .asString())
                        .isEqualTo("CLOSED");
                assertThat(there.get("/api/v1/audit?action=CASE_IMPORTED").body())
                        .contains("CASE_IMPORTED");

                // The server's evaluation replays the history as of a day, as warden evaluate does on the export.
                JsonNode report = ok(there.post("/api/v1/evaluations", "{\"asOf\": \"2026-06-13T00:00:00Z\"}"));
                JsonNode then = report.get("enforcement").get("cases").get(0);
                assertThat(then.get("status").asString()).isEqualTo("OPEN");
                assertThat(then.get("actions").get(0).get("status").asString()).isEqualTo("APPLIED");
            }
        }
    }
}

package dev.warden.server.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.WardenCli;
import dev.warden.server.snapshot.SnapshotApiIT;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The API and {@code warden evaluate} give the same answers on the same data, now and on any date. */
@ExtendWith(DatabaseRequirement.class)
class EvaluationIT {
    static FreshWarden warden;
    static Http admin;
    static String snapshot;

    @BeforeAll
    static void aWardenWithTickets() throws IOException {
        try (InputStream in = EvaluationIT.class.getResourceAsStream("/snapshots/tickets.json")) {
            snapshot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        warden = FreshWarden.start();
        admin = warden.admin();
        Http.Response imported = admin.post("/api/v1/snapshot", snapshot);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("tickets").get("created").asInt()).isEqualTo(4);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    void theApiAndTheCliGiveTheSameReportOnTheSameSnapshot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("snapshot.json");
        for (String asOf : new String[] {"2026-03-10T00:00:00Z", "2026-07-01T00:00:00Z", "2026-11-28T12:00:00Z"}) {
            Path out = dir.resolve("cli-" + asOf.substring(0, 10) + ".json");
            // The server's export, which carries the enforcement cases its evaluations opened: taken again
            // when the background evaluation changed them meanwhile.
            Http.Response api;
            String export;
            int attempts = 0;
            do {
                export = admin.get("/api/v1/snapshot").body();
                api = admin.post("/api/v1/evaluations", "{\"asOf\": \"" + asOf + "\"}");
            } while (!SnapshotApiIT.withoutExportedAt(export)
                            .equals(SnapshotApiIT.withoutExportedAt(
                                    admin.get("/api/v1/snapshot").body()))
                    && ++attempts < 5);
            Files.writeString(file, export);
            assertThat(WardenCli.run("evaluate", file.toString(), "--as-of", asOf, "-o", out.toString()))
                    .isZero();

            assertThat(api.status()).isEqualTo(200);
            assertThat(api.body()).isEqualTo(Files.readString(out));
            if (asOf.startsWith("2026-07")) {
                // The obligation records count too: a late incident report, an overdue verification, tokens.
                assertThat(api.body()).contains("INCIDENT-LATE-REPORT", "VERIFICATION-OVERDUE", "PAT-COLLECTION");
            }
        }
    }

    @Test
    void theStateOnAnEarlierDateIgnoresWhatCameLater() {
        JsonNode march = admin.post("/api/v1/evaluations", "{\"asOf\": \"2026-03-10T00:00:00Z\"}")
                .json();

        assertThat(march.get("tickets").valueStream().map(t -> t.get("key").asString()))
                .containsExactly("AMS-9001", "AMS-9004");
        JsonNode first = march.get("tickets").get(0);
        assertThat(first.get("policyVersion").asString()).isEqualTo("2023-10-08");
        assertThat(first.get("dueAt").asString()).isEqualTo("2026-03-29T00:00:00Z");
        assertThat(first.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void aDraftShowsWhatItWouldChange() {
        String draft = dev.warden.core.policy.PolicyVersions.resource("2026-04-15")
                .replace("id: \"2026-04-15\"", "id: \"eval-draft\"")
                .replace("effectiveFrom: 2026-04-15", "effectiveFrom: 2026-04-20")
                .replace("MEDIUM: { CLOUD: 84,", "MEDIUM: { CLOUD: 20,");
        assertThat(admin.send("POST", "/api/v1/policies", draft, "application/yaml")
                        .status())
                .isEqualTo(201);

        JsonNode impact = admin.get("/api/v1/evaluations/impact?draft=eval-draft&asOf=2026-07-01T00:00:00Z")
                .json();
        JsonNode report = admin.post(
                        "/api/v1/evaluations", "{\"asOf\": \"2026-07-01T00:00:00Z\", \"draft\": \"eval-draft\"}")
                .json();

        // AMS-9002 and AMS-9003 were reported after the draft's date; only 9002's timeframe differs.
        assertThat(impact.get("changed").asInt()).isEqualTo(2);
        assertThat(impact.get("becomeOverdue").asInt()).isEqualTo(1);
        JsonNode change = impact.get("tickets").get(0);
        assertThat(impact.get("tickets").get(1).get("after").get("dueAt"))
                .isEqualTo(impact.get("tickets").get(1).get("before").get("dueAt"));
        assertThat(change.get("key").asString()).isEqualTo("AMS-9002");
        assertThat(change.get("before").get("policyVersion").asString()).isEqualTo("2026-04-15");
        assertThat(change.get("after").get("policyVersion").asString()).isEqualTo("eval-draft");
        assertThat(change.get("after").get("dueAt").asString()).isEqualTo("2026-05-23T00:00:00Z");
        assertThat(report.get("policy").get("draft").asString()).isEqualTo("eval-draft");
    }
}

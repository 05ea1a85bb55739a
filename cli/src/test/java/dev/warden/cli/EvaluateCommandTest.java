package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String err) {}

    Path snapshot() throws IOException {
        Path file = dir.resolve("snapshot.json");
        try (InputStream in = getClass().getResourceAsStream("/tickets.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    Run run(Instant now, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new WardenCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvaluateCommand.class) {
                    return type.cast(new EvaluateCommand(Clock.fixed(now, ZoneOffset.UTC)));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        return new Run(cli.execute(args), err.toString(StandardCharsets.UTF_8));
    }

    JsonNode report(Path file) throws IOException {
        return JsonMapper.shared().readTree(Files.readString(file));
    }

    @Test
    void reportsEachTicketsClockAtTheGivenInstant() throws IOException {
        Path out = dir.resolve("report.json");
        Run run = run(
                Instant.parse("2030-01-01T00:00:00Z"),
                "evaluate",
                snapshot().toString(),
                "--as-of",
                "2026-07-01",
                "-o",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = report(out);
        assertThat(report.get("format").asString()).isEqualTo("warden.evaluation/v1");
        assertThat(report.get("asOf").asString()).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(report.get("policy").get("inForce").asString()).isEqualTo("2026-04-15");
        JsonNode first = report.get("tickets").get(0);
        assertThat(first.get("key").asString()).isEqualTo("AMS-1");
        assertThat(first.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(first.get("score").asDouble()).isEqualTo(9.8);
        // Reported on 1 March under the 2023 version: 28 days for Critical Cloud.
        assertThat(first.get("policyVersion").asString()).isEqualTo("2023-10-08");
        assertThat(first.get("dueAt").asString()).isEqualTo("2026-03-29T00:00:00Z");
        assertThat(first.get("overdue").asBoolean()).isTrue();
        JsonNode bounty = report.get("tickets").get(1);
        assertThat(bounty.get("clockStartAt").asString()).isEqualTo("2026-05-03T00:00:00Z");
        assertThat(bounty.get("dueAt").asString()).isEqualTo("2026-07-26T00:00:00Z");
        assertThat(report.get("tickets").get(2).get("status").asString()).isEqualTo("PATCHED");
        assertThat(report.get("summary").get("overdue").asInt()).isEqualTo(1);
        assertThat(report.get("summary").get("open").asInt()).isEqualTo(2);

        // The overdue ticket and the partner without a security contact break rules...
        JsonNode violations = report.get("violations");
        assertThat(violations.valueStream().map(v -> v.get("rule").asString()))
                .containsExactly("CONTACT-MISSING", "VULN-OVERDUE");
        JsonNode overdue = violations.get(1);
        assertThat(overdue.get("subject").get("type").asString()).isEqualTo("listing");
        assertThat(overdue.get("subject").get("id").asString()).isEqualTo("com.acme.app/CLOUD");
        assertThat(overdue.get("since").asString()).isEqualTo("2026-03-29T00:00:00Z");
        assertThat(overdue.get("evidence").asString()).isEqualTo("AMS-1, Critical, due 2026-03-29, 94 days overdue");
        // ... and the ladder proposes every step whose day has come, each with its day: a warning, and
        // for the ticket 94 days overdue hiding (day 0), pausing (day 30) and suspending (day 60).
        JsonNode proposals = report.get("proposals");
        assertThat(proposals
                        .valueStream()
                        .map(p -> p.get("action").asString() + " "
                                + p.get("subject").get("id").asString() + " "
                                + p.get("dueAt").asString()))
                .containsExactly(
                        "WARNING acme 2026-07-01T00:00:00Z",
                        "HIDE_LISTING com.acme.app/CLOUD 2026-03-29T00:00:00Z",
                        "PAUSE_LISTING com.acme.app/CLOUD 2026-04-28T00:00:00Z",
                        "SUSPEND_PARTNER com.acme.app/CLOUD 2026-05-28T00:00:00Z");
        assertThat(proposals.get(1).get("approvalsRequired").asInt()).isEqualTo(1);
        assertThat(proposals.get(1).get("reason").asString())
                .startsWith("VULN-OVERDUE since 2026-03-29T00:00:00Z: AMS-1");
        assertThat(report.get("summary").get("violations").asInt()).isEqualTo(2);
    }

    @Test
    void ticketsReportedAfterTheInstantAreLeftOutAndTheDefaultIsNow() throws IOException {
        Path out = dir.resolve("report.json");
        run(Instant.parse("2026-05-15T00:00:00Z"), "evaluate", snapshot().toString(), "-o", out.toString());

        JsonNode report = report(out);
        assertThat(report.get("asOf").asString()).isEqualTo("2026-05-15T00:00:00Z");
        assertThat(report.get("tickets")).hasSize(2);
    }

    @Test
    void aDraftPolicyFileAppliesFromItsEffectiveDate() throws IOException {
        String draft = dev.warden.core.policy.PolicyVersions.resource("2026-04-15")
                .replace("id: \"2026-04-15\"", "id: \"stricter\"")
                .replace("effectiveFrom: 2026-04-15", "effectiveFrom: 2026-04-30")
                .replace("MEDIUM: { CLOUD: 84,", "MEDIUM: { CLOUD: 30,");
        Path policy = dir.resolve("draft.yaml");
        Files.writeString(policy, draft);
        Path out = dir.resolve("report.json");

        run(
                Instant.parse("2030-01-01T00:00:00Z"),
                "evaluate",
                snapshot().toString(),
                "--as-of",
                "2026-07-01",
                "--policy",
                policy.toString(),
                "-o",
                out.toString());

        JsonNode report = report(out);
        assertThat(report.get("policy").get("draft").asString()).isEqualTo("stricter");
        JsonNode bounty = report.get("tickets").get(1);
        assertThat(bounty.get("policyVersion").asString()).isEqualTo("stricter");
        assertThat(bounty.get("dueAt").asString()).isEqualTo("2026-06-02T00:00:00Z");
        assertThat(bounty.get("overdue").asBoolean()).isTrue();
    }

    @Test
    void aVersionIdConsidersOnlyVersionsUpToIt() throws IOException {
        Path out = dir.resolve("report.json");
        run(
                Instant.parse("2030-01-01T00:00:00Z"),
                "evaluate",
                snapshot().toString(),
                "--as-of",
                "2026-07-01",
                "--policy",
                "2023-10-08",
                "-o",
                out.toString());

        JsonNode report = report(out);
        assertThat(report.get("policy").get("inForce").asString()).isEqualTo("2023-10-08");
        assertThat(report.get("tickets").get(2).get("policyVersion").asString()).isEqualTo("2023-10-08");
    }

    @Test
    void anInvalidSnapshotExitsTwoLeavingNoReport() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(snapshot()).replace("\"SSRF\"", "\"SSRF\", \"colour\": \"red\""));
        Path out = dir.resolve("report.json");

        Run run = run(Instant.parse("2030-01-01T00:00:00Z"), "evaluate", broken.toString(), "-o", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/tickets/2/colour: is not a known field here");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("report.json.partial")).doesNotExist();
    }

    @Test
    void badArgumentsExitTwo() throws IOException {
        assertThat(run(Instant.EPOCH, "evaluate", snapshot().toString(), "--as-of", "yesterday")
                        .exitCode())
                .isEqualTo(2);
        assertThat(run(Instant.EPOCH, "evaluate", snapshot().toString(), "--policy", "1999-01-01")
                        .exitCode())
                .isEqualTo(2);
        assertThat(run(Instant.EPOCH, "evaluate", dir.resolve("missing.json").toString())
                        .exitCode())
                .isEqualTo(2);
    }

    /** Standard output gets a report only once the whole snapshot was read: never one of an invalid document. */
    @Test
    void anInvalidSnapshotPrintsNothingOnStandardOutput() throws IOException {
        Path incident = dir.resolve("incident.json");
        Files.writeString(incident, """
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "acme", "name": "Acme", "tier": "GOLD"}],
                 "apps": [{"key": "com.acme.app", "name": "App", "partner": "acme",
                           "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}],
                 "incidents": [{"id": "INC-1", "partner": "acme", "apps": ["com.acme.app"], "category": "OTHER",
                                "title": "x", "awareAt": "2026-01-01T00:00:00Z", "colour": "red"}]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Run run = evaluateCapturingStdout(out, Instant.parse("2026-03-01T00:00:00Z"), incident);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(out.size()).as("nothing on standard output").isZero();
        assertThat(run.err())
                .as("the schema's word, with the field, before any constructor sees it")
                .contains("/incidents/0/colour: is not a known field here")
                .doesNotContain("Cannot construct", "Exception");

        // Without the unknown field, what no schema can say: an unreported incident says when it was recorded.
        Files.writeString(incident, Files.readString(incident).replace(", \"colour\": \"red\"", ""));
        out.reset();
        run = evaluateCapturingStdout(out, Instant.parse("2026-03-01T00:00:00Z"), incident);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(out.size()).as("nothing on standard output").isZero();
        assertThat(run.err())
                .contains("/incidents/0", "gives recordedAt: when the operator learned of it")
                .doesNotContain("Cannot construct", "Exception");

        // A valid snapshot still goes to standard output, whole.
        out.reset();
        run = evaluateCapturingStdout(out, Instant.parse("2030-01-01T00:00:00Z"), snapshot());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JsonMapper.shared()
                        .readTree(out.toString(StandardCharsets.UTF_8))
                        .get("summary")
                        .isObject())
                .isTrue();
    }

    /** Runs {@code warden evaluate FILE} with standard output going to {@code out}. */
    private Run evaluateCapturingStdout(ByteArrayOutputStream out, Instant now, Path file) {
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            return run(now, "evaluate", file.toString());
        } finally {
            System.setOut(original);
        }
    }

    /** The enforcement history of a snapshot, as it stood on a date, and the ladder replayed from there. */
    JsonNode enforcementAsOf(String date) throws IOException {
        Path out = dir.resolve("history-" + date + ".json");
        Run run = run(
                Instant.parse("2030-01-01T00:00:00Z"),
                "evaluate",
                "../core/src/test/resources/snapshots/history.json",
                "--as-of",
                date,
                "-o",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return report(out);
    }

    static java.util.List<String> steps(JsonNode report, String partner) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : report.get("enforcement").get("next")) {
            if (n.get("subject").get("id").asString().equals(partner)) {
                out.add(n.get("do").asString()
                        + (n.has("case") ? " #" + n.get("case").asLong() : "")
                        + (n.has("action") ? " " + n.get("action").asString() : "")
                        + (n.has("lifts") ? " lifts " + n.get("lifts") : ""));
            }
        }
        return out;
    }

    @Test
    void replaysTheEnforcementHistoryAsOfADate() throws IOException {
        // 10 June: the hide is in effect at Fixed Co and its appeal denied; Silent Co has had its warning for 40
        // days, so the ladder's next step (hide, 30 days) is due. Fixed Co's contact is in the snapshot, so
        // replaying finds the violation gone: resolve, and lift the hide (the warning changed nothing).
        JsonNode june = enforcementAsOf("2026-06-10");
        JsonNode cases = june.get("enforcement").get("cases");
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).get("status").asString()).isEqualTo("OPEN");
        assertThat(cases.get(0).get("actions").findValuesAsString("status")).containsExactly("APPLIED", "APPLIED");
        assertThat(cases.get(0).get("outreach").asInt()).isEqualTo(1);
        assertThat(steps(june, "silent-co")).containsExactly("PROPOSE #2 HIDE_LISTING");
        assertThat(steps(june, "fixed-co")).containsExactly("RESOLVE_CASE #1", "PROPOSE_LIFT #1 lifts [2]");
        JsonNode summary = june.get("summary");
        assertThat(summary.get("cases").asInt()).isEqualTo(2);
        assertThat(summary.get("actionsInEffect").asInt()).isEqualTo(3);

        // 1 August: Fixed Co's case closed with the hide lifted; nothing more to do there.
        JsonNode august = enforcementAsOf("2026-08-01");
        assertThat(august.get("enforcement").get("cases").get(0).get("status").asString())
                .isEqualTo("CLOSED");
        assertThat(august.get("enforcement").get("cases").get(0).get("actions").findValuesAsString("status"))
                .containsExactly("APPLIED", "LIFTED", "APPLIED");
        assertThat(steps(august, "fixed-co")).isEmpty();
        assertThat(august.get("summary").get("actionsInEffect").asInt()).isEqualTo(1);

        // 30 April: no case yet; the server would open Silent Co's and propose its warning.
        JsonNode april = enforcementAsOf("2026-04-30");
        assertThat(april.get("enforcement").get("cases")).isEmpty();
        assertThat(steps(april, "silent-co")).containsExactly("OPEN_CASE", "PROPOSE WARNING");
    }
}

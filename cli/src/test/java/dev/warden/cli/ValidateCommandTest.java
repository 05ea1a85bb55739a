package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new WardenCli());
        cli.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aValidDocumentExitsZeroAndSaysWhatItHolds() throws Exception {
        Path file = dir.resolve("ok.json");
        Files.writeString(
                file,
                "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"acme\", \"name\": \"Acme\", \"tier\": \"GOLD\"}]}");

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid warden.snapshot/v1 document: 1 partners, 0 apps, 0 tickets");
    }

    @Test
    void anInvalidDocumentExitsOneListingEveryError() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(
                file, "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"acme\", \"tier\": \"TIN\"}]}");

        Run run = run("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("/partners/0/name: is required", "/partners/0/tier: must be one of");
    }

    @Test
    void anUnreadableFileOrAMissingArgumentExitsTwo() {
        assertThat(run("validate", dir.resolve("absent.json").toString()).exitCode())
                .isEqualTo(2);
        assertThat(WardenCli.run("validate")).isEqualTo(2);
        assertThat(WardenCli.run("no-such-command")).isEqualTo(2);
    }
}

package dev.warden.server.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's CI sends its artifact with {@code warden scan --upload}: the real command-line jar, as a
 * process, against a real server, with an API client's credentials in the environment.
 */
@ExtendWith(DatabaseRequirement.class)
class CliUploadIT {
    static final Path CLI =
            Path.of("../cli/target/warden-cli.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int exit, String err) {}

    static Run cli(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", CLI.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), err);
    }

    @Test
    void aPartnersCiUploadsAnArtifactAndGetsTheServersScanAsSarif() throws Exception {
        assumeThat(Files.exists(CLI))
                .as("the CLI jar is built before the server's tests")
                .isTrue();
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.polling-interval", "1s", "warden.scanning.poll-interval", "1s"))) {
            Http admin = warden.admin();
            assertThat(admin.post("/api/v1/partners", """
                            {"id": "acme", "name": "Acme", "tier": "SILVER", "securityContacts": [
                              {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                            """).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/apps", """
                            {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                             "listings": [{"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 5}]}
                            """).status()).isEqualTo(201);
            ApiClients.RegisteredClient ci = TestClients.register(
                    warden.bean(ApiClients.class),
                    "acme",
                    Permission.ARTIFACTS_UPLOAD,
                    Permission.CATALOG_READ,
                    Permission.TICKETS_READ);
            String secret = Artifacts.clientSecret(41);
            Path artifact = Files.write(
                    dir.resolve("acme-app-2.0.0.jar"),
                    Artifacts.zip(Map.of(
                            "atlassian-plugin.properties",
                            ("oauth.client.secret=" + secret + "\n").getBytes(StandardCharsets.UTF_8))));
            Map<String, String> env = Map.of(
                    "WARDEN_SERVER", "http://127.0.0.1:" + warden.port(),
                    "WARDEN_CLIENT_ID", ci.client().clientId(),
                    "WARDEN_CLIENT_SECRET", ci.clientSecret());
            Path report = dir.resolve("server.sarif");

            Run run = cli(
                    env,
                    "scan",
                    "--upload",
                    "com.acme.app",
                    "2.0.0",
                    "--format",
                    "sarif",
                    "-o",
                    report.toString(),
                    artifact.toString());

            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.err())
                    .contains("uploaded com.acme.app 2.0.0 (DATA_CENTER, SHA-256 ")
                    .contains("the server found 1 finding(s)");
            JsonNode sarif = JsonMapper.shared().readTree(Files.readString(report));
            assertThat(sarif.get("runs")
                            .get(0)
                            .get("results")
                            .get(0)
                            .get("ruleId")
                            .asString())
                    .isEqualTo("oauth-client-secret");
            assertThat(Files.readString(report)).doesNotContain(secret);

            Run again = cli(env, "scan", "--upload", "com.acme.app", "2.0.0", artifact.toString());
            assertThat(again.exit()).isEqualTo(4);
            assertThat(again.err())
                    .contains("the server refused the upload (HTTP 409)")
                    .contains("already has version");

            Map<String, String> wrong = new java.util.HashMap<>(env);
            wrong.put("WARDEN_CLIENT_SECRET", "not-the-secret");
            Run refused = cli(wrong, "scan", "--upload", "com.acme.app", "2.0.1", artifact.toString());
            assertThat(refused.exit()).isEqualTo(4);
            assertThat(refused.err()).contains("the server refused the client credentials");

            Run missing = cli(
                    Map.of("WARDEN_SERVER", "http://127.0.0.1:1"),
                    "scan",
                    "--upload",
                    "com.acme.app",
                    "2.0.1",
                    artifact.toString());
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err()).contains("WARDEN_CLIENT_ID and WARDEN_CLIENT_SECRET");
        }
    }
}

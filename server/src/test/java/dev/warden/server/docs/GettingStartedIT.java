package dev.warden.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.FreshWarden;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/getting-started.md as a reader follows it: every shell block, in order, run by bash against a
 * started Warden (its H2 database in ./data, shared with the launcher's import as the guide's commands
 * expect), with only the client id and secret the reader would paste and the server's port filled in.
 * The launcher's import shares the embedded H2 database: the H2 pass only.
 */
@ExtendWith(FirstPassOnly.class)
class GettingStartedIT {
    static final Path GUIDE = Path.of("../docs/getting-started.md");
    static final Path LAUNCHER = Path.of("../warden").toAbsolutePath().normalize();

    @Test
    void everyCommandOfTheGuideWorksAsWritten() throws Exception {
        Path home = Files.createTempDirectory("warden-guide-");
        Path data = home.resolve("data");
        String h2 = "jdbc:h2:file:" + data.resolve("warden")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0";
        try (FreshWarden warden = FreshWarden.start(Map.of(
                "warden.data-dir", data.toString(), "spring.datasource.url", h2, "warden.jobs.enabled", "false"))) {
            String text = Files.readString(GUIDE, StandardCharsets.UTF_8);
            // The client the guide has the reader register in the console, with the scopes it names.
            List<Permission> scopes = List.of(
                    Permission.SNAPSHOT_EXPORT,
                    Permission.SNAPSHOT_IMPORT,
                    Permission.CATALOG_READ,
                    Permission.CATALOG_WRITE);
            scopes.forEach(s -> assertThat(text).contains("`" + s.scope() + "`"));
            ApiClients.RegisteredClient client =
                    TestClients.register(warden.bean(ApiClients.class), null, scopes.toArray(Permission[]::new));

            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            for (String block : shellBlocks(text)) {
                for (String line : block.split("\n", -1)) {
                    if (line.startsWith("CLIENT_ID=")) {
                        line = "CLIENT_ID=" + client.client().clientId();
                    } else if (line.startsWith("CLIENT_SECRET=")) {
                        line = "CLIENT_SECRET=" + client.clientSecret();
                    }
                    script.append(line.replace("http://localhost:8080", "http://localhost:" + warden.port())
                                    .replace("./warden ", LAUNCHER + " "))
                            .append('\n');
                }
            }
            Path log = home.resolve("guide.log");
            Process bash = new ProcessBuilder("bash", "-c", script.toString())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(bash.waitFor(5, TimeUnit.MINUTES))
                    .as("the guide's commands finish")
                    .isTrue();
            assertThat(bash.exitValue())
                    .as("the guide's commands, exit status; their output:\n" + Files.readString(log))
                    .isZero();

            // What the commands were for: the export saved (not an error document), the partner created.
            JsonNode saved = JsonMapper.shared()
                    .readTree(home.resolve("marketplace.json").toFile());
            assertThat(saved.get("format").asString()).isEqualTo("warden.snapshot/v1");
            assertThat(warden.admin()
                            .get("/api/v1/partners/acme")
                            .json()
                            .get("name")
                            .asString())
                    .isEqualTo("Acme Software");
        }
    }

    /** The contents of the guide's ```sh blocks, in order. */
    static List<String> shellBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.strip().equals("```sh")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(blocks).as("shell blocks in the guide").hasSizeGreaterThanOrEqualTo(3);
        return blocks;
    }
}

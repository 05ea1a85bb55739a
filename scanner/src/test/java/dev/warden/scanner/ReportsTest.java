package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.dcToken;
import static dev.warden.scanner.Fixtures.privateKey;
import static dev.warden.scanner.Fixtures.secret;
import static dev.warden.scanner.Fixtures.utf8;
import static dev.warden.scanner.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three report formats: SARIF valid against the official schema, stable fingerprints, no secret in any. */
public class ReportsTest {
    static final String SARIF_ID =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    @TempDir
    Path dir;

    final List<String> secrets = List.of(apiToken(1), secret(2), dcToken(3), privateKey(4));

    ScanReport scanSample() throws IOException {
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("config/app.properties", utf8("client-secret=" + secrets.get(1) + "\n"));
        jar.put(
                "static/main.js",
                utf8("var t=\"" + secrets.get(0) + "\";\nfetch(u,{headers:{Authorization:'Bearer " + secrets.get(2)
                        + "'}})\n"));
        jar.put("keys/with space.pem", utf8(secrets.get(3)));
        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.write(folder.resolve("app.jar"), zip(jar));
        Files.write(folder.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2});
        return new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 2).scan(folder, Scanner.Progress.NONE);
    }

    public static Schema sarifSchema() throws IOException {
        String text;
        try (InputStream in =
                Objects.requireNonNull(ReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json"))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_4,
                b -> b.schemas(Map.of(SARIF_ID, text))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
        return registry.getSchema(SchemaLocation.of(SARIF_ID));
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws IOException {
        ScanReport report = scanSample();
        assertThat(report.findings()).hasSize(4);
        String sarif = Reports.sarif(report, BuiltInRules.all(), "0.1.0");
        JsonNode log = JsonMapper.shared().readTree(sarif);
        assertThat(sarifSchema().validate(log)).isEmpty();
        assertThat(sarifSchema().validate(JsonMapper.shared().readTree("{\"version\": \"2.1.0\", \"runs\": [{}]}")))
                .as("the schema does check: a run needs a tool")
                .isNotEmpty();

        JsonNode run = log.get("runs").get(0);
        assertThat(run.get("tool")
                        .get("driver")
                        .get("rules")
                        .valueStream()
                        .map(r -> r.get("id").asString()))
                .containsExactly(
                        "atlassian-api-token",
                        "atlassian-admin-key",
                        "dc-personal-access-token",
                        "oauth-client-secret",
                        "private-key",
                        "pat-collection",
                        "oauth-scope-unused");
        assertThat(run.get("tool")
                        .get("driver")
                        .get("rules")
                        .get(0)
                        .get("properties")
                        .get("security-severity")
                        .asString())
                .isEqualTo("9.5");
        List<String> uris = run.get("results")
                .valueStream()
                .map(r -> r.get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("artifactLocation")
                        .get("uri")
                        .asString())
                .toList();
        assertThat(uris)
                .containsExactly(
                        "app.jar!/config/app.properties",
                        "app.jar!/keys/with%20space.pem",
                        "app.jar!/static/main.js",
                        "app.jar!/static/main.js");
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("region")
                        .get("startLine")
                        .asInt())
                .isOne();
        assertThat(first.get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("region")
                        .get("startColumn")
                        .asInt())
                .isEqualTo(15);
        assertThat(run.get("invocations")
                        .get(0)
                        .get("toolExecutionNotifications")
                        .get(0)
                        .get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("artifactLocation")
                        .get("uri")
                        .asString())
                .isEqualTo("broken.zip");
    }

    @Test
    void fingerprintsStayTheSameAcrossRuns() throws IOException {
        ScanReport once = scanSample();
        ScanReport again =
                new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1).scan(dir.resolve("in"), Scanner.Progress.NONE);
        assertThat(again.findings())
                .extracting(Finding::fingerprint)
                .containsExactlyElementsOf(
                        once.findings().stream().map(Finding::fingerprint).toList())
                .doesNotHaveDuplicates();
        JsonNode a = JsonMapper.shared().readTree(Reports.sarif(once, BuiltInRules.all(), "1"));
        JsonNode b = JsonMapper.shared().readTree(Reports.sarif(again, BuiltInRules.all(), "1"));
        assertThat(a.get("runs").get(0).get("results"))
                .isEqualTo(b.get("runs").get(0).get("results"));
    }

    @Test
    void noReportEverHoldsASecret() throws IOException {
        ScanReport report = scanSample();
        for (String output :
                List.of(Reports.text(report), Reports.json(report), Reports.sarif(report, BuiltInRules.all(), "1"))) {
            for (String secret : secrets) {
                String body = secret.startsWith("-----")
                        ? secret.lines().skip(1).findFirst().orElseThrow()
                        : secret;
                assertThat(output).doesNotContain(body).doesNotContain(body.substring(6, 16));
            }
        }
    }

    @Test
    void aBaselineAcceptsWhatItListsFromJsonOrSarif() throws IOException {
        ScanReport report = scanSample();
        Finding accepted = report.findings().get(0);
        ScanReport one = new ScanReport(report.input(), List.of(accepted), 0, List.of(), 0, 0, List.of());
        for (String baseline : List.of(Reports.json(one), Reports.sarif(one, BuiltInRules.all(), "1"))) {
            ScanReport rest = Reports.apply(report, Reports.baseline(baseline));
            assertThat(rest.findings()).hasSize(3).doesNotContain(accepted);
            assertThat(rest.suppressed()).isOne();
        }
    }

    @Test
    void descriptorsAreDescribed() throws IOException {
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put("manifest.yml", utf8("""
                app:
                  id: ari:cloud:ecosystem::app/1234
                modules:
                  jira:issuePanel: []
                permissions:
                  scopes:
                    - read:jira-work
                    - write:jira-work
                  external:
                    fetch:
                      backend:
                        - https://api.example.com
                        - address: "*.vendor.example"
                remotes:
                  - key: backend
                    baseUrl: https://remote.example.com
                """));
        app.put("connect/atlassian-connect.json", utf8("""
                {"key": "com.acme.app", "baseUrl": "https://acme.example.com", "scopes": ["READ", "WRITE"],
                 "authentication": {"type": "jwt"}, "lifecycle": {"installed": "/installed", "uninstalled": "/bye"}}
                """));
        Path file = dir.resolve("app.zip");
        Files.write(file, zip(app));
        ScanReport report = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1).scan(file, Scanner.Progress.NONE);
        assertThat(report.descriptors()).hasSize(2);
        Descriptor connect = report.descriptors().get(0);
        assertThat(connect.type()).isEqualTo("connect");
        assertThat(connect.scopes()).containsExactly("READ", "WRITE");
        assertThat(connect.lifecycle()).containsEntry("installed", "/installed").containsEntry("uninstalled", "/bye");
        assertThat(connect.authentication()).isEqualTo("jwt");
        Descriptor forge = report.descriptors().get(1);
        assertThat(forge.type()).isEqualTo("forge");
        assertThat(forge.scopes()).containsExactly("read:jira-work", "write:jira-work");
        assertThat(forge.domains())
                .containsExactly("https://api.example.com", "*.vendor.example", "https://remote.example.com");
        assertThat(Reports.json(report)).contains("\"type\" : \"forge\"");
    }
}

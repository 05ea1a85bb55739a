package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.NodeTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI description as an integrator's tools read it: Redocly's CLI (recommended rules)
 * finds no error in it; no operation asks for the internal caller as a parameter; every operation has
 * a readable, unique id and says which scope it needs (or that it needs none); errors are problems.
 */
@IntegrationTest
// The description is the same whatever the database: linted once, on the H2 pass.
@org.junit.jupiter.api.extension.ExtendWith(dev.warden.server.testing.FirstPassOnly.class)
class OpenApiLintIT {
    @LocalServerPort
    int port;

    @Test
    void theDescriptionPassesRedoclysRecommendedRulesWithoutAnError() throws Exception {
        String document = new Http(port).get("/api/openapi.json").body();
        // Kept in target/ for a look at what the linter saw.
        Path file = Path.of("target/openapi.json");
        Files.writeString(file, document, StandardCharsets.UTF_8);
        Path out = Files.createTempFile("redocly", ".json");
        Process lint = new ProcessBuilder(
                        NodeTools.bin("redocly").toString(),
                        "lint",
                        "--extends=recommended",
                        "--format=json",
                        file.toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(lint.waitFor(3, TimeUnit.MINUTES)).isTrue();
        JsonNode report = JsonMapper.shared().readTree(Files.readString(out));
        assertThat(report.has("totals"))
                .as("Redocly's report: " + Files.readString(out))
                .isTrue();
        List<String> errors = new ArrayList<>();
        for (JsonNode p : report.path("problems")) {
            if (p.path("severity").asString().equals("error")) {
                errors.add(p.path("ruleId").asString() + " at "
                        + p.path("location").path(0).path("pointer").asString() + ": "
                        + p.path("message").asString());
            }
        }
        assertThat(errors).as("Redocly's errors").isEmpty();
        assertThat(report.path("totals").path("errors").asInt()).isZero();
    }

    @Test
    void operationsAreNamedScopedAndAnswerProblems() {
        JsonNode spec = new Http(port).get("/api/openapi.json").json();
        assertThat(spec.get("paths").propertyNames()).doesNotContain("/error");
        JsonNode scheme = spec.get("components").get("securitySchemes").get("clientCredentials");
        assertThat(scheme.get("flows").get("clientCredentials").get("tokenUrl").asString())
                .isEqualTo("/oauth2/token");
        assertThat(scheme.get("flows").get("clientCredentials").get("scopes").propertyNames())
                .contains("tickets:read", "integrations:manage");
        Set<String> ids = new HashSet<>();
        spec.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode o = op.getValue();
                    String where = op.getKey() + " " + path.getKey();
                    for (JsonNode p : o.path("parameters")) {
                        // The audit trail's filter by actor is a string; the caller is never a parameter.
                        assertThat(p.path("schema").path("type").asString("string"))
                                .as(where + " " + p)
                                .isNotEqualTo("object");
                        assertThat(p.path("schema").has("$ref"))
                                .as(where + " " + p)
                                .isFalse();
                    }
                    String id = o.get("operationId").asString();
                    assertThat(id).as(where).matches("[a-z][A-Za-z0-9]+").doesNotContain("_");
                    assertThat(ids.add(id)).as("unique id " + id).isTrue();
                    assertThat(o.has("security")).as(where).isTrue();
                    assertThat(o.get("responses").propertyNames().stream().anyMatch(s -> s.startsWith("4")))
                            .as(where)
                            .isTrue();
                }));
        JsonNode listApps = spec.get("paths").get("/api/v1/apps").get("get");
        assertThat(listApps.get("security")
                        .get(0)
                        .get("clientCredentials")
                        .get(0)
                        .asString())
                .isEqualTo("catalog:read");
        assertThat(listApps.get("responses").get("401").get("content").has("application/problem+json"))
                .isTrue();
        JsonNode token =
                spec.get("paths").get("/api/v1/integrations/jira/webhook").get("post");
        assertThat(token.get("security")).as("a public endpoint needs no token").isEmpty();
    }
}

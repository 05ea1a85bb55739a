package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a new user meets first: health, the OpenAPI description and its browsable UI. */
@IntegrationTest
class ServerIT {
    @LocalServerPort
    int port;

    @Test
    void reportsHealthUp() {
        Http.Response health = new Http(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void servesItsOpenApiDescriptionAndABrowsableUi() {
        Http http = new Http(port);
        Http.Response spec = http.get("/api/openapi.json");
        Http.Response ui = http.get("/api/docs");

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.json().get("info").get("title").asString()).isEqualTo("Warden API");
        assertThat(spec.json().get("paths").propertyNames())
                .contains(
                        "/api/v1/partners",
                        "/api/v1/partners/{id}",
                        "/api/v1/apps",
                        "/api/v1/apps/{key}",
                        "/api/v1/snapshot");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}

package dev.warden.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.policy.PolicyVersions;
import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PolicyApiIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    static String draft(String id, LocalDate from) {
        return PolicyVersions.resource("2026-04-15")
                .replace("id: \"2026-04-15\"", "id: \"" + id + "\"")
                .replace("effectiveFrom: 2026-04-15", "effectiveFrom: " + from);
    }

    @Test
    void theBuiltInVersionsAreListedWithTheOneInForce() {
        Http reader = TestClients.as(new Http(port), clients, null, Permission.POLICY_READ);
        JsonNode list = reader.get("/api/v1/policies").json();

        assertThat(list.valueStream()
                        .filter(p -> p.get("status").asString().equals("BUILT_IN"))
                        .map(p -> p.get("id").asString()))
                .containsExactly("2022-12-06", "2023-10-08", "2026-04-15");
        JsonNode current = reader.get("/api/v1/policies/in-force").json();
        assertThat(current.get("summary").get("id").asString()).isEqualTo("2026-04-15");
        assertThat(current.get("policy")
                        .get("remediationDays")
                        .get("CRITICAL")
                        .get("CLOUD")
                        .asInt())
                .isEqualTo(10);
        assertThat(current.get("summary").get("operatorSet").valueStream().map(JsonNode::asString))
                .contains("triage.clockStart");
        assertThat(reader.get("/api/v1/policies/in-force?at=2024-01-01T00:00:00Z")
                        .json()
                        .get("summary")
                        .get("id")
                        .asString())
                .isEqualTo("2023-10-08");
        assertThat(current.get("document").asString()).contains("remediationDays:");
    }

    @Test
    void aDraftIsCheckedCanChangeAndIsPublishedOnlyForwardAndThenNeverChanges() {
        Http admin = TestClients.admin(new Http(port), clients);
        String id = "draft-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Http.Response broken = admin.send(
                "POST", "/api/v1/policies", draft(id, today).replace("HIGH: 7.0", "HIGH: 9.5"), "application/yaml");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/severity/HIGH");
        // Longer than a stored document may be (under the request limit): refused as such, not as a clash.
        Http.Response tooLong = admin.send(
                "POST", "/api/v1/policies", draft(id, today) + "#" + "x".repeat(200_000) + "\n", "application/yaml");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("longer than 200000 characters");

        assertThat(admin.send("POST", "/api/v1/policies", draft(id, today.minusDays(1)), "application/yaml")
                        .status())
                .isEqualTo(201);
        Http reader = TestClients.as(new Http(port), clients, null, Permission.POLICY_READ);
        assertThat(reader.get("/api/v1/policies/" + id).status())
                .as("drafts are for policy managers")
                .isEqualTo(404);
        Http.Response past = admin.post("/api/v1/policies/" + id + "/publish", "");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("message").asString()).contains("must be today");

        LocalDate later = today.plusYears(3).plusDays(UUID.randomUUID().hashCode() & 0xff);
        assertThat(admin.send("PUT", "/api/v1/policies/" + id, draft(id, later), "application/yaml")
                        .status())
                .isEqualTo(200);
        Http.Response published = admin.post("/api/v1/policies/" + id + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("summary").get("status").asString()).isEqualTo("PUBLISHED");

        assertThat(admin.send("PUT", "/api/v1/policies/" + id, draft(id, later), "application/yaml")
                        .status())
                .isEqualTo(409);
        assertThat(admin.send("DELETE", "/api/v1/policies/" + id, null, null).status())
                .isEqualTo(409);
        assertThat(admin.send("PUT", "/api/v1/policies/2026-04-15", draft("2026-04-15", later), "application/yaml")
                        .status())
                .isEqualTo(409);
        assertThat(reader.get("/api/v1/policies/" + id)
                        .json()
                        .get("summary")
                        .get("status")
                        .asString())
                .isEqualTo("PUBLISHED");
        assertThat(admin.get("/api/v1/audit?action=POLICY_PUBLISHED&subjectId=" + id)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }
}

package dev.warden.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class PartnerApiIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    Http http;
    String prefix;

    @BeforeEach
    void setUp() {
        http = TestClients.admin(new Http(port), clients);
        prefix = "p" + UUID.randomUUID().toString().substring(0, 8);
    }

    String partner(String id, String name, String tier) {
        return """
                {"id": "%s", "name": "%s", "tier": "%s",
                 "securityContacts": [{"name": "Ana Lima", "email": "security@%s.example", "ecosystemAccount": true}]}
                """.formatted(id, name, tier, id);
    }

    @Test
    void aCreatedPartnerCanBeReadBackWithItsVersion() {
        Http.Response created = http.post("/api/v1/partners", partner(prefix, "Acme " + prefix, "GOLD"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/partners/" + prefix);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        Http.Response read = http.get("/api/v1/partners/" + prefix);
        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.get("tier").asString()).isEqualTo("GOLD");
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("securityContacts").get(0).get("ecosystemAccount").asBoolean())
                .isTrue();
    }

    @Test
    void creatingAnIdTwiceIsAConflict() {
        http.post("/api/v1/partners", partner(prefix, "First", "NONE"));
        Http.Response again = http.post("/api/v1/partners", partner(prefix, "Second", "NONE"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("https://warden.dev/problems/conflict");
        assertThat(http.get("/api/v1/partners/" + prefix).json().get("name").asString())
                .isEqualTo("First");
    }

    @Test
    void invalidInputNamesEveryBadFieldAndWritesNothing() {
        Http.Response response = http.post("/api/v1/partners", """
                {"id": "%s", "tier": "BRONZE", "securityContacts": [{"name": "x", "email": "not-an-email"}], "extra": 1}
                """.formatted(prefix));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://warden.dev/problems/invalid-input");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("pointer").asString()))
                .containsExactly("/extra", "/name", "/securityContacts/0/email", "/tier");
        assertThat(http.get("/api/v1/partners/" + prefix).status()).isEqualTo(404);
    }

    @Test
    void duplicateContactEmailsAreRefused() {
        Http.Response response = http.post("/api/v1/partners", """
                {"id": "%s", "name": "Dup", "tier": "NONE", "securityContacts": [
                  {"name": "A", "email": "sec@dup.example"}, {"name": "B", "email": "SEC@dup.example"}]}
                """.formatted(prefix));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/securityContacts/1/email");
    }

    @Test
    void replacingWithAStaleVersionIsRefused() {
        http.post("/api/v1/partners", partner(prefix, "Before", "SILVER"));
        Http.Response first =
                http.put("/api/v1/partners/" + prefix, partner(prefix, "After", "GOLD"), "If-Match", "\"1\"");
        Http.Response stale =
                http.put("/api/v1/partners/" + prefix, partner(prefix, "Lost update", "NONE"), "If-Match", "\"1\"");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("type").asString()).isEqualTo("https://warden.dev/problems/stale-version");
        assertThat(http.get("/api/v1/partners/" + prefix).json().get("name").asString())
                .isEqualTo("After");
    }

    @Test
    void anIdenticalReplaceKeepsTheVersion() {
        http.post("/api/v1/partners", partner(prefix, "Same", "SILVER"));
        Http.Response replaced = http.put("/api/v1/partners/" + prefix, partner(prefix, "Same", "SILVER"));

        assertThat(replaced.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void theBodyMustNameThePartnerInTheUrl() {
        http.post("/api/v1/partners", partner(prefix, "Here", "NONE"));
        Http.Response response = http.put("/api/v1/partners/" + prefix, partner(prefix + "x", "Elsewhere", "NONE"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/id");
    }

    @Test
    void listsFilterSortAndPage() {
        for (String[] p : new String[][] {{"a", "GOLD"}, {"b", "SILVER"}, {"c", "GOLD"}, {"d", "GOLD"}}) {
            http.post("/api/v1/partners", partner(prefix + "-" + p[0], "Needle " + prefix + " " + p[0], p[1]));
        }

        JsonNode firstPage = http.get("/api/v1/partners?q=needle%20" + prefix + "&tier=GOLD&size=2&sort=-name")
                .json();
        JsonNode secondPage = http.get("/api/v1/partners?q=NEEDLE%20" + prefix + "&tier=GOLD&size=2&page=1&sort=-name")
                .json();

        assertThat(firstPage.get("totalItems").asInt()).isEqualTo(3);
        assertThat(firstPage.get("totalPages").asInt()).isEqualTo(2);
        assertThat(firstPage.get("items").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(prefix + "-d", prefix + "-c");
        assertThat(secondPage.get("items").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(prefix + "-a");
    }

    @Test
    void badQueryParametersAreNamed() {
        assertThat(http.get("/api/v1/partners?size=1000")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("parameter")
                        .asString())
                .isEqualTo("size");
        assertThat(http.get("/api/v1/partners?tier=BRONZE")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("parameter")
                        .asString())
                .isEqualTo("tier");
        Http.Response badSort = http.get("/api/v1/partners?sort=colour");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().get("detail").asString()).contains("id, name, tier");
        assertThat(http.get("/api/v1/partners?page=-1").status()).isEqualTo(400);
    }

    @Test
    void unknownPartnersAndPathsAreProblems() {
        Http.Response missing = http.get("/api/v1/partners/" + prefix);
        Http.Response impossible = http.get("/api/v1/partners/NOT%20AN%20ID");
        Http.Response nowhere = http.get("/api/v1/nowhere");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("https://warden.dev/problems/not-found");
        assertThat(impossible.status()).isEqualTo(404);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().get("type").asString()).isEqualTo("https://warden.dev/problems/not-found");
    }

    @Test
    void brokenJsonAndWrongMediaTypesAreProblemsNotStackTraces() {
        Http.Response broken = http.post("/api/v1/partners", "{\"id\": \"x\",\n \"name\": }");
        Http.Response xml = http.send("POST", "/api/v1/partners", "<partner/>", "application/xml");
        Http.Response delete = http.send("DELETE", "/api/v1/partners", null, null);

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").get(0).get("message").asString()).startsWith("not valid JSON at line 2");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.json().get("type").asString()).isEqualTo("https://warden.dev/problems/unsupported-media-type");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.json().get("type").asString()).isEqualTo("https://warden.dev/problems/method-not-allowed");
        assertThat(broken.body() + xml.body() + delete.body()).doesNotContain("Exception", "at dev.warden");
    }
}

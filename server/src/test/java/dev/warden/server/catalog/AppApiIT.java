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
class AppApiIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    Http http;
    String partner;

    @BeforeEach
    void setUp() {
        http = TestClients.admin(new Http(port), clients);
        partner = "p" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/partners", "{\"id\": \"%s\", \"name\": \"Vendor\", \"tier\": \"GOLD\"}".formatted(partner));
    }

    String app(String key, String listings, String clients) {
        return """
                {"key": "%s", "name": "App %s", "partner": "%s", "firstListedOn": "2024-02-29",
                 "badges": ["CLOUD_FORTIFIED"], "listings": [%s], "oauthClients": [%s]}
                """.formatted(key, key, partner, listings, clients);
    }

    static final String CLOUD = "{\"hosting\": \"CLOUD\", \"state\": \"LISTED\", \"paid\": true, \"installs\": 250}";
    static final String DC = "{\"hosting\": \"DATA_CENTER\", \"state\": \"HIDDEN\", \"paid\": false, \"installs\": 9}";

    String client(String id) {
        return """
                {"clientId": "%s", "redirectUris": ["https://b.example/cb", "https://a.example/cb"],
                 "scopes": ["write:jira-work", "read:jira-work"], "secretStorage": "KMS",
                 "secretRotatedAt": "2026-01-31T23:59:59Z"}
                """.formatted(id);
    }

    @Test
    void anAppKeepsEveryPartAndTheOrderOfItsLists() {
        String key = "com." + partner + ".timesheets";
        Http.Response created = http.post("/api/v1/apps", app(key, CLOUD + "," + DC, client(partner + "-client")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode app = http.get("/api/v1/apps/" + key).json();
        assertThat(app.get("firstListedOn").asString()).isEqualTo("2024-02-29");
        assertThat(app.get("badges").get(0).asString()).isEqualTo("CLOUD_FORTIFIED");
        assertThat(app.get("listings")).hasSize(2);
        JsonNode client = app.get("oauthClients").get(0);
        assertThat(client.get("redirectUris").get(0).asString()).isEqualTo("https://b.example/cb");
        assertThat(client.get("scopes").get(0).asString()).isEqualTo("write:jira-work");
        assertThat(client.get("secretRotatedAt").asString()).isEqualTo("2026-01-31T23:59:59Z");
        assertThat(client.has("secret")).isFalse();
    }

    @Test
    void anAppNeedsAnExistingPartner() {
        String body = app("com.orphan." + partner, CLOUD, "").replace("\"" + partner + "\"", "\"nobody-here\"");
        Http.Response response = http.post("/api/v1/apps", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/partner");
    }

    @Test
    void aClientIdBelongsToOneAppOnly() {
        http.post("/api/v1/apps", app("com.first." + partner, CLOUD, client(partner + "-shared")));
        Http.Response second =
                http.post("/api/v1/apps", app("com.second." + partner, CLOUD, client(partner + "-shared")));

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("errors").get(0).get("message").asString())
                .isEqualTo("client '" + partner + "-shared' already belongs to app 'com.first." + partner + "'");
        assertThat(http.get("/api/v1/apps/com.second." + partner).status()).isEqualTo(404);
    }

    @Test
    void twoListingsOfOneHostingAreRefused() {
        Http.Response response = http.post("/api/v1/apps", app("com.twice." + partner, CLOUD + "," + CLOUD, ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .isEqualTo("an app has at most one listing per hosting type");
    }

    @Test
    void redirectUrisMustBeHttpsOrLocal() {
        String body = app(
                "com.http." + partner, CLOUD, client(partner + "-c").replace("https://a.example", "http://a.example"));
        Http.Response response = http.post("/api/v1/apps", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/oauthClients/0/redirectUris/1");
    }

    @Test
    void replacingAnAppReplacesItsListingsAndClients() {
        String key = "com.replace." + partner;
        http.post("/api/v1/apps", app(key, CLOUD + "," + DC, client(partner + "-old")));
        Http.Response replaced =
                http.put("/api/v1/apps/" + key, app(key, DC.replace("HIDDEN", "PAUSED"), ""), "If-Match", "\"1\"");

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode app = http.get("/api/v1/apps/" + key).json();
        assertThat(app.get("listings")).hasSize(1);
        assertThat(app.get("listings").get(0).get("state").asString()).isEqualTo("PAUSED");
        assertThat(app.get("oauthClients")).isEmpty();
        // The released client id is free for another app.
        assertThat(http.post("/api/v1/apps", app("com.reuse." + partner, CLOUD, client(partner + "-old")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void filtersApplyToOneAndTheSameListing() {
        http.post("/api/v1/apps", app("com.cloudhidden." + partner, CLOUD.replace("LISTED", "HIDDEN"), ""));
        http.post("/api/v1/apps", app("com.mixed." + partner, CLOUD + "," + DC, ""));
        http.post("/api/v1/apps", app("com.freecloud." + partner, CLOUD.replace("true", "false"), ""));

        JsonNode hiddenCloud = http.get("/api/v1/apps?partner=" + partner + "&hosting=CLOUD&state=HIDDEN")
                .json();
        JsonNode paidCloud = http.get("/api/v1/apps?partner=" + partner + "&hosting=CLOUD&paid=true&sort=-key")
                .json();
        JsonNode fortified = http.get("/api/v1/apps?partner=" + partner + "&badge=CLOUD_FORTIFIED")
                .json();

        assertThat(hiddenCloud.get("items").valueStream().map(a -> a.get("key").asString()))
                .containsExactly("com.cloudhidden." + partner);
        assertThat(paidCloud.get("items").valueStream().map(a -> a.get("key").asString()))
                .containsExactly("com.mixed." + partner, "com.cloudhidden." + partner);
        assertThat(fortified.get("totalItems").asInt()).isEqualTo(3);
        assertThat(http.get("/api/v1/apps?partner=Not%20Valid").status()).isEqualTo(400);
    }
}

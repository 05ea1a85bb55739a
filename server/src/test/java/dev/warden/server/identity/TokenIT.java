package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The client-credentials grant and what its tokens may do (RFC 6749 section 4.4 and 5.2). */
@IntegrationTest
class TokenIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    SigningKeys keys;

    @Autowired
    SecuritySettings settings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientGetsAShortLivedTokenThatCarriesItsScopes() {
        ApiClients.RegisteredClient c =
                TestClients.register(clients, null, Permission.CATALOG_READ, Permission.AUDIT_READ);
        Http.Response response = http.form(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                basic(c.client().clientId(), c.clientSecret()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        assertThat(body.get("scope").asString()).isEqualTo("audit:read catalog:read");
        Http authed = http.withBearer(body.get("access_token").asString());
        JsonNode me = authed.get("/api/v1/me").json();
        assertThat(me.get("kind").asString()).isEqualTo("CLIENT");
        assertThat(me.get("id").asString()).isEqualTo(c.client().clientId());
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(200);
        assertThat(authed.post("/api/v1/partners", "{}").status())
                .as("no catalog:write")
                .isEqualTo(403);
    }

    @Test
    void credentialsMayComeInTheFormAndScopesMayBeNarrowed() {
        ApiClients.RegisteredClient c =
                TestClients.register(clients, null, Permission.CATALOG_READ, Permission.AUDIT_READ);
        Http.Response response = http.form(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        c.client().clientId(),
                        "client_secret",
                        c.clientSecret(),
                        "scope",
                        "audit:read"));

        assertThat(response.json().get("scope").asString()).isEqualTo("audit:read");
        Http authed = http.withBearer(response.json().get("access_token").asString());
        assertThat(authed.get("/api/v1/audit").status()).isEqualTo(200);
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(403);
    }

    @Test
    void badRequestsGetTheRfcErrorCodes() {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        String auth = basic(c.client().clientId(), c.clientSecret());

        Http.Response wrongSecret = http.form(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                basic(c.client().clientId(), "nope"));
        Http.Response unknown = http.form(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                basic("wc_nobody", "nope"));
        Http.Response grant = http.form("/oauth2/token", Map.of("grant_type", "password"), "Authorization", auth);
        Http.Response scope = http.form(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "users:manage"),
                "Authorization",
                auth);
        Http.Response none = http.form("/oauth2/token", Map.of("grant_type", "client_credentials"));

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(wrongSecret.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(unknown.body()).isEqualTo(wrongSecret.body());
        assertThat(grant.json().get("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(scope.json().get("error").asString()).isEqualTo("invalid_scope");
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void aRevokedClientsTokenStopsWorkingAtOnce() {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        Http authed = http.withBearer(TestClients.token(http, c.client().clientId(), c.clientSecret()));
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(200);

        clients.revoke(c.client().clientId(), Actor.system("test"));

        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(401);
        assertThat(http.form(
                                "/oauth2/token",
                                Map.of("grant_type", "client_credentials"),
                                "Authorization",
                                basic(c.client().clientId(), c.clientSecret()))
                        .status())
                .isEqualTo(401);
    }

    /**
     * What a node read of a client is kept a few seconds (another node's revocation, here a change
     * behind Warden's back, shows once that time is over), and dropped at once by a revocation here.
     */
    @Test
    void aClientIsKeptForAFewSecondsUnlessRevokedHere() throws InterruptedException {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        Http authed = http.withBearer(TestClients.token(http, c.client().clientId(), c.clientSecret()));
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(200);
        jdbc.sql("update api_clients set enabled = false where client_id = :id")
                .param("id", c.client().clientId())
                .update();
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(200);
        long until = System.nanoTime() + 15_000_000_000L;
        while (authed.get("/api/v1/partners").status() != 401 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(authed.get("/api/v1/partners").status()).isEqualTo(401);
    }

    @Test
    void repeatedWrongSecretsMakeTheAddressWait() {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        for (int i = 0; i <= settings.maxFailures(); i++) {
            http.form(
                    "/oauth2/token",
                    Map.of("grant_type", "client_credentials"),
                    "Authorization",
                    basic(c.client().clientId(), "wrong-" + i));
        }
        Http.Response right = http.form(
                "/oauth2/token",
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                basic(c.client().clientId(), c.clientSecret()));

        assertThat(right.status()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void rotatingTheSecretRetiresTheOldOne() {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        ApiClients.RegisteredClient rotated = clients.rotateSecret(c.client().clientId(), Actor.system("test"));

        assertThat(http.form(
                                "/oauth2/token",
                                Map.of("grant_type", "client_credentials"),
                                "Authorization",
                                basic(c.client().clientId(), c.clientSecret()))
                        .status())
                .isEqualTo(401);
        assertThat(TestClients.token(http, c.client().clientId(), rotated.clientSecret()))
                .isNotBlank();
    }

    @Test
    void expiredForgedAndMissingTokensAreRefused() {
        ApiClients.RegisteredClient c = TestClients.register(clients, null, Permission.CATALOG_READ);
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AccessTokens(keys, settings, anHourAgo)
                .issue(c.client(), c.client().scopes())
                .token();
        String valid = TestClients.token(http, c.client().clientId(), c.clientSecret());
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"sub\":\"x\",\"scope\":\"users:manage\",\"iss\":\"warden\",\"aud\":\"warden-api\"}"
                                        .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(http.withBearer(expired).get("/api/v1/partners").status()).isEqualTo(401);
        assertThat(http.withBearer(forged).get("/api/v1/partners").status()).isEqualTo(401);
        assertThat(http.withBearer("not-a-jwt-" + UUID.randomUUID())
                        .get("/api/v1/partners")
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/partners").status()).isEqualTo(401);
        assertThat(http.withBearer(valid).get("/api/v1/partners").status()).isEqualTo(200);
    }

    @Test
    void aPartnersClientCannotBeGivenOperatorScopes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TestClients.register(clients, "no-such-partner", Permission.CATALOG_READ))
                .hasMessageContaining("/partner");
    }
}

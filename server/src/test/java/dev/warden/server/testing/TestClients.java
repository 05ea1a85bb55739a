package dev.warden.server.testing;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Registers API clients in a test application and gets their tokens over HTTP, as a real client would. */
public final class TestClients {
    private TestClients() {}

    /** A client with these scopes (for {@code partner} if given), authenticated; requests carry its token. */
    public static Http as(Http http, ApiClients clients, @Nullable String partner, Permission... scopes) {
        ApiClients.RegisteredClient registered = register(clients, partner, scopes);
        return http.withBearer(token(http, registered.client().clientId(), registered.clientSecret()));
    }

    /** Everything an operator's administrator may do. */
    public static Http admin(Http http, ApiClients clients) {
        return as(http, clients, null, Permission.values());
    }

    public static ApiClients.RegisteredClient register(
            ApiClients clients, @Nullable String partner, Permission... scopes) {
        return clients.register(
                new ApiClients.NewClient(
                        "test client",
                        Arrays.stream(scopes).map(Permission::scope).toList(),
                        partner),
                Actor.system("test"));
    }

    public static String token(Http http, String clientId, String secret) {
        String basic = Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Http.Response response = http.form(
                "/oauth2/token",
                java.util.Map.of("grant_type", "client_credentials"),
                "Authorization",
                "Basic " + basic);
        if (response.status() != 200) {
            throw new AssertionError("no token: " + response);
        }
        return response.json().get("access_token").asString();
    }
}

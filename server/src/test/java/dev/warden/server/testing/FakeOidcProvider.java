package dev.warden.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider for tests, speaking the real protocol (discovery, authorization code
 * flow, RS256 ID tokens, JWKS, userinfo) on a local port: the stand-in for a company's identity
 * provider, which cannot run here. It signs in whoever {@link #signInAs} names, approving at once.
 */
public final class FakeOidcProvider implements AutoCloseable {
    public static final String CLIENT_ID = "warden-test";
    public static final String CLIENT_SECRET = "test-secret";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    private volatile String email = "nobody@example.org";
    private volatile boolean verified = true;

    public FakeOidcProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://localhost:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", x -> send(x, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext(
                "/userinfo",
                x -> send(
                        x,
                        200,
                        "{\"sub\": \"" + email + "\", \"email\": \"" + email + "\", \"email_verified\": " + verified
                                + "}"));
        server.start();
    }

    public String issuer() {
        return issuer;
    }

    /** Who the next sign-in is, and whether the provider vouches for the email. */
    public void signInAs(String email, boolean verified) {
        this.email = email;
        this.verified = verified;
    }

    /** Spring Boot properties registering this provider as {@code corp}. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.security.oauth2.client.registration.corp.client-id", CLIENT_ID);
        p.put("spring.security.oauth2.client.registration.corp.client-secret", CLIENT_SECRET);
        p.put("spring.security.oauth2.client.registration.corp.scope", "openid,email");
        p.put("spring.security.oauth2.client.registration.corp.provider", "corp");
        p.put("spring.security.oauth2.client.provider.corp.issuer-uri", issuer);
        return p;
    }

    private void discovery(HttpExchange x) throws IOException {
        send(x, 200, """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "userinfo_endpoint": "%1$s/userinfo", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                 "scopes_supported": ["openid", "email"], "token_endpoint_auth_methods_supported": ["client_secret_basic"]}
                """.formatted(issuer));
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        nonces.put(code, q.getOrDefault("nonce", ""));
        String location = q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String nonce = nonces.remove(form.getOrDefault("code", ""));
        if (nonce == null) {
            send(x, 400, "{\"error\": \"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(email)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("email", email)
                .claim("email_verified", verified);
        if (!nonce.isEmpty()) {
            claims.claim("nonce", nonce);
        }
        SignedJWT idToken = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            idToken.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        send(
                x,
                200,
                "{\"access_token\": \"at-" + UUID.randomUUID() + "\", \"token_type\": \"Bearer\", \"expires_in\": 300,"
                        + " \"scope\": \"openid email\", \"id_token\": \"" + idToken.serialize() + "\"}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, String json) {
        try {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

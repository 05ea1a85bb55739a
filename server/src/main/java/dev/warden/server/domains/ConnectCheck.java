package dev.warden.server.domains;

import dev.warden.server.scanning.ScannedDescriptors;
import dev.warden.server.shared.Hmac;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jspecify.annotations.Nullable;

/**
 * The Connect checks of an app's base URL (docs/policy section 3): JWT is the authentication type; the
 * app refuses lifecycle callbacks carrying an unsigned JWT ({@code alg: none}), one signed with a secret
 * it never issued, an expired one, and one whose query hash ({@code qsh}) is for another request; and it
 * refuses an install callback that is not signed. Non-intrusive: at most five POSTs per check to the
 * callbacks the descriptor declares, each naming a client key that no tenant has ({@code warden-probe-…})
 * and saying what it is; a 2xx answer means the app accepted it.
 */
final class ConnectCheck {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> JWT_CALLBACKS = List.of("enabled", "disabled", "uninstalled");

    private final SSLContext tls;
    private final HostPacer pacer;
    private final DomainSettings settings;
    private final Clock clock;

    ConnectCheck(SSLContext tls, HostPacer pacer, DomainSettings settings, Clock clock) {
        this.tls = tls;
        this.pacer = pacer;
        this.settings = settings;
        this.clock = clock;
    }

    Map<EndpointCheck.Aspect, EndpointCheck.Result> check(
            String host, List<InetAddress> addresses, ScannedDescriptors.Declared connect) {
        Map<EndpointCheck.Aspect, EndpointCheck.Result> out = new EnumMap<>(EndpointCheck.Aspect.class);
        String auth = connect.authentication();
        out.put(
                EndpointCheck.Aspect.CONNECT_AUTH,
                "jwt".equals(auth)
                        ? new EndpointCheck.Result(
                                EndpointCheck.Status.OK, "the descriptor's authentication type is jwt")
                        : new EndpointCheck.Result(
                                EndpointCheck.Status.FAILING,
                                "the descriptor's authentication type is " + (auth == null ? "not given" : auth)
                                        + ", not jwt"));
        try (CloseableHttpClient client = PinnedHttp.to(host, addresses, settings.httpTimeout(), tls)) {
            out.put(EndpointCheck.Aspect.CONNECT_JWT, jwt(client, host, connect));
            out.put(EndpointCheck.Aspect.CONNECT_INSTALL, install(client, host, connect));
        } catch (IOException e) {
            out.putIfAbsent(EndpointCheck.Aspect.CONNECT_JWT, incomplete(e));
            out.putIfAbsent(EndpointCheck.Aspect.CONNECT_INSTALL, incomplete(e));
        }
        return out;
    }

    private EndpointCheck.Result jwt(CloseableHttpClient client, String host, ScannedDescriptors.Declared d) {
        String event = JWT_CALLBACKS.stream()
                .filter(d.lifecycle()::containsKey)
                .findFirst()
                .orElse("");
        URI target = event.isEmpty() ? null : callback(host, d, event);
        if (target == null) {
            return new EndpointCheck.Result(
                    EndpointCheck.Status.INCOMPLETE, "no JWT-authenticated lifecycle callback on this host to ask");
        }
        Instant now = clock.instant();
        String clientKey = "warden-probe-" + UUID.randomUUID();
        String qsh = qsh("POST", target.getRawPath());
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("an unsigned JWT (alg none)", unsigned(clientKey, now, qsh));
        tokens.put("a JWT signed with a secret it never issued", hs256(clientKey, now, now.plusSeconds(180), qsh));
        tokens.put("an expired JWT", hs256(clientKey, now.minusSeconds(7200), now.minusSeconds(3600), qsh));
        tokens.put(
                "a JWT for another request (wrong qsh)", hs256(clientKey, now, now.plusSeconds(180), qsh("GET", "/")));
        List<String> accepted = new ArrayList<>();
        try {
            for (Map.Entry<String, String> t : tokens.entrySet()) {
                int status = post(client, host, target, body(d, clientKey, event), t.getValue());
                if (status >= 200 && status < 300) {
                    accepted.add(t.getKey());
                }
            }
        } catch (IOException e) {
            return incomplete(e);
        }
        String where = "POST " + target.getRawPath() + " (" + event + ")";
        return accepted.isEmpty()
                ? new EndpointCheck.Result(EndpointCheck.Status.OK, where + " refused every forged JWT")
                : new EndpointCheck.Result(
                        EndpointCheck.Status.FAILING, where + " accepted " + String.join(", ", accepted));
    }

    private EndpointCheck.Result install(CloseableHttpClient client, String host, ScannedDescriptors.Declared d) {
        URI target = d.lifecycle().containsKey("installed") ? callback(host, d, "installed") : null;
        if (target == null) {
            return new EndpointCheck.Result(EndpointCheck.Status.INCOMPLETE, "no install callback on this host to ask");
        }
        String clientKey = "warden-probe-" + UUID.randomUUID();
        try {
            int status = post(client, host, target, body(d, clientKey, "installed"), null);
            return status >= 200 && status < 300
                    ? new EndpointCheck.Result(
                            EndpointCheck.Status.FAILING,
                            "POST " + target.getRawPath() + " accepted an install callback without a signature (HTTP "
                                    + status + ")")
                    : new EndpointCheck.Result(
                            EndpointCheck.Status.OK,
                            "POST " + target.getRawPath() + " refused an unsigned install callback (HTTP " + status
                                    + ")");
        } catch (IOException e) {
            return incomplete(e);
        }
    }

    /** The callback's URL, if it is on the checked host (relative to the base URL, or absolute there). */
    private static @Nullable URI callback(String host, ScannedDescriptors.Declared d, String event) {
        try {
            URI base = URI.create(String.valueOf(d.baseUrl()).replaceAll("/*$", "/"));
            String path = d.lifecycle().getOrDefault(event, "");
            URI u = base.resolve(path.startsWith("/") ? path.substring(1) : path);
            return host.equalsIgnoreCase(u.getHost()) && "https".equalsIgnoreCase(u.getScheme()) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private int post(CloseableHttpClient client, String host, URI target, String json, @Nullable String jwt)
            throws IOException {
        pacer.await(host);
        int port = settings.httpsPort();
        HttpPost post = new HttpPost("https://" + host + ":" + port + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        if (jwt != null) {
            post.setHeader("Authorization", "JWT " + jwt);
        }
        return client.execute(post, response -> response.getCode());
    }

    private static String body(ScannedDescriptors.Declared d, String clientKey, String event) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "{\"key\":" + quote(d.key() == null ? "" : d.key()) + ",\"clientKey\":" + quote(clientKey)
                + ",\"sharedSecret\":" + quote(HexFormat.of().formatHex(secret))
                + ",\"baseUrl\":\"https://warden-probe.invalid\",\"productType\":\"jira\",\"eventType\":"
                + quote(event) + ",\"description\":\"Warden security check: this request must be refused\"}";
    }

    /** The query string hash of Atlassian Connect: SHA-256 of METHOD&path&canonical-query. */
    static String qsh(String method, String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((method.toUpperCase(Locale.ROOT) + "&" + (path.isEmpty() ? "/" : path) + "&")
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String claims(String clientKey, Instant iat, Instant exp, String qsh) {
        return "{\"iss\":" + quote(clientKey) + ",\"iat\":" + iat.getEpochSecond() + ",\"exp\":" + exp.getEpochSecond()
                + ",\"qsh\":" + quote(qsh) + "}";
    }

    static String unsigned(String clientKey, Instant now, String qsh) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(clientKey, now, now.plusSeconds(180), qsh))
                + ".";
    }

    static String hs256(String clientKey, Instant iat, Instant exp, String qsh) {
        String signing = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims(clientKey, iat, exp, qsh));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return signing + "." + B64.encodeToString(Hmac.sha256(secret, signing.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(s);
    }

    private static EndpointCheck.Result incomplete(IOException e) {
        return new EndpointCheck.Result(EndpointCheck.Status.INCOMPLETE, "the app did not answer: " + e.getMessage());
    }
}

package dev.warden.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests to the server on its port, JSON in and out. A
 * {@link #browser} keeps cookies and does not follow redirects, like a person's session; a
 * {@link #withBearer} client sends an access token with every request.
 */
public final class Http {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    private final List<String> defaults;
    private final @Nullable Map<String, String> cookies;

    public Http(int port) {
        this("http://localhost:" + port, List.of(), null, HttpClient.Redirect.NORMAL);
    }

    private Http(
            String base, List<String> defaults, @Nullable Map<String, String> cookies, HttpClient.Redirect redirect) {
        this.base = base;
        this.defaults = List.copyOf(defaults);
        this.cookies = cookies;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(redirect)
                .build();
    }

    /**
     * A client like a browser: it keeps cookies (even Secure ones, over plain HTTP) and shows redirects.
     * Like a browser, it may send several requests at once.
     */
    public static Http browser(int port) {
        return new Http(
                "http://localhost:" + port,
                List.of(),
                Collections.synchronizedMap(new LinkedHashMap<>()),
                HttpClient.Redirect.NEVER);
    }

    /** The same server, sending {@code Authorization: Bearer token} with every request. */
    public Http withBearer(String token) {
        List<String> headers = new ArrayList<>(defaults);
        headers.add("Authorization");
        headers.add("Bearer " + token);
        return new Http(base, headers, cookies, HttpClient.Redirect.NORMAL);
    }

    /** The same server and cookies, sending one more header with every request. */
    public Http withHeader(String name, String value) {
        List<String> headers = new ArrayList<>(defaults);
        headers.add(name);
        headers.add(value);
        return new Http(
                base, headers, cookies, cookies == null ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    }

    /** The same cookies and headers, sent to another server (another node of the same Warden). */
    public Http onPort(int port) {
        return new Http(
                "http://localhost:" + port,
                defaults,
                cookies,
                cookies == null ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    }

    public String base() {
        return base;
    }

    /** The {@code Authorization} header this client sends, for a request made by hand. */
    public String authorization() {
        for (int i = 0; i + 1 < defaults.size(); i += 2) {
            if (defaults.get(i).equalsIgnoreCase("Authorization")) {
                return defaults.get(i + 1);
            }
        }
        throw new IllegalStateException("this client sends no Authorization header");
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The CSRF token of the first form on the page. */
        public String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF token on the page: " + body);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, json, "application/json", headers);
    }

    /** A form post, as a browser sends it. */
    public Response form(String path, Map<String, String> fields, String... headers) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send("POST", path, body.toString(), "application/x-www-form-urlencoded", headers);
    }

    /**
     * A multipart form post, as a browser or {@code curl -F} sends it: text fields, then one file (if
     * {@code fileName} is not null). A field whose value is a JSON object is sent as an
     * {@code application/json} part, as {@code curl -F 'name={...};type=application/json'} does.
     */
    public Response multipart(
            String path, Map<String, String> fields, @Nullable String fileName, byte[] content, String... headers) {
        String boundary = "----warden-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                        + "\"\r\n" + (v.strip().startsWith("{") ? "Content-Type: application/json\r\n" : "") + "\r\n"
                        + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return sendBody(
                "POST",
                path,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary,
                headers);
    }

    public Response send(
            String method, String path, @Nullable String body, @Nullable String contentType, String... headers) {
        return sendBody(
                method,
                path,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                contentType,
                headers);
    }

    public Response sendBody(
            String method,
            String path,
            HttpRequest.BodyPublisher body,
            @Nullable String contentType,
            String... headers) {
        // An absolute URL reaches another site (an identity provider) with the same cookie jar.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        List<String> all = new ArrayList<>(defaults);
        all.addAll(List.of(headers));
        if (contentType != null) {
            all.add("Content-Type");
            all.add(contentType);
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            request.header(all.get(i), all.get(i + 1));
        }
        if (cookies != null && !cookies.isEmpty()) {
            StringBuilder cookie = new StringBuilder();
            cookies.forEach((k, v) -> cookie.append(cookie.length() == 0 ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(v));
            request.header("Cookie", cookie.toString());
        }
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (cookies != null) {
                for (String set : response.headers().allValues("Set-Cookie")) {
                    String pair = set.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        cookies.put(
                                pair.substring(0, eq).trim(),
                                pair.substring(eq + 1).trim());
                    }
                }
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

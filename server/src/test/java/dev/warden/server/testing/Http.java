package dev.warden.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: real requests to the server on its port, JSON in and out. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
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

    public Response send(
            String method, String path, @Nullable String body, @Nullable String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(headers));
        if (contentType != null) {
            all.add("Content-Type");
            all.add(contentType);
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            request.header(all.get(i), all.get(i + 1));
        }
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

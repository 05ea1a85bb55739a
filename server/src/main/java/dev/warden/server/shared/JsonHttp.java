package dev.warden.server.shared;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON API of another product (Jira, Bugcrowd) called as a server integration: the address checked by
 * the outbound guard before each call, redirects not followed, a timeout on every call, JSON in and
 * out. Every failure is a {@link Failure} that says whether trying again may work: 429, 5xx and no
 * answer may (after {@code Retry-After} when the product gave one), anything else will not. What the
 * product answered is kept short in the message, and the credentials never are.
 */
public final class JsonHttp {
    private static final int KEEP_OF_ANSWER = 300;

    /**
     * The product did not do what was asked: its HTTP status (0 when it never answered), whether trying
     * again may work, and how long it asked us to wait.
     */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        public final int status;
        public final boolean retryable;
        public final @Nullable Duration retryAfter;

        public Failure(String message, int status, boolean retryable, @Nullable Duration retryAfter) {
            super(message);
            this.status = status;
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }
    }

    private final HttpClient http;
    private final OutboundAddresses guard;
    private final String product;
    private final Duration timeout;

    /** A client for one product, named in its messages ("Jira answered 404"). */
    public JsonHttp(HttpClient http, OutboundAddresses guard, String product, Duration timeout) {
        this.http = http;
        this.guard = guard;
        this.product = product;
        this.timeout = timeout;
    }

    /** An HTTP client for integrations: a short connect timeout, redirects never followed. */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends one request; the answer's JSON, or a missing node when it has no body. */
    public JsonNode send(String method, URI uri, Map<String, String> headers, @Nullable JsonNode body) throws Failure {
        String path = uri.getRawPath();
        try {
            guard.check(uri);
        } catch (OutboundAddresses.Refused e) {
            throw new Failure("the " + product + " address is refused: " + e.getMessage(), 0, true, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    JsonMapper.shared().writeValueAsString(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Failure(method + " " + path + ": no answer within " + timeout.toSeconds() + " s", 0, true, null);
        } catch (IOException e) {
            throw new Failure(method + " " + path + ": could not connect: " + e, 0, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", 0, true, null);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            if (text.isBlank()) {
                return JsonMapper.shared().missingNode();
            }
            try {
                return JsonMapper.shared().readTree(text);
            } catch (JacksonException e) {
                throw new Failure(
                        method + " " + path + ": " + product + " answered " + status + " with a body that is not JSON",
                        status,
                        false,
                        null);
            }
        }
        boolean retryable = status == 429 || status >= 500;
        Duration wait = retryable
                ? retryAfter(response.headers().firstValue("retry-after").orElse(null))
                : null;
        String said = text.isBlank() ? "" : ": " + clip(text.strip());
        throw new Failure(method + " " + path + ": " + product + " answered " + status + said, status, retryable, wait);
    }

    /** The wait asked for, in seconds (at most an hour); null when none or nothing readable was given. */
    public static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return null; // an HTTP date is allowed too; the products send seconds, and our own pause serves otherwise
        }
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > KEEP_OF_ANSWER ? one.substring(0, KEEP_OF_ANSWER) + "…" : one;
    }
}

package dev.warden.server.jira;

import dev.warden.server.shared.OutboundAddresses;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira Cloud's REST API v3 as one service account sees it: basic authentication with the account's
 * email and API token, JSON in and out, the site's address checked by the outbound guard before each
 * call, redirects not followed. Every failure is a {@link JiraException}: 429 and 5xx and no answer are
 * worth trying again (after {@code Retry-After} when Jira gave one), anything else is not.
 */
final class JiraClient {
    private static final int KEEP_OF_ANSWER = 300;

    private final HttpClient http;
    private final OutboundAddresses guard;
    private final URI site;
    private final String authorization;
    private final Duration timeout;

    JiraClient(HttpClient http, OutboundAddresses guard, URI site, String email, String apiToken, Duration timeout) {
        this.http = http;
        this.guard = guard;
        this.site = site;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** A path segment, encoded: an issue key or id, a project key. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path, Map<String, String> query) throws JiraException {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return call("GET", path + q, null);
    }

    JsonNode post(String path, JsonNode body) throws JiraException {
        return call("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) throws JiraException {
        return call("PUT", path, body);
    }

    private JsonNode call(String method, String pathAndQuery, @Nullable JsonNode body) throws JiraException {
        URI uri = site.resolve(pathAndQuery);
        try {
            guard.check(uri);
        } catch (OutboundAddresses.Refused e) {
            throw new JiraException("the Jira site's address is refused: " + e.getMessage(), 0, true, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("authorization", authorization)
                .header("accept", "application/json")
                .header("user-agent", "Warden-Jira/1");
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
            throw new JiraException(
                    method + " " + path(pathAndQuery) + ": no answer within " + timeout.toSeconds() + " s",
                    0,
                    true,
                    null);
        } catch (IOException e) {
            throw new JiraException(method + " " + path(pathAndQuery) + ": could not connect: " + e, 0, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JiraException("interrupted", 0, true, null);
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
                throw new JiraException(
                        method + " " + path(pathAndQuery) + ": Jira answered " + status
                                + " with a body that is not JSON",
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
        throw new JiraException(
                method + " " + path(pathAndQuery) + ": Jira answered " + status + said, status, retryable, wait);
    }

    /** The wait Jira asked for, in seconds (at most an hour); null when it said none or nothing readable. */
    static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return null; // an HTTP date is allowed too; Jira sends seconds, and our own pause serves otherwise
        }
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > KEEP_OF_ANSWER ? one.substring(0, KEEP_OF_ANSWER) + "…" : one;
    }
}

package dev.warden.server.jira;

import dev.warden.server.shared.JsonHttp;
import dev.warden.server.shared.OutboundAddresses;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Jira Cloud's REST API v3 as one service account sees it: basic authentication with the account's
 * email and API token, JSON in and out, through {@link JsonHttp} (the site's address checked before
 * each call, redirects not followed). Every failure is a {@link JiraException}: 429 and 5xx and no
 * answer are worth trying again (after {@code Retry-After} when Jira gave one), anything else is not.
 */
final class JiraClient {
    private final JsonHttp json;
    private final URI site;
    private final Map<String, String> headers;

    JiraClient(HttpClient http, OutboundAddresses guard, URI site, String email, String apiToken, Duration timeout) {
        this.json = new JsonHttp(http, guard, "Jira", timeout);
        this.site = site;
        this.headers = Map.of(
                "authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8)),
                "accept",
                "application/json",
                "user-agent",
                "Warden-Jira/1");
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
        try {
            return json.send(method, site.resolve(pathAndQuery), headers, body);
        } catch (JsonHttp.Failure f) {
            throw new JiraException(String.valueOf(f.getMessage()), f.status, f.retryable, f.retryAfter);
        }
    }
}

package dev.warden.server.bugcrowd;

import dev.warden.server.shared.JsonHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Bugcrowd's REST API (JSON:API, v4) as one API token sees it: {@code Authorization: Token
 * <username>:<password>}, the v4 media type, and the API version pinned with {@code Bugcrowd-Version}.
 * Bugcrowd allows 60 requests a minute from an address, so requests are spaced by an interval (one
 * second by default); a 429 or 503 answer is waited out for as long as {@code Retry-After} asks (or the
 * interval times the attempt when it says nothing), within a budget for the whole pull, then tried again.
 */
final class BugcrowdClient {
    static final String MEDIA_TYPE = "application/vnd.bugcrowd.v4+json";
    private static final int ATTEMPTS = 20;

    /** Waits; a test's clock may replace it. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final JsonHttp json;
    private final URI api;
    private final Map<String, String> headers;
    private final Duration interval;
    private final Sleeper sleeper;
    private Duration waitBudget;
    private long lastRequestNanos;
    private int throttled;

    BugcrowdClient(
            JsonHttp json,
            URI api,
            String token,
            String version,
            Duration interval,
            Duration waitBudget,
            Sleeper sleeper) {
        this.json = json;
        this.api = api;
        this.headers = Map.of(
                "authorization",
                "Token " + token,
                "accept",
                MEDIA_TYPE,
                "bugcrowd-version",
                version,
                "user-agent",
                "Warden-Bugcrowd/1");
        this.interval = interval;
        this.waitBudget = waitBudget;
        this.sleeper = sleeper;
    }

    /** How many answers asked Warden to slow down (429 or 503) so far. */
    int throttled() {
        return throttled;
    }

    /** A GET of a path with its query parameters (names such as {@code filter[program]} are encoded). */
    JsonNode get(String path, Map<String, String> query) throws JsonHttp.Failure {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        URI uri = api.resolve(api.getRawPath().replaceAll("/+$", "") + path + q);
        for (int attempt = 1; ; attempt++) {
            pace();
            try {
                return json.send("GET", uri, headers, null);
            } catch (JsonHttp.Failure f) {
                boolean slowDown = f.status == 429 || f.status == 503;
                if (!slowDown || attempt >= ATTEMPTS) {
                    throw f;
                }
                throttled++;
                Duration wait = f.retryAfter != null ? f.retryAfter : interval.multipliedBy(attempt);
                if (wait.compareTo(waitBudget) > 0) {
                    throw new JsonHttp.Failure(
                            f.getMessage() + " (asked to wait " + wait.toSeconds() + " s; the pull gives up for now)",
                            f.status,
                            true,
                            f.retryAfter);
                }
                waitBudget = waitBudget.minus(wait);
                sleep(wait);
            }
        }
    }

    private void pace() throws JsonHttp.Failure {
        long since = System.nanoTime() - lastRequestNanos;
        if (lastRequestNanos != 0 && since < interval.toNanos()) {
            sleep(Duration.ofNanos(interval.toNanos() - since));
        }
        lastRequestNanos = System.nanoTime();
    }

    private void sleep(Duration d) throws JsonHttp.Failure {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsonHttp.Failure("interrupted", 0, true, null);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

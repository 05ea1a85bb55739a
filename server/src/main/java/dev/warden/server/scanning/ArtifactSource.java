package dev.warden.server.scanning;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Pulls an artifact from the marketplace's artifact source ({@code warden.scanning.source}): the URL
 * template filled in for the version, redirects followed by hand up to the limit (http and https
 * only, a loop fails at once), the whole download bounded in time (a server that sends a byte a
 * minute is cut off) and in size (a declared length over the limit is refused before the body).
 */
@Component
class ArtifactSource {
    /** A pull that did not bring an artifact; the message says why, for a person. */
    static final class PullFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        PullFailedException(String message) {
            super(message);
        }
    }

    private final ScanningSettings.Source source;
    private final ArtifactStore store;
    private final HttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warden-pull-deadline");
        t.setDaemon(true);
        return t;
    });

    ArtifactSource(ScanningSettings settings, ArtifactStore store) {
        this.source = settings.source();
        this.store = store;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.source().timeout())
                .build();
    }

    boolean configured() {
        return source.configured();
    }

    /** The address of a version's artifact: the template with each placeholder URL-encoded. */
    URI urlFor(String app, String version, @org.jspecify.annotations.Nullable Long buildNumber, String hosting) {
        String template = java.util.Objects.requireNonNull(source.urlTemplate(), "no artifact source");
        Map<String, String> values = Map.of(
                "app", app,
                "version", version,
                "buildNumber", buildNumber == null ? "" : buildNumber.toString(),
                "hosting", hosting);
        String url = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            url = url.replace("{" + v.getKey() + "}", URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(url);
    }

    /**
     * What a pull brought: the stored artifact and the name it came with (the Content-Disposition
     * file name, or the last part of the address it was finally fetched from), if any.
     */
    record Pulled(
            ArtifactStore.Stored stored,
            @org.jspecify.annotations.Nullable String name) {}

    /** Downloads {@code url} into the store. */
    Pulled pull(URI url) throws PullFailedException {
        long deadline = System.nanoTime() + source.timeout().toNanos();
        java.util.Set<URI> seen = new java.util.HashSet<>();
        URI at = url;
        for (int hops = 0; ; hops++) {
            if (!seen.add(at)) {
                throw new PullFailedException("redirect loop at " + at);
            }
            HttpResponse<InputStream> response = send(at, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response.body());
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new PullFailedException("HTTP " + status + " without a Location from " + at);
                }
                if (hops >= source.maxRedirects()) {
                    throw new PullFailedException("more than " + source.maxRedirects() + " redirects from " + url
                            + " (warden.scanning.source.max-redirects)");
                }
                URI next = at.resolve(location);
                if (!"https".equals(next.getScheme()) && !"http".equals(next.getScheme())) {
                    throw new PullFailedException("redirected to " + next.getScheme() + ": only http(s) is followed");
                }
                at = next;
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new PullFailedException("HTTP " + status + " from " + at);
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > store.maxBytes()) {
                close(response.body());
                throw new PullFailedException(store.tooLarge() + ": " + at + " declares " + declared + " bytes");
            }
            URI fetched = at;
            String name = response.headers()
                    .firstValue("Content-Disposition")
                    .map(d -> d.replaceAll("(?i).*filename=\"?([^\";]+)\"?.*", "$1"))
                    .filter(n -> !n.contains("="))
                    .orElseGet(() -> {
                        String path = fetched.getPath();
                        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
                    });
            return new Pulled(read(response.body(), at, deadline), name);
        }
    }

    private HttpResponse<InputStream> send(URI at, long deadline) throws PullFailedException {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        HttpRequest request = HttpRequest.newBuilder(at)
                .timeout(left)
                .header("Accept", "application/octet-stream, application/java-archive, application/zip, */*")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new PullFailedException("no answer from " + at + " within " + timeout());
        } catch (IOException e) {
            throw new PullFailedException("cannot fetch " + at + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullFailedException("interrupted while fetching " + at);
        } catch (IllegalArgumentException e) {
            throw new PullFailedException("cannot fetch " + at + ": " + e.getMessage());
        }
    }

    /** Reads the body into the store; past the deadline the stream is closed under the reader. */
    private ArtifactStore.Stored read(InputStream body, URI at, long deadline) throws PullFailedException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> cut = deadlines.schedule(
                () -> {
                    expired.set(true);
                    close(body);
                },
                Math.max(1, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        try (InputStream in = new FilterInputStream(body) {}) {
            return store.store(in);
        } catch (IOException e) {
            throw new PullFailedException(
                    expired.get()
                            ? "the download from " + at + " took longer than " + timeout()
                                    + " (warden.scanning.source.timeout)"
                            : "the download from " + at + " broke off: " + e.getMessage());
        } catch (dev.warden.server.shared.TooLargeException e) {
            throw new PullFailedException(e.getMessage() + ": " + at);
        } catch (dev.warden.core.validation.InvalidInputException e) {
            throw new PullFailedException("the artifact at " + at + " is empty");
        } finally {
            cut.cancel(false);
        }
    }

    private String timeout() {
        return source.timeout().toSeconds() + " s";
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing more to do with a body we give up on.
        }
    }
}

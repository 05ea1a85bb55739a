package dev.warden.server.domains;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which RDAP server answers for a domain (RFC 9224): IANA's bootstrap file for DNS ({@code dns.json}),
 * read from {@code warden.domains.rdap.bootstrap} (an http(s) URL, or a file for machines that cannot
 * reach IANA) and kept for a day; a domain's server is that of its longest matching suffix.
 */
final class RdapBootstrap {
    static final Duration KEEP = Duration.ofDays(1);
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final String source;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private @Nullable Map<String, URI> servers;
    private Instant loadedAt = Instant.EPOCH;

    RdapBootstrap(String source, HttpClient http, Duration timeout, Clock clock) {
        this.source = source;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The RDAP base URL for the domain, if the bootstrap names one. */
    synchronized Optional<URI> serverFor(String domain) throws IOException {
        Instant now = clock.instant();
        if (servers == null || !now.isBefore(loadedAt.plus(KEEP))) {
            try {
                servers = parse(read());
                loadedAt = now;
            } catch (IOException e) {
                if (servers == null) {
                    throw e;
                }
                // The copy of yesterday serves until IANA answers again.
            }
        }
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            URI base = servers.get(d);
            if (base != null) {
                return Optional.of(base);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }

    private byte[] read() throws IOException {
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            Path file = Path.of(source.startsWith("file:") ? URI.create(source).getPath() : source);
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("the RDAP bootstrap file " + file + " is larger than 4 MiB");
            }
            return Files.readAllBytes(file);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(source))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", DomainSettings.USER_AGENT)
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("the RDAP bootstrap " + source + " answered " + response.statusCode());
                }
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) {
                    throw new IOException("the RDAP bootstrap " + source + " is larger than 4 MiB");
                }
                return body;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The bootstrap's services as suffix → first https (else first) base URL, ending in a slash. */
    static Map<String, URI> parse(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(json);
        } catch (RuntimeException e) {
            throw new IOException("the RDAP bootstrap is not JSON: " + e.getMessage(), e);
        }
        Map<String, URI> out = new HashMap<>();
        for (JsonNode service : root.path("services")) {
            List<String> urls =
                    service.path(1).valueStream().map(JsonNode::asString).toList();
            String chosen = urls.stream()
                    .filter(u -> u.startsWith("https://"))
                    .findFirst()
                    .orElse(urls.isEmpty() ? null : urls.get(0));
            if (chosen == null) {
                continue;
            }
            URI base = URI.create(chosen.endsWith("/") ? chosen : chosen + "/");
            service.path(0)
                    .valueStream()
                    .forEach(s -> out.putIfAbsent(s.asString().toLowerCase(Locale.ROOT), base));
        }
        if (out.isEmpty()) {
            throw new IOException("the RDAP bootstrap names no service");
        }
        return out;
    }
}

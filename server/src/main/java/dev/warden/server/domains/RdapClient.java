package dev.warden.server.domains;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a domain's RDAP server about its registration (RFC 7480 HTTP usage, RFC 9082 queries, RFC 9083
 * responses): {@code GET <base>domain/<name>} for {@code application/rdap+json}; 404 means the registry
 * has no such domain (anyone can register it). From the answer: the expiration and last transfer events,
 * the status values, and the registrar's and the registrant's names (unless redacted).
 */
final class RdapClient {
    private static final int MAX_BYTES = 1024 * 1024;

    /** What the registry said. */
    enum Outcome {
        /** The domain is registered; the other fields say how. */
        REGISTERED,
        /** The registry has no such domain. */
        NOT_FOUND,
        /** No RDAP server is known for the domain's suffix. */
        NO_SERVER
    }

    /**
     * A registration as RDAP describes it.
     *
     * @param statuses the RDAP status values, lower case ({@code active}, {@code pending delete}, ...)
     * @param registrant the registrant's name or organisation, null when redacted or absent
     */
    record Registration(
            Outcome outcome,
            @Nullable String server,
            @Nullable Instant expires,
            @Nullable Instant lastTransfer,
            List<String> statuses,
            @Nullable String registrar,
            @Nullable String registrant) {
        Registration {
            statuses = List.copyOf(statuses);
        }
    }

    private final RdapBootstrap bootstrap;
    private final HttpClient http;
    private final Duration timeout;
    private final HostPacer pacer;

    RdapClient(RdapBootstrap bootstrap, HttpClient http, Duration timeout, HostPacer pacer) {
        this.bootstrap = bootstrap;
        this.http = http;
        this.timeout = timeout;
        this.pacer = pacer;
    }

    /** The domain's registration; an IOException when the server could not be asked or answered oddly. */
    Registration lookup(String domain) throws IOException {
        Optional<URI> base = bootstrap.serverFor(domain);
        if (base.isEmpty()) {
            return new Registration(Outcome.NO_SERVER, null, null, null, List.of(), null, null);
        }
        URI uri = base.get().resolve("domain/" + domain.toLowerCase(Locale.ROOT));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/rdap+json, application/json")
                .header("User-Agent", DomainSettings.USER_AGENT)
                .build();
        pacer.await(String.valueOf(uri.getHost()));
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String server = base.get().toString();
        if (response.statusCode() == 404) {
            return new Registration(Outcome.NOT_FOUND, server, null, null, List.of(), null, null);
        }
        if (response.statusCode() == 429) {
            throw new IOException("the RDAP server " + uri.getHost() + " asks to slow down (429)");
        }
        if (response.statusCode() != 200) {
            throw new IOException("the RDAP server " + uri.getHost() + " answered " + response.statusCode());
        }
        JsonNode doc;
        try {
            doc = JsonMapper.shared().readTree(body);
        } catch (RuntimeException e) {
            throw new IOException("the RDAP server " + uri.getHost() + " answered with no JSON document");
        }
        if (!doc.path("objectClassName").asString("").equals("domain")) {
            throw new IOException("the RDAP server " + uri.getHost() + " answered with no domain object");
        }
        List<String> statuses = doc.path("status")
                .valueStream()
                .map(s -> s.asString().toLowerCase(Locale.ROOT))
                .toList();
        return new Registration(
                Outcome.REGISTERED,
                server,
                event(doc, "expiration"),
                event(doc, "transfer"),
                statuses,
                entity(doc, "registrar"),
                entity(doc, "registrant"));
    }

    private static @Nullable Instant event(JsonNode doc, String action) {
        for (JsonNode e : doc.path("events")) {
            if (e.path("eventAction").asString("").equalsIgnoreCase(action)) {
                try {
                    return OffsetDateTime.parse(e.path("eventDate").asString(""))
                            .toInstant();
                } catch (DateTimeParseException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The name (vCard fn, else org) of the first entity with the role; null when redacted or absent. */
    private static @Nullable String entity(JsonNode doc, String role) {
        List<JsonNode> entities = new ArrayList<>();
        doc.path("entities").forEach(entities::add);
        for (int i = 0; i < entities.size(); i++) { // nested entities too, breadth first
            JsonNode e = entities.get(i);
            e.path("entities").forEach(entities::add);
            boolean has =
                    e.path("roles").valueStream().anyMatch(r -> r.asString().equalsIgnoreCase(role));
            if (!has) {
                continue;
            }
            String name = vcard(e, "fn");
            if (name == null || name.isBlank()) {
                name = vcard(e, "org");
            }
            if (name == null || name.isBlank() || name.toLowerCase(Locale.ROOT).contains("redacted")) {
                return null;
            }
            return name.length() > 300 ? name.substring(0, 300) : name;
        }
        return null;
    }

    private static @Nullable String vcard(JsonNode entity, String property) {
        for (JsonNode p : entity.path("vcardArray").path(1)) {
            if (p.path(0).asString("").equalsIgnoreCase(property)) {
                JsonNode value = p.path(3);
                return value.isArray() ? value.path(0).asString(null) : value.asString(null);
            }
        }
        return null;
    }
}

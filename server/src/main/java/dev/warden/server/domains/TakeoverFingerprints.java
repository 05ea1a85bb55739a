package dev.warden.server.domains;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hosted services whose dangling DNS records can be taken over, from can-i-take-over-xyz
 * ({@code resources/takeover/fingerprints.json}, CC BY 4.0): for each service the CNAME targets that
 * point into it, whether an abandoned one answers NXDOMAIN, the text an abandoned one serves over HTTP,
 * and whether the service is known to be vulnerable.
 */
final class TakeoverFingerprints {
    /** One service. */
    record Service(
            String name,
            List<String> cnames,
            boolean nxdomain,
            @Nullable String httpFingerprint,
            @Nullable Integer httpStatus,
            boolean vulnerable,
            String status) {

        /**
         * Whether a page the service served says the name is unclaimed: its fingerprint (a regular
         * expression, as the list's tools read it; {@code HTTP_STATUS=n} for a status alone) found in the
         * body, and the status the entry names, if any.
         */
        boolean unclaimed(int status, String body) {
            String f = httpFingerprint;
            if (f == null) {
                return false;
            }
            if (f.startsWith("HTTP_STATUS=")) {
                return f.substring("HTTP_STATUS=".length()).strip().equals(String.valueOf(status));
            }
            if (httpStatus != null && httpStatus != status) {
                return false;
            }
            String pattern = f.replace("&#124;", "|"); // the list's Markdown origin escapes the bar
            try {
                return java.util.regex.Pattern.compile(pattern).matcher(body).find();
            } catch (java.util.regex.PatternSyntaxException e) {
                return body.contains(f);
            }
        }

        /** Whether {@code target} (a CNAME's target, without its trailing dot) points into this service. */
        boolean covers(String target) {
            String t = target.toLowerCase(Locale.ROOT);
            return cnames.stream().anyMatch(c -> t.equals(c) || t.endsWith("." + c));
        }
    }

    private final List<Service> services;

    private TakeoverFingerprints(List<Service> services) {
        this.services = List.copyOf(services);
    }

    /** The fingerprints shipped with Warden. */
    static TakeoverFingerprints bundled() {
        try (InputStream in = TakeoverFingerprints.class.getResourceAsStream("/takeover/fingerprints.json")) {
            if (in == null) {
                throw new IllegalStateException("takeover/fingerprints.json is missing from the build");
            }
            return parse(JsonMapper.shared().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TakeoverFingerprints parse(JsonNode root) {
        return new TakeoverFingerprints(root.valueStream()
                .map(s -> {
                    String fingerprint = s.path("fingerprint").asString("");
                    boolean nx = s.path("nxdomain").asBoolean(false);
                    return new Service(
                            s.path("service").asString(""),
                            s.path("cname")
                                    .valueStream()
                                    .map(c -> c.asString()
                                            .toLowerCase(Locale.ROOT)
                                            .replaceAll("\\.$", ""))
                                    .filter(c -> !c.isBlank())
                                    .toList(),
                            nx,
                            fingerprint.isBlank() || fingerprint.equals("NXDOMAIN") ? null : fingerprint,
                            s.path("http_status").isNumber()
                                    ? s.path("http_status").asInt()
                                    : null,
                            s.path("vulnerable").asBoolean(false),
                            s.path("status").asString(""));
                })
                .toList());
    }

    List<Service> services() {
        return services;
    }

    /** The service a CNAME target points into, if one is known. */
    Optional<Service> serviceOf(String target) {
        return services.stream().filter(s -> s.covers(target)).findFirst();
    }
}

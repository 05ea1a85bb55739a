package dev.warden.server.bugcrowd;

import dev.warden.server.shared.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The check of a delivery's {@code X-Bugcrowd-Digest} header: an HMAC-SHA256 keyed with the webhook's
 * secret (the one Bugcrowd shows on the webhook's Edit page) over the raw request body, as GitHub signs
 * its deliveries, which Bugcrowd's documentation refers to.
 *
 * <p>The digest may be written in hex or Base64, alone or as {@code sha256=...}. When the header also
 * carries a {@code timestamp=} (or {@code t=}), the timestamp joined to the body by a dot, before or after
 * it, is accepted as the signed text too. Every form needs the secret: without it none can be made.
 */
final class BugcrowdDigest {
    static final String HEADER = "X-Bugcrowd-Digest";
    private static final int MAX_HEADER = 1000;
    private static final Set<String> DIGEST_KEYS =
            Set.of("sha256", "sha-256", "hmac-sha256", "v1", "signature", "digest");
    private static final Set<String> TIME_KEYS = Set.of("timestamp", "t");

    private BugcrowdDigest() {}

    /** Why a delivery is refused, or empty when its digest is the body's under the secret. */
    static Optional<String> refusal(String secret, byte[] body, @Nullable String header) {
        if (header == null || header.isBlank()) {
            return Optional.of("the delivery has no " + HEADER + " header");
        }
        if (header.length() > MAX_HEADER) {
            return Optional.of("the " + HEADER + " header is longer than " + MAX_HEADER + " characters");
        }
        List<byte[]> given = new ArrayList<>();
        String timestamp = null;
        for (String part : header.strip().split("[,;\\s]+")) {
            int eq = part.indexOf('=');
            String key = eq > 0 ? part.substring(0, eq).strip().toLowerCase(Locale.ROOT) : "";
            if (TIME_KEYS.contains(key)) {
                timestamp = part.substring(eq + 1).strip();
            } else {
                decode(DIGEST_KEYS.contains(key) ? part.substring(eq + 1).strip() : part.strip())
                        .ifPresent(given::add);
            }
        }
        if (given.isEmpty()) {
            return Optional.of("the " + HEADER + " header carries no SHA-256 digest in hex or Base64");
        }
        List<byte[]> signed = new ArrayList<>();
        signed.add(body);
        if (timestamp != null && timestamp.matches("\\d{1,20}")) {
            signed.add(join(timestamp + ".", body, ""));
            signed.add(join("", body, "." + timestamp));
        }
        for (byte[] text : signed) {
            byte[] mac = hmac(secret, text);
            for (byte[] g : given) {
                if (MessageDigest.isEqual(mac, g)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("the " + HEADER + " digest is not the body's under the webhook secret");
    }

    /** The HMAC-SHA256 of {@code text} keyed with {@code secret}. */
    static byte[] hmac(String secret, byte[] text) {
        return Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), text);
    }

    /** A 32-byte digest written in hex, Base64 or URL-safe Base64; empty for anything else. */
    private static Optional<byte[]> decode(String value) {
        try {
            if (value.matches("[0-9a-fA-F]{64}")) {
                return Optional.of(HexFormat.of().parseHex(value));
            }
            if (value.matches("[A-Za-z0-9+/]{43}=?")) {
                return Optional.of(Base64.getDecoder().decode(value.endsWith("=") ? value : value + "="));
            }
            if (value.matches("[A-Za-z0-9_-]{43}=?")) {
                return Optional.of(Base64.getUrlDecoder().decode(value.endsWith("=") ? value : value + "="));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static byte[] join(String before, byte[] body, String after) {
        byte[] b = before.getBytes(StandardCharsets.UTF_8);
        byte[] a = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + body.length + a.length];
        System.arraycopy(b, 0, out, 0, b.length);
        System.arraycopy(body, 0, out, b.length, body.length);
        System.arraycopy(a, 0, out, b.length + body.length, a.length);
        return out;
    }
}

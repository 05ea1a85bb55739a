package dev.warden.server.jira;

import dev.warden.server.shared.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The signature Jira Cloud puts on a webhook registered with a secret: header {@code X-Hub-Signature}
 * holding {@code sha256=} and the hex HMAC-SHA256 of the raw body under the secret (the WebSub form).
 */
final class JiraSignature {
    static final String HEADER = "X-Hub-Signature";

    private JiraSignature() {}

    static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Whether the header is the body's signature under the secret; compared in constant time. */
    static boolean verify(String secret, byte[] body, @Nullable String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}

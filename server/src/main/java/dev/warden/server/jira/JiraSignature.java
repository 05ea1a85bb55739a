package dev.warden.server.jira;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature Jira Cloud puts on a webhook registered with a secret: header {@code X-Hub-Signature}
 * holding {@code sha256=} and the hex HMAC-SHA256 of the raw body under the secret (the WebSub form).
 */
final class JiraSignature {
    static final String HEADER = "X-Hub-Signature";

    private JiraSignature() {}

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
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

package dev.warden.server.notifications;

import dev.warden.server.shared.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks signature scheme: a secret is {@code whsec_} and the base64 of its key bytes; a
 * message's signature is {@code v1,} and the base64 of the HMAC-SHA256, under the key, of
 * {@code id.timestamp.body}; several valid secrets (during a rotation) give several signatures,
 * separated by spaces.
 */
final class WebhookSignature {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A fresh secret of 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value: one {@code v1,} signature per secret. */
    static String sign(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream()
                .map(s -> "v1," + signature(s, id, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    private static String signature(String secret, String id, long timestamp, String body) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] signed = Hmac.sha256(
                Base64.getDecoder().decode(encoded),
                (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signed);
    }
}

package dev.warden.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification for the tests and
 * sharing no code with Warden's signer: the timestamp within five minutes of now, and one of the
 * space-separated {@code v1,} signatures equal, in constant time, to the base64 HMAC-SHA256 of
 * {@code id.timestamp.body} under the secret's key.
 */
public final class StandardWebhooksVerifier {
    private static final long TOLERANCE_SECONDS = 5 * 60;

    private final byte[] key;

    public StandardWebhooksVerifier(String secret) {
        String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(base64);
    }

    /** Whether a received message is authentic and fresh. */
    public boolean verifies(WebhookReceiver.Received message) {
        return verifies(
                message.header("webhook-id"),
                message.header("webhook-timestamp"),
                message.header("webhook-signature"),
                message.body());
    }

    public boolean verifies(String id, String timestamp, String signatures, String body) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(id.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) '.');
            hmac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) '.');
            expected = hmac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}

package dev.warden.server.shared;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, which every Java runtime has: webhook signatures sent and checked, signed tokens. */
public final class Hmac {
    private Hmac() {}

    /** The HMAC-SHA256 of {@code text} under {@code key}. */
    public static byte[] sha256(byte[] key, byte[] text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}

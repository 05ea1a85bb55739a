package dev.warden.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random passwords, client ids and secrets, and the one-way hash kept for client secrets. */
final class Secrets {
    // No 0/O, 1/l/I: people copy temporary passwords by hand.
    private static final String READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String readable(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return sb.toString();
    }

    /** A client secret: 256 random bits, prefixed so a leaked one is recognisable. */
    static String clientSecret() {
        return "wcs_" + readable(44);
    }

    static String clientId() {
        return "wc_" + readable(20).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * SHA-256 of a client secret. Secrets are 256-bit random strings, so a fast hash is as safe as a
     * slow one and keeps the token endpoint cheap; people's passwords use Argon2 instead.
     */
    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}

package dev.warden.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 over an entry's fields, each written with its length first so that no two different
 * entries can produce the same input ("ab","c" and "a","bc" differ).
 *
 * <p>Two schemes exist, and an entry records which one its hash uses, so chains written before the
 * second still verify:
 *
 * <ul>
 *   <li>{@link #LEGACY} (1): each field as {@code <utf-8 length>:<bytes>\n}; an absent field is written
 *       as the empty string, so "no partner" and a partner id of "" hash alike.
 *   <li>{@link #CANONICAL} (2): the line {@code warden-audit/2} first, then each field as above, an
 *       absent field as the single line {@code -} (which no length prefix can start with).
 * </ul>
 */
public final class ChainHash {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The first scheme: absent fields written as empty strings. */
    public static final int LEGACY = 1;

    /** The current scheme: absent distinct from empty, instants at a fixed precision. */
    public static final int CANONICAL = 2;

    private ChainHash() {}

    /** The {@link #LEGACY} hash of the fields. */
    public static String of(List<String> fields) {
        MessageDigest sha = sha256();
        for (String field : fields) {
            write(sha, field);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The {@link #CANONICAL} hash of the fields, where null (absent) differs from every string. */
    public static String canonical(List<@Nullable String> fields) {
        MessageDigest sha = sha256();
        sha.update("warden-audit/2\n".getBytes(StandardCharsets.US_ASCII));
        for (String field : fields) {
            if (field == null) {
                sha.update("-\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                write(sha, field);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void write(MessageDigest sha, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
        sha.update((byte) '\n');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

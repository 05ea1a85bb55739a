package dev.warden.scanner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Judging, masking and hashing candidate secrets, so that no output ever holds one in full. */
public final class Secrets {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Never in a real secret: a stand-in, whatever surrounds it. */
    private static final String[] PLACEHOLDER_MARKS = {"xxxx", "****", "....", "<", ">", "${", "{{", "}}", "%s"};

    /**
     * Words of a stand-in ("your-client-secret-here"). A long random secret contains one now and then by
     * chance ("...qHeRe..."), so a word counts only in a value that is not random-looking, or standing as
     * a word of its own in a short one.
     */
    private static final String[] PLACEHOLDER_WORDS = {
        "your",
        "example",
        "changeme",
        "change_me",
        "placeholder",
        "dummy",
        "redacted",
        "insert",
        "replace",
        "here",
        "sample",
        "fake",
        "todo",
        "secret123",
        "password",
        "my-secret",
        "mysecret",
        "client_secret",
        "clientsecret",
        "test-secret",
        "abcdefgh",
        "12345678",
        "00000000"
    };

    private Secrets() {}

    /** Whether a value reads as a stand-in rather than a real secret. */
    public static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String mark : PLACEHOLDER_MARKS) {
            if (lower.contains(mark)) {
                return true;
            }
        }
        if (value.chars().distinct().count() <= 3) {
            return true;
        }
        boolean random = entropy(value) >= 4.5;
        for (String word : PLACEHOLDER_WORDS) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                if (!random || value.length() < 64 && standsAlone(lower, at, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the word at {@code at} is not part of a longer run of letters. */
    private static boolean standsAlone(String text, int at, int length) {
        boolean before = at == 0 || !Character.isLetter(text.charAt(at - 1));
        int end = at + length;
        boolean after = end >= text.length() || !Character.isLetter(text.charAt(end));
        return before && after;
    }

    /** Whether a value is a UUID: an identifier, not a secret. */
    public static boolean isUuid(String value) {
        return UUID.matcher(value).matches();
    }

    /** Shannon entropy in bits per character. */
    public static double entropy(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double n = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / n;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    /**
     * A preview safe to show: a known public prefix (such as {@code ATATT3}) or the first three
     * characters, then the length. Never more than a few characters of the secret.
     */
    public static String mask(String secret, int visible) {
        int shown = Math.min(visible, secret.length() / 4);
        return secret.substring(0, shown) + "…(" + secret.length() + " chars)";
    }

    /** The hex SHA-256 of the secret. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

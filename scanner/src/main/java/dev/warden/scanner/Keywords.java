package dev.warden.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds every rule's keywords in a file in one pass over its bytes, ignoring ASCII case. The last four
 * bytes seen are kept as one number; a hash of it indexes a 65,536-bit set of the keywords' first four
 * bytes, so almost every position is rejected by one multiplication and one bit test, and only real
 * candidates are compared. Keywords shorter than four bytes (possible in custom rules) use a second,
 * two-byte set.
 */
final class Keywords {
    /** Receives each occurrence: which keyword and where it starts. */
    interface Hits {
        void hit(int keyword, int at);
    }

    private static final byte[] FOLD = new byte[256];
    private static final java.lang.invoke.VarHandle FOUR =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            FOLD[i] = (byte) (i >= 'A' && i <= 'Z' ? i | 0x20 : i);
        }
    }

    private final byte[][] words;
    private final int[][] rulesOf;
    private final long[] quads = new long[1 << 10];
    private final int[][] wordsOfQuad = new int[1 << 16][];
    private final long[] pairs = new long[1 << 10];
    private final int[][] wordsOfPair = new int[1 << 16][];
    private final boolean anyShort;

    Keywords(List<Rule> rules) {
        Map<String, List<Integer>> owners = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String keyword : rules.get(r).keywords()) {
                String k = keyword.toLowerCase(Locale.ROOT);
                if (k.length() < 2) {
                    throw new IllegalArgumentException("keyword too short: " + keyword);
                }
                owners.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        words = new byte[owners.size()][];
        rulesOf = new int[owners.size()][];
        boolean shortOnes = false;
        int w = 0;
        for (Map.Entry<String, List<Integer>> e : owners.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = FOLD[bytes[i] & 0xff];
            }
            words[w] = bytes;
            rulesOf[w] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (bytes.length >= 4) {
                int slot = slot((bytes[0] & 0xff) << 24
                        | (bytes[1] & 0xff) << 16
                        | (bytes[2] & 0xff) << 8
                        | (bytes[3] & 0xff)
                        | 0x20202020);
                quads[slot >>> 6] |= 1L << slot;
                wordsOfQuad[slot] = append(wordsOfQuad[slot], w);
            } else {
                int pair = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
                pairs[pair >>> 6] |= 1L << pair;
                wordsOfPair[pair] = append(wordsOfPair[pair], w);
                shortOnes = true;
            }
            w++;
        }
        anyShort = shortOnes;
    }

    private static int slot(int quad) {
        return (quad * 0x9E3779B1) >>> 16;
    }

    private static int[] append(int[] list, int value) {
        int[] out = list == null ? new int[1] : Arrays.copyOf(list, list.length + 1);
        out[out.length - 1] = value;
        return out;
    }

    /** The rules (by index) that own a keyword. */
    int[] rulesOf(int keyword) {
        return rulesOf[keyword];
    }

    void find(byte[] bytes, int length, Hits hits) {
        long[] quads = this.quads;
        byte[] fold = FOLD;
        // Four bytes read as one int at every position; "| 0x20" folds letters (and maps a few other
        // bytes together, which only costs a comparison that then fails).
        int last = length - 4;
        for (int i = 0; i <= last; i++) {
            int quad = (int) FOUR.get(bytes, i) | 0x20202020;
            int slot = (quad * 0x9E3779B1) >>> 16;
            if ((quads[slot >>> 6] & (1L << slot)) != 0) {
                for (int w : wordsOfQuad[slot]) {
                    if (matches(bytes, length, i, words[w])) {
                        hits.hit(w, i);
                    }
                }
            }
        }
        if (anyShort) {
            for (int i = 0; i + 1 < length; i++) {
                int pair = (fold[bytes[i] & 0xff] & 0xff) << 8 | (fold[bytes[i + 1] & 0xff] & 0xff);
                if ((pairs[pair >>> 6] & (1L << pair)) != 0) {
                    for (int w : wordsOfPair[pair]) {
                        if (matches(bytes, length, i, words[w])) {
                            hits.hit(w, i);
                        }
                    }
                }
            }
        }
    }

    private static boolean matches(byte[] bytes, int length, int at, byte[] word) {
        if (at + word.length > length) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            if (FOLD[bytes[at + j] & 0xff] != word[j]) {
                return false;
            }
        }
        return true;
    }
}

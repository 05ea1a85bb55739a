package dev.warden.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds every rule's keywords in a file in one pass over its bytes, ignoring ASCII case. A bitset of
 * the keywords' first two bytes rejects almost every position at the cost of one lookup, so the pass
 * runs near the speed of reading memory; the rules' patterns then run only around the hits.
 */
final class Keywords {
    /** Receives each occurrence: which keyword and where. */
    interface Hits {
        void hit(int keyword, int at);
    }

    private final byte[][] words;
    private final int[][] rulesOf;
    private final long[] pairs = new long[1 << 10]; // 65,536 bits: one per folded byte pair
    private final int[][] wordsOfPair = new int[1 << 16][];

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
        int w = 0;
        for (Map.Entry<String, List<Integer>> e : owners.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = fold(bytes[i]);
            }
            words[w] = bytes;
            rulesOf[w] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            int pair = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
            pairs[pair >>> 6] |= 1L << pair;
            int[] old = wordsOfPair[pair];
            int[] now = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = w;
            wordsOfPair[pair] = now;
            w++;
        }
    }

    private static byte fold(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    /** The rules (by index) that own a keyword. */
    int[] rulesOf(int keyword) {
        return rulesOf[keyword];
    }

    void find(byte[] bytes, int length, Hits hits) {
        long[] pairs = this.pairs;
        int last = length - 1;
        for (int i = 0; i < last; i++) {
            int b0 = bytes[i];
            int b1 = bytes[i + 1];
            int pair = ((b0 >= 'A' && b0 <= 'Z' ? b0 | 0x20 : b0) & 0xff) << 8
                    | ((b1 >= 'A' && b1 <= 'Z' ? b1 | 0x20 : b1) & 0xff);
            if ((pairs[pair >>> 6] & (1L << pair)) != 0) {
                for (int w : wordsOfPair[pair]) {
                    if (matches(bytes, length, i, words[w])) {
                        hits.hit(w, i);
                    }
                }
            }
        }
    }

    private static boolean matches(byte[] bytes, int length, int at, byte[] word) {
        if (at + word.length > length) {
            return false;
        }
        for (int j = 2; j < word.length; j++) {
            if (fold(bytes[at + j]) != word[j]) {
                return false;
            }
        }
        return true;
    }
}

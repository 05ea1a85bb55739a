package dev.warden.core.snapshot;

/**
 * Reuses one String for text that repeats across a snapshot (event types, actors, CVSS vectors, app
 * keys), read straight from the parser's buffer: no allocation for a repeat, and the String's cached
 * hash makes later map lookups cheap. Bounded: past its capacity it simply makes new Strings.
 */
final class Symbols {
    private static final int CAPACITY = 1 << 15;
    private static final int MAX_LENGTH = 200;

    private final String[] table = new String[CAPACITY * 2];
    private int size;

    String get(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int mask = table.length - 1;
        for (int slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            String existing = table[slot];
            if (existing == null) {
                String made = new String(chars, offset, length);
                if (size < CAPACITY) {
                    table[slot] = made;
                    size++;
                }
                return made;
            }
            if (existing.length() == length && same(existing, chars, offset)) {
                return existing;
            }
        }
    }

    private static boolean same(String s, char[] chars, int offset) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}

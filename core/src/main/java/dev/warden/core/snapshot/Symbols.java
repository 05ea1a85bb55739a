package dev.warden.core.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Reuses one String for text that repeats across a snapshot (event types, actors, CVSS vectors, app
 * keys), read straight from the parser's buffer: no allocation for a repeat, and the String's cached
 * hash makes later map lookups cheap. Bounded: past its capacity it simply makes new Strings.
 */
final class Symbols {
    private static final int CAPACITY = 1 << 15;
    private static final int MAX_LENGTH = 200;

    private final String[] table = new String[CAPACITY * 2];
    /** A value a caller derived from a String (an app's key, say), kept beside it to skip a lookup. */
    private final @Nullable Object[] attached = new Object[CAPACITY * 2];

    private int size;
    private int lastSlot = -1;

    String get(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            lastSlot = -1;
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
                    lastSlot = slot;
                } else {
                    lastSlot = -1;
                }
                return made;
            }
            if (existing.length() == length && same(existing, chars, offset)) {
                lastSlot = slot;
                return existing;
            }
        }
    }

    /** What was attached to the String the last {@link #get} returned, if anything. */
    @Nullable
    Object attached() {
        return lastSlot < 0 ? null : attached[lastSlot];
    }

    /** Attaches a value to the String the last {@link #get} returned (if that String is kept). */
    void attach(Object value) {
        if (lastSlot >= 0) {
            attached[lastSlot] = value;
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

package dev.warden.server.tickets;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of the tickets Warden held when an import began, held compactly (a bit per number per
 * project: a million keys in about 125 KB), so the import tells new tickets from existing ones without
 * asking the database for every chunk.
 */
public final class TicketKeys {
    private final Map<String, BitSet> numbers = new HashMap<>();

    void add(String project, long number) {
        if (number >= 0 && number <= Integer.MAX_VALUE) {
            numbers.computeIfAbsent(project, p -> new BitSet()).set((int) number);
        }
    }

    boolean contains(String key) {
        int dash = key.lastIndexOf('-');
        BitSet set = numbers.get(key.substring(0, dash));
        if (set == null) {
            return false;
        }
        long number = Long.parseLong(key.substring(dash + 1));
        return number <= Integer.MAX_VALUE && set.get((int) number);
    }
}

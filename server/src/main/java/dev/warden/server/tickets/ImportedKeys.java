package dev.warden.server.tickets;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one import knows across its chunks: the keys of the tickets Warden held when it began, held
 * compactly (a bit per number per project: a million keys in about 125 KB), so it tells new tickets
 * from existing ones without asking the database for every chunk; and the apps and security contacts
 * it has looked up so far (a chunk's tickets belong to hundreds of apps, the same ones chunk after
 * chunk).
 */
public final class ImportedKeys {
    private final Map<String, BitSet> numbers = new HashMap<>();
    final Map<AppKey, App> apps = new HashMap<>();
    final Map<PartnerId, List<String>> assignees = new HashMap<>();

    // Numbers a bitset cannot index, kept whole.
    private final java.util.Set<String> others = new java.util.HashSet<>();

    void add(String project, long number) {
        if (number >= 0 && number <= Integer.MAX_VALUE) {
            numbers.computeIfAbsent(project, p -> new BitSet()).set((int) number);
        } else {
            others.add(project + "-" + number);
        }
    }

    boolean contains(String key) {
        int dash = key.lastIndexOf('-');
        BitSet set = numbers.getOrDefault(key.substring(0, dash), new BitSet(0));
        long number = Long.parseLong(key.substring(dash + 1));
        return number >= 0 && number <= Integer.MAX_VALUE ? set.get((int) number) : others.contains(key);
    }
}

package dev.warden.scanner.sca;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Advisories by the package they affect, for matching components. A version is affected when it lies
 * in one of the advisory's ranges for the package, read as OSV defines it (events in version order:
 * {@code introduced} opens, {@code fixed} closes at that version, {@code last_affected} closes after it),
 * or is listed explicitly. Withdrawn advisories match nothing. Ranges are read literally, as the
 * database wrote them: where an advisory's ranges overlap, the union is affected.
 */
public final class AdvisoryIndex {
    /** A component affected by an advisory, with the first fixed version after it when the range gives one. */
    public record Match(
            Component component,
            Advisory advisory,
            @Nullable String fixed) {}

    private record Entry(Advisory advisory, Advisory.Affected affected) {}

    private final Map<String, List<Entry>> byPackage = new HashMap<>();
    /** Maven entries by artifact id alone, for JARs known only by their file name. */
    private final Map<String, List<Entry>> byArtifact = new HashMap<>();

    private final int size;

    private AdvisoryIndex(Collection<Advisory> advisories) {
        int n = 0;
        for (Advisory a : advisories) {
            if (a.withdrawn() != null) {
                continue;
            }
            n++;
            for (Advisory.Affected affected : a.affected()) {
                Entry entry = new Entry(a, affected);
                Ecosystem e = affected.ecosystem();
                byPackage
                        .computeIfAbsent(e + ":" + e.key(affected.name()), k -> new ArrayList<>())
                        .add(entry);
                if (e == Ecosystem.MAVEN) {
                    String artifact = affected.name().substring(affected.name().indexOf(':') + 1);
                    byArtifact
                            .computeIfAbsent(e.key(artifact), k -> new ArrayList<>())
                            .add(entry);
                }
            }
        }
        this.size = n;
    }

    public static AdvisoryIndex of(Collection<Advisory> advisories) {
        return new AdvisoryIndex(advisories);
    }

    /** Advisories that can match (withdrawn ones are not counted). */
    public int size() {
        return size;
    }

    /** The advisories affecting a component, each once, ordered by id. */
    public List<Match> match(Component c) {
        Ecosystem e = c.ecosystem();
        boolean nameOnly = e == Ecosystem.MAVEN && c.group() == null;
        List<Entry> candidates = nameOnly
                ? byArtifact.getOrDefault(e.key(c.name()), List.of())
                : byPackage.getOrDefault(e + ":" + e.key(c.name()), List.of());
        if (candidates.isEmpty()) {
            return List.of();
        }
        Comparator<String> order = VersionOrder.of(e);
        Map<String, Match> out = new LinkedHashMap<>();
        for (Entry entry : candidates) {
            if (out.containsKey(entry.advisory().id())) {
                continue;
            }
            Hit hit = affects(entry.affected(), c.version(), order);
            if (hit != null) {
                out.put(entry.advisory().id(), new Match(c, entry.advisory(), hit.fixed));
            }
        }
        List<Match> matches = new ArrayList<>(out.values());
        matches.sort(Comparator.comparing(m -> m.advisory().id()));
        return matches;
    }

    private record Hit(@Nullable String fixed) {}

    private static @Nullable Hit affects(Advisory.Affected affected, String version, Comparator<String> order) {
        for (String listed : affected.versions()) {
            if (listed.equals(version) || safeCompare(order, version, listed) == 0) {
                return new Hit(null);
            }
        }
        for (Advisory.Range range : affected.ranges()) {
            List<Advisory.Event> events = new ArrayList<>(range.events());
            events.sort((a, b) -> safeCompare(order, a.version(), b.version()));
            boolean in = false;
            String fixed = null;
            for (Advisory.Event event : events) {
                int cmp = safeCompare(order, version, event.version());
                switch (event.kind()) {
                    case INTRODUCED -> in = in || cmp >= 0;
                    case FIXED -> {
                        if (cmp >= 0) {
                            in = false;
                        } else if (in && fixed == null) {
                            fixed = event.version();
                        }
                    }
                    case LAST_AFFECTED -> in = in && cmp <= 0;
                }
            }
            if (in) {
                return new Hit(fixed);
            }
        }
        return null;
    }

    /** A version no ordering can read (a hostile string) sorts as unequal to everything, never throws. */
    private static int safeCompare(Comparator<String> order, String a, String b) {
        try {
            return order.compare(a, b);
        } catch (RuntimeException e) {
            return a.compareTo(b) == 0 ? 0 : (a.compareTo(b) < 0 ? -1 : 1);
        }
    }
}

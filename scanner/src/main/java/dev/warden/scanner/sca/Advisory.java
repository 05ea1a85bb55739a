package dev.warden.scanner.sca;

import dev.warden.core.cvss.CvssVector;
import dev.warden.scanner.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One security advisory, as much of an OSV record as matching and reporting need.
 *
 * @param id {@code GHSA-jfh8-c2jp-5v3q}
 * @param aliases other ids of the same vulnerability ({@code CVE-2021-44228})
 * @param summary one line
 * @param modified when the record last changed: what incremental imports compare
 * @param withdrawn when it was withdrawn; a withdrawn advisory matches nothing
 * @param cvss the CVSS v3 base vector, when the advisory gives one
 * @param label the database's own severity word ({@code CRITICAL}, {@code HIGH}, {@code MODERATE},
 *     {@code LOW}) for advisories without a vector
 * @param affected the packages of the ecosystems Warden matches, with their ranges
 * @param source the compact OSV JSON it was read from (what is stored and re-read)
 */
public record Advisory(
        String id,
        List<String> aliases,
        String summary,
        Instant modified,
        @Nullable Instant withdrawn,
        @Nullable String cvss,
        @Nullable String label,
        List<Affected> affected,
        String source) {

    /** A package an advisory affects: OSV's {@code affected[]} entry. */
    public record Affected(Ecosystem ecosystem, String name, List<Range> ranges, List<String> versions) {
        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
        }
    }

    /** An {@code ECOSYSTEM} or {@code SEMVER} range: its events, in the order given. */
    public record Range(List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    /** {@code introduced}, {@code fixed} or {@code last_affected} at a version. */
    public record Event(Kind kind, String version) {}

    public enum Kind {
        INTRODUCED,
        FIXED,
        LAST_AFFECTED
    }

    public Advisory {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /** The CVSS v3 base score; null without a vector (or with one that cannot be scored). */
    public @Nullable Double score() {
        if (cvss == null) {
            return null;
        }
        try {
            return CvssVector.parse(cvss).baseScore();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The severity: from the CVSS score where there is one (CVSS v3's bands), else the database's word. */
    public Severity severity() {
        Double score = score();
        if (score != null) {
            return score >= 9.0
                    ? Severity.CRITICAL
                    : score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
        }
        String word = label == null ? "" : label.toUpperCase(Locale.ROOT);
        return switch (word) {
            case "CRITICAL" -> Severity.CRITICAL;
            case "HIGH" -> Severity.HIGH;
            case "LOW" -> Severity.LOW;
            default -> Severity.MEDIUM; // MODERATE, or a database that gives none
        };
    }

    /** The CVE among the aliases, else the id: what people search for. */
    public String displayId() {
        return aliases.stream().filter(a -> a.startsWith("CVE-")).findFirst().orElse(id);
    }
}

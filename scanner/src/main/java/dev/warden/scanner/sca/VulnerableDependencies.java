package dev.warden.scanner.sca;

import dev.warden.scanner.ArtifactPath;
import dev.warden.scanner.Content;
import dev.warden.scanner.Finding;
import dev.warden.scanner.Findings;
import dev.warden.scanner.PathContext;
import dev.warden.scanner.Rule;
import dev.warden.scanner.Secrets;
import dev.warden.scanner.Severity;
import dev.warden.scanner.Vulnerability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the components of a scan and an advisory database into {@code vulnerable-dependency} findings:
 * one per advisory and package version, placed where the component was identified most surely (its
 * other places listed), at or above a severity threshold (the policy counts Critical and High).
 */
public final class VulnerableDependencies {
    /** The scanner rule id of a vulnerable bundled library. */
    public static final String RULE_ID = "vulnerable-dependency";

    /** The rule as reports list it. */
    public static final Rule RULE = new Rule() {
        @Override
        public String id() {
            return RULE_ID;
        }

        @Override
        public String title() {
            return "Bundled library with a known vulnerability";
        }

        @Override
        public String help() {
            return "A library bundled in the artifact is affected by a published security advisory. Upgrade it to"
                    + " the fixed version the finding names (or later), rebuild, and scan again.";
        }

        @Override
        public Severity severity() {
            return Severity.HIGH;
        }

        @Override
        public List<String> keywords() {
            return List.of();
        }

        @Override
        public void check(Content content, int at, Findings findings) {
            // Matched after the walk, from the inventory: never run over a file.
        }
    };

    private VulnerableDependencies() {}

    /**
     * The findings, sorted by location and advisory.
     *
     * @param threshold the least severity reported ({@link Severity#HIGH}: High and Critical)
     */
    public static List<Finding> findings(List<Component> components, AdvisoryIndex index, Severity threshold) {
        Map<String, List<Component>> byCoordinates = new LinkedHashMap<>();
        for (Component c : components) {
            byCoordinates
                    .computeIfAbsent(c.coordinates().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(c);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Component> places : byCoordinates.values()) {
            places.sort(Comparator.comparing(Component::source)
                    .thenComparing(c -> c.location().toString()));
            Component best = places.get(0);
            List<String> locations =
                    places.stream().map(c -> c.location().toString()).distinct().toList();
            for (AdvisoryIndex.Match m : index.match(best)) {
                Advisory a = m.advisory();
                if (a.severity().compareTo(threshold) > 0) {
                    continue;
                }
                out.add(finding(best, m, locations));
            }
        }
        out.sort(Comparator.comparing((Finding f) -> f.path().toString())
                .thenComparing(
                        f -> f.vulnerability() == null ? "" : f.vulnerability().advisory()));
        return out;
    }

    private static Finding finding(Component c, AdvisoryIndex.Match m, List<String> locations) {
        Advisory a = m.advisory();
        Double score = a.score();
        String ids = a.aliases().isEmpty() ? "" : String.join(", ", a.aliases()) + ", ";
        String rating = score != null
                ? String.format(Locale.ROOT, "CVSS %.1f", score)
                : "rated " + a.severity().name().toLowerCase(Locale.ROOT) + " by the advisory";
        String message = c.name() + " " + c.version() + " is affected by " + a.id() + " (" + ids + rating + "): "
                + a.summary()
                + (m.fixed() != null ? "; fixed in " + m.fixed() : "; no fixed version published")
                + (locations.size() > 1 ? "; also at " + (locations.size() - 1) + " more place(s)" : "")
                + (c.source() == Component.Source.FILE_NAME
                        ? " (lower confidence: identified by the JAR's file name only)"
                        : "");
        String purl = c.purl();
        Vulnerability v = new Vulnerability(
                a.id(),
                a.aliases(),
                a.summary(),
                a.cvss(),
                score,
                purl,
                c.ecosystem().osv(),
                c.name(),
                c.version(),
                m.fixed(),
                c.source().confidence(),
                locations);
        ArtifactPath where = c.location();
        String fingerprint = Secrets.sha256(RULE_ID
                        + '\0'
                        + a.id()
                        + '\0'
                        + c.ecosystem().osv()
                        + ':'
                        + c.name().toLowerCase(Locale.ROOT))
                .substring(0, 32);
        return new Finding(
                RULE_ID,
                a.severity(),
                where,
                0,
                0,
                message,
                purl.length() > 200 ? purl.substring(0, 199) + "…" : purl,
                Secrets.sha256(a.id()),
                fingerprint,
                PathContext.CODE,
                v);
    }
}

package dev.warden.core.cvss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import us.springett.cvss.Cvss;

/**
 * A CVSS v3.0 or v3.1 vector, checked metric by metric, with its base score. The arithmetic is the
 * cvss-calculator library's; the parsing is strict so that a bad vector is rejected with the metric
 * named, rather than silently scored.
 *
 * @param vector the vector as given, for example {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H}
 * @param version {@code 3.0} or {@code 3.1}
 * @param baseScore the base score, 0.0 to 10.0
 */
public record CvssVector(String vector, String version, double baseScore) {
    private static final List<String> BASE = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");
    private static final Map<String, Set<String>> VALUES = Map.ofEntries(
            Map.entry("AV", Set.of("N", "A", "L", "P")),
            Map.entry("AC", Set.of("L", "H")),
            Map.entry("PR", Set.of("N", "L", "H")),
            Map.entry("UI", Set.of("N", "R")),
            Map.entry("S", Set.of("U", "C")),
            Map.entry("C", Set.of("N", "L", "H")),
            Map.entry("I", Set.of("N", "L", "H")),
            Map.entry("A", Set.of("N", "L", "H")),
            Map.entry("E", Set.of("X", "U", "P", "F", "H")),
            Map.entry("RL", Set.of("X", "O", "T", "W", "U")),
            Map.entry("RC", Set.of("X", "U", "R", "C")),
            Map.entry("CR", Set.of("X", "L", "M", "H")),
            Map.entry("IR", Set.of("X", "L", "M", "H")),
            Map.entry("AR", Set.of("X", "L", "M", "H")),
            Map.entry("MAV", Set.of("X", "N", "A", "L", "P")),
            Map.entry("MAC", Set.of("X", "L", "H")),
            Map.entry("MPR", Set.of("X", "N", "L", "H")),
            Map.entry("MUI", Set.of("X", "N", "R")),
            Map.entry("MS", Set.of("X", "U", "C")),
            Map.entry("MC", Set.of("X", "N", "L", "H")),
            Map.entry("MI", Set.of("X", "N", "L", "H")),
            Map.entry("MA", Set.of("X", "N", "L", "H")));

    // Few distinct vectors occur among many tickets; scoring each once keeps evaluation fast.
    private static final Map<String, CvssVector> CACHE = new ConcurrentHashMap<>();

    public CvssVector {
        if (baseScore < 0.0 || baseScore > 10.0) {
            throw new IllegalArgumentException("a CVSS score lies between 0.0 and 10.0");
        }
    }

    /** Parses and scores a vector, or explains exactly what is wrong with it. */
    public static CvssVector parse(String vector) {
        CvssVector known = CACHE.get(vector);
        if (known != null) {
            return known;
        }
        CvssVector parsed = parseUncached(vector);
        if (CACHE.size() < 10_000) {
            CACHE.put(vector, parsed);
        }
        return parsed;
    }

    private static CvssVector parseUncached(String vector) {
        String version;
        if (vector.startsWith("CVSS:3.1/")) {
            version = "3.1";
        } else if (vector.startsWith("CVSS:3.0/")) {
            version = "3.0";
        } else {
            throw new InvalidCvssException("not a CVSS v3 vector: it must start with CVSS:3.0/ or CVSS:3.1/");
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String part : vector.substring(9).split("/", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new InvalidCvssException("'" + part + "' is not a METRIC:VALUE pair");
            }
            String metric = part.substring(0, colon);
            String value = part.substring(colon + 1);
            Set<String> allowed = VALUES.get(metric);
            if (allowed == null) {
                throw new InvalidCvssException("unknown metric " + metric);
            }
            if (!allowed.contains(value)) {
                throw new InvalidCvssException("metric " + metric + " has no value " + value + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (metrics.put(metric, value) != null) {
                throw new InvalidCvssException("metric " + metric + " appears twice");
            }
        }
        for (String metric : BASE) {
            if (!metrics.containsKey(metric)) {
                throw new InvalidCvssException("the base metric " + metric + " is missing");
            }
        }
        StringBuilder base = new StringBuilder("CVSS:" + version);
        for (String metric : BASE) {
            base.append('/').append(metric).append(':').append(metrics.get(metric));
        }
        Cvss cvss = Cvss.fromVector(base.toString());
        if (cvss == null) {
            throw new InvalidCvssException("the vector could not be scored");
        }
        return new CvssVector(vector, version, cvss.calculateScore().getBaseScore());
    }
}

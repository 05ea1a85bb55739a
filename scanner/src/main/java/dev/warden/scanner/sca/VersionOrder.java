package dev.warden.scanner.sca;

import java.util.Comparator;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.semver4j.Semver;

/**
 * How each ecosystem orders its versions: Maven's own {@link ComparableVersion} ({@code 2.0-beta9 <
 * 2.0-rc1 < 2.0 = 2.0.Final < 2.0.1}), and npm's semantic versioning (semver4j). OSV's {@code "0"}
 * comes before every version.
 */
final class VersionOrder {
    /**
     * Guava publishes each release twice, {@code 32.0.0-jre} and {@code 32.0.0-android}, while advisories
     * name {@code 32.0.0}: Maven's order would put every flavour after its release. The flavour is
     * dropped before comparing.
     */
    private static final Pattern FLAVOUR = Pattern.compile("-(jre|android)$");

    private VersionOrder() {}

    static Comparator<String> of(Ecosystem ecosystem) {
        Comparator<String> order = ecosystem == Ecosystem.MAVEN ? VersionOrder::maven : VersionOrder::npm;
        return (a, b) -> a.equals("0") ? (b.equals("0") ? 0 : -1) : b.equals("0") ? 1 : order.compare(a, b);
    }

    private static int maven(String a, String b) {
        return new ComparableVersion(FLAVOUR.matcher(a).replaceFirst(""))
                .compareTo(new ComparableVersion(FLAVOUR.matcher(b).replaceFirst("")));
    }

    private static int npm(String a, String b) {
        Semver x = Semver.parse(a);
        Semver y = Semver.parse(b);
        if (x == null || y == null) {
            x = x != null ? x : Semver.coerce(a);
            y = y != null ? y : Semver.coerce(b);
        }
        if (x == null || y == null) {
            return maven(a, b); // not semver at all: order by Maven's rules, which read any dotted version
        }
        return x.compareTo(y);
    }
}

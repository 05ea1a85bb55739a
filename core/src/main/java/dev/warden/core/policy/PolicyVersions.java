package dev.warden.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions a decision may be taken under, ordered by effective date. The version in force at an
 * instant is the latest one effective on or before it; a ticket keeps the one in force when reported.
 */
public final class PolicyVersions {
    /** The versions shipped with Warden, oldest first. */
    public static final List<String> BUILT_IN = List.of("2022-12-06", "2023-10-08", "2026-04-15");

    private static final PolicyVersions BUILT_INS = new PolicyVersions(loadBuiltIns());

    private final List<PolicyVersion> versions;

    private PolicyVersions(List<PolicyVersion> versions) {
        List<PolicyVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(PolicyVersion::effectiveFrom).thenComparing(PolicyVersion::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two versions take effect on "
                        + sorted.get(i).effectiveFrom() + ": "
                        + sorted.get(i - 1).id() + " and " + sorted.get(i).id());
            }
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException(
                        "two versions are called " + sorted.get(i).id());
            }
        }
        this.versions = List.copyOf(sorted);
    }

    /** The built-in versions only. */
    public static PolicyVersions builtIn() {
        return BUILT_INS;
    }

    public static PolicyVersions of(List<PolicyVersion> versions) {
        return new PolicyVersions(versions);
    }

    /** These versions and one more (an operator's published version, or a draft to try out). */
    public PolicyVersions with(PolicyVersion version) {
        List<PolicyVersion> all = new ArrayList<>(versions);
        all.removeIf(v -> v.id().equals(version.id()));
        all.add(version);
        return new PolicyVersions(all);
    }

    /** The version in force at {@code instant}. */
    /** The version in force at the instant, if one was: none before the first takes effect. */
    public java.util.Optional<PolicyVersion> findInForceAt(Instant instant) {
        return versions.isEmpty() || versions.get(0).effectiveAt().isAfter(instant)
                ? java.util.Optional.empty()
                : java.util.Optional.of(inForceAt(instant));
    }

    /** Why no version was in force at the instant, in words a person can act on. */
    public String noneInForce(Instant instant) {
        return "no policy version was in force at " + instant + "; the first takes effect "
                + versions.get(0).effectiveFrom();
    }

    public PolicyVersion inForceAt(Instant instant) {
        PolicyVersion found = null;
        for (PolicyVersion v : versions) {
            if (!v.effectiveAt().isAfter(instant)) {
                found = v;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no policy version was in force at " + instant
                    + "; the first takes effect " + versions.get(0).effectiveFrom());
        }
        return found;
    }

    public Optional<PolicyVersion> byId(String id) {
        return versions.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public List<PolicyVersion> all() {
        return versions;
    }

    private static List<PolicyVersion> loadBuiltIns() {
        List<PolicyVersion> out = new ArrayList<>();
        for (String id : BUILT_IN) {
            out.add(PolicyReader.readBuiltIn(resource(id), "built-in " + id));
        }
        return out;
    }

    /** The YAML text of a built-in version. */
    public static String resource(String id) {
        String path = "/dev/warden/core/policy/builtin/" + id + ".yaml";
        try (InputStream in = PolicyVersions.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

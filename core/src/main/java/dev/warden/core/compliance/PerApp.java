package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Rolls up what a rule found about many records (incidents, say) into one violation per app: the lines
 * joined, the earliest moment it began, the worst severity.
 */
final class PerApp {
    private static final class Found {
        final PartnerId partner;
        final List<String> lines = new ArrayList<>();

        @Nullable
        Instant since;

        boolean sinceUnknown;
        Severity severity = Severity.LOW;

        Found(PartnerId partner) {
            this.partner = partner;
        }
    }

    private final Map<AppKey, Found> found = new TreeMap<>();

    /** Something found about an app; {@code since} null when the facts do not tell when it began. */
    void add(AppKey app, PartnerId partner, String line, @Nullable Instant since, Severity severity) {
        Found f = found.computeIfAbsent(app, k -> new Found(partner));
        f.lines.add(line);
        if (since == null) {
            f.sinceUnknown = true;
        } else if (f.since == null || since.isBefore(f.since)) {
            f.since = since;
        }
        if (severity.compareTo(f.severity) < 0) { // CRITICAL comes first
            f.severity = severity;
        }
    }

    List<Violation> violations(String rule, String policyVersion) {
        List<Violation> out = new ArrayList<>();
        found.forEach((app, f) -> out.add(new Violation(
                rule,
                new Subject.App(app, f.partner),
                f.sinceUnknown ? null : f.since,
                f.severity,
                String.join("; ", f.lines),
                policyVersion)));
        return out;
    }
}

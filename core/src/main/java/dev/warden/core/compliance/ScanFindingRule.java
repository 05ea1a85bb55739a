package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule raised by the scanner's findings of one scanner rule that stood at the instant judged (found
 * by then, neither fixed by a later version nor marked a false positive), one violation per app. It
 * began when the earliest of them was first found.
 */
abstract class ScanFindingRule implements Rule {
    private final java.util.function.Predicate<String> scannerRules;
    private final Severity severity;

    ScanFindingRule(String scannerRule, Severity severity) {
        this(scannerRule::equals, severity);
    }

    ScanFindingRule(java.util.function.Predicate<String> scannerRules, Severity severity) {
        this.scannerRules = scannerRules;
        this.severity = severity;
    }

    /** How one finding is shown in the evidence. */
    abstract String describe(ScanFinding finding);

    /** When and where the finding was found, after its description. */
    String found(ScanFinding f) {
        return "found in version " + f.firstSeenVersion() + " on " + Evidence.date(f.firstSeenAt());
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, List<ScanFinding>> open = new TreeMap<>();
        for (ScanFinding f : facts.obligations().scanFindings()) {
            if (scannerRules.test(f.rule()) && f.openAt(facts.asOf())) {
                open.computeIfAbsent(f.app(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<AppKey, App> apps = facts.appsByKey();
        List<Violation> out = new ArrayList<>();
        open.forEach((key, findings) -> {
            App app = apps.get(key);
            if (app == null || app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)) {
                return;
            }
            findings.sort(
                    java.util.Comparator.comparing(ScanFinding::firstSeenAt).thenComparing(ScanFinding::id));
            Instant since = findings.get(0).firstSeenAt();
            List<String> shown = findings.stream()
                    .limit(Breaches.SHOWN)
                    .map(f -> describe(f) + " ("
                            + f.hosting()
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', ' ')
                            + ", " + found(f)
                            + (f.ticket() != null ? ", " + f.ticket() : "") + ")")
                    .toList();
            out.add(new Violation(
                    id(),
                    new Subject.App(app.key(), app.partner()),
                    since,
                    severity,
                    Evidence.list(shown, findings.size()),
                    policy.id()));
        });
        return out;
    }
}

package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code DISCLOSURE-MISMATCH}: "what the partner declared contradicts what Warden observed" (docs/policy
 * section 6: the signals are "the partner's own disclosure" and "the scanner"; the operator reviews
 * "disclosures made through the Privacy and Security tab"). One violation per app naming each
 * difference: the security questionnaire says the app handles no user API tokens and its latest scan
 * found it does; or the Privacy and Security declaration in force contradicts what Warden observes
 * ({@link DisclosureReconciliation}).
 */
public final class DisclosureMismatch implements Rule {
    public static final String ID = "DISCLOSURE-MISMATCH";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "What a partner declared about an app (tokens, secrets, egress, stored data) contradicts what"
                + " Warden observed";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, App> apps = facts.appsByKey();
        Map<AppKey, List<String>> differences = new TreeMap<>();
        Map<AppKey, Instant> since = new HashMap<>();
        for (TokenUse use : facts.tokenUse()) {
            App app = apps.get(use.app());
            TokenUse.Declaration d = use.declaration();
            TokenUse.ScanEvidence e = use.evidence();
            if (app == null || d == null || d.any() || e == null || e.findings().isEmpty()) {
                continue;
            }
            if (e.scannedAt().isAfter(facts.asOf())) {
                continue;
            }
            differences
                    .computeIfAbsent(app.key(), k -> new ArrayList<>())
                    .add("declared on " + Evidence.date(d.declaredAt()) + " that the app does not collect, transmit"
                            + " or store user API tokens; " + PatCollection.signals(use));
            since.put(app.key(), e.scannedAt());
        }
        for (PrivacyDeclaration record : facts.obligations().privacyDeclarations()) {
            App app = apps.get(record.app());
            PrivacyDeclaration.Declared declared = record.asOf(facts.asOf()).orElse(null);
            if (app == null || declared == null) {
                continue;
            }
            List<String> found = new ArrayList<>(DisclosureReconciliation.differences(app, declared, facts));
            if (since.containsKey(app.key())) {
                // The questionnaire's contradiction already names the scan's evidence.
                found.removeIf(f -> f.contains("handles no user API tokens; the scan of"));
            }
            if (!found.isEmpty()) {
                differences.computeIfAbsent(app.key(), k -> new ArrayList<>()).addAll(found);
            }
        }
        List<Violation> out = new ArrayList<>();
        differences.forEach((key, lines) -> {
            App app = java.util.Objects.requireNonNull(apps.get(key));
            out.add(new Violation(
                    ID,
                    new Subject.App(key, app.partner()),
                    since.get(key),
                    Severity.MEDIUM,
                    String.join("; ", lines),
                    policy.id()));
        });
        return out;
    }
}

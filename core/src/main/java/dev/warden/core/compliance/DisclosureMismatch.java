package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code DISCLOSURE-MISMATCH}: "what the partner declared contradicts what Warden observed" (docs/policy
 * section 6: the signals are "the partner's own disclosure" and "the scanner"). The partner declared
 * the app does not collect, transmit or store user API tokens, and its latest scan found that it does.
 */
public final class DisclosureMismatch implements Rule {
    public static final String ID = "DISCLOSURE-MISMATCH";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A partner declared an app does not handle user API tokens, and a scan found it does";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, App> apps = facts.appsByKey();
        List<Violation> out = new ArrayList<>();
        for (TokenUse use : facts.obligations().tokenUse()) {
            App app = apps.get(use.app());
            TokenUse.Declaration d = use.declaration();
            TokenUse.ScanEvidence e = use.evidence();
            if (app == null || d == null || d.any() || e == null || e.findings().isEmpty()) {
                continue;
            }
            if (e.scannedAt().isAfter(facts.asOf())) {
                continue;
            }
            out.add(new Violation(
                    ID,
                    new Subject.App(app.key(), app.partner()),
                    e.scannedAt(),
                    Severity.MEDIUM,
                    "declared on " + Evidence.date(d.declaredAt()) + " that the app does not collect, transmit or"
                            + " store user API tokens; " + PatCollection.signals(use),
                    policy.id()));
        }
        return out;
    }
}

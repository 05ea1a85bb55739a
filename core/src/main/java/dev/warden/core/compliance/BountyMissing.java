package dev.warden.core.compliance;

import dev.warden.core.catalog.Partner;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.BountyScope;
import dev.warden.core.policy.PolicyVersion;
import java.util.List;

/**
 * {@code BOUNTY-MISSING}: "an app that needs a bug bounty program has none" (POLICY.md section 5, the
 * tier table in {@link BountyScope}). Only an active program covers an app: a paused or deactivated one
 * does not. One violation per app; the ladder's badge step is how a Cloud Fortified app without a
 * program loses the badge.
 */
public final class BountyMissing implements Rule {
    public static final String ID = "BOUNTY-MISSING";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An app that needs a bug bounty program has none";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        PerApp found = new PerApp();
        for (Partner partner : facts.partners()) {
            for (BountyScope.Coverage c : BountyScope.coverage(
                    partner, facts.apps(), facts.obligations().programs(), policy.bounty())) {
                if (!c.covered()) {
                    found.add(
                            c.app(),
                            partner.id(),
                            "no active bug bounty program covers it; required because "
                                    + String.join(" and ", c.reasons()),
                            null,
                            Severity.MEDIUM);
                }
            }
        }
        return found.violations(ID, policy.id());
    }
}

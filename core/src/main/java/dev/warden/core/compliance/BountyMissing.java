package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.BountyScope;
import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BOUNTY-MISSING}: "an app that needs a bug bounty program has none" (docs/policy section 5, the
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
        // Grouped first: a marketplace has thousands of partners, and each looks only at its own.
        Map<PartnerId, List<App>> apps = new HashMap<>();
        facts.apps()
                .forEach(a -> apps.computeIfAbsent(a.partner(), k -> new ArrayList<>())
                        .add(a));
        Map<PartnerId, List<BountyProgram>> programs = new HashMap<>();
        facts.obligations()
                .programs()
                .forEach(p -> programs.computeIfAbsent(p.partner(), k -> new ArrayList<>())
                        .add(p));
        for (Partner partner : facts.partners()) {
            List<App> owned = apps.getOrDefault(partner.id(), List.of());
            if (owned.isEmpty()) {
                continue;
            }
            for (BountyScope.Coverage c : BountyScope.coverage(
                    partner, owned, programs.getOrDefault(partner.id(), List.of()), policy.bounty())) {
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

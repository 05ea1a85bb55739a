package dev.warden.core.compliance;

import dev.warden.core.policy.PolicyVersion;
import java.util.List;

/**
 * {@code VULN-TRIAGE-OVERDUE}: "a bug bounty ticket not triaged within the triage window" (docs/policy
 * sections 2 and 9: bug bounty findings have a two-week triage window). One violation per listing.
 */
public final class VulnTriageOverdue implements Rule {
    public static final String ID = "VULN-TRIAGE-OVERDUE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A bug bounty ticket was not triaged within the triage window";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        return Breaches.perListing(ID, facts.breaches().triageOverdue(), facts, policy, "triage due", "late");
    }
}

package dev.warden.core.compliance;

import dev.warden.core.policy.PolicyVersion;
import java.util.List;

/**
 * {@code VULN-OVERDUE}: "a ticket is past its due date and not closed" (docs/policy sections 2 and 9).
 * One violation per listing, since the first breach, naming the first overdue tickets; missing a due date
 * is the "SLO breach" whose documented consequence is hiding the listing.
 */
public final class VulnOverdue implements Rule {
    public static final String ID = "VULN-OVERDUE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A vulnerability ticket is past its due date and not closed";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        return Breaches.perListing(ID, facts.breaches().overdue(), facts, policy, "due", "overdue");
    }
}

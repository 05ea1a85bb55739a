package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import java.util.List;

/**
 * {@code TICKET-ACK-OVERDUE}: "Partners should acknowledge and triage AMS tickets promptly after they are
 * assigned" (docs/policy section 2). A ticket of any type reported under a version with an
 * acknowledgement window ({@code acknowledgement.businessDays}, operator-set: 5 business days) that is
 * open and has not been acknowledged (an acknowledgement, triage, an extension request, waiting for
 * release or a release) by then. One violation per listing, Low: the policy says "should".
 */
public final class TicketAckOverdue implements Rule {
    public static final String ID = "TICKET-ACK-OVERDUE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A ticket was not acknowledged within the acknowledgement window";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        return Breaches.perListing(ID, facts.breaches().acknowledgeOverdue(), facts, policy, "acknowledge by", "late")
                .stream()
                .map(v ->
                        new Violation(v.rule(), v.subject(), v.since(), Severity.LOW, v.evidence(), v.policyVersion()))
                .toList();
    }
}

package dev.warden.core.compliance;

import dev.warden.core.policy.PolicyVersion;
import java.util.List;

/** A compliance rule: its stable id, what it checks, and the violations it finds. */
public interface Rule {
    /** The stable id from docs/policy section 9, for example {@code VULN-OVERDUE}. */
    String id();

    /** One line for people. */
    String summary();

    /** The area of the policy, in plain words for the public. */
    default RuleCategory category() {
        return RuleCategory.of(id());
    }

    /** The violations in these facts under this policy version; pure and deterministic. */
    List<Violation> evaluate(Facts facts, PolicyVersion policy);
}

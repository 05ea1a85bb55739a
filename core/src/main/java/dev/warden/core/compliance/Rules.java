package dev.warden.core.compliance;

import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every rule Warden applies, and the one evaluation that runs them all. */
public final class Rules {
    /** The rules, in id order. New rules are added here and documented in docs/compliance.md. */
    public static final List<Rule> ALL = List.of(
            new BadgeRequirementsUnmet(),
            new BountyMissing(),
            new BountyNotPublic(),
            new BountyUnhealthy(),
            new ContactMissing(),
            new DisclosureMismatch(),
            new IncidentActiveExploitation(),
            new IncidentFollowUp(),
            new IncidentLateReport(),
            new IncidentProcessUndocumented(),
            new OAuthRedirectDomain(),
            new OAuthScopeExcess(),
            new OAuthScopeReviewStale(),
            new OAuthSecretExposed(),
            new OAuthSecretExposedNotRotated(),
            new OAuthSecretNotRotated(),
            new OAuthSecretStorage(),
            new PatCollection(),
            new TicketAckOverdue(),
            new VerificationChangeUnreported(),
            new VerificationOverdue(),
            new VulnOverdue(),
            new VulnTriageOverdue());

    private Rules() {}

    /** Every violation in the facts, sorted by rule and subject. */
    public static List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        List<Violation> all = new ArrayList<>();
        for (Rule rule : ALL) {
            all.addAll(rule.evaluate(facts, policy));
        }
        Collections.sort(all);
        return all;
    }
}

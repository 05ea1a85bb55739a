package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code BADGE-REQUIREMENTS-UNMET}: an app awarded the Cloud Fortified badge no longer meets its
 * requirements (docs/policy sections 5 and 8: bug bounty participation "is also a prerequisite for
 * Cloud Fortified approval", and badges are revoked "while requirements are unmet"; the other
 * requirements and the annual review are operator-set in the version's {@code cloudFortified} section).
 * The award, not the badge on the listing, decides who is judged: a badge revoked by enforcement stays
 * awarded, so the case stays open until the requirements are met and the badge is returned. When the
 * violation began is not known from the facts: the notice and the 30-day window count from the first
 * evaluation that sees it.
 */
public final class BadgeRequirementsUnmet implements Rule {
    public static final String ID = "BADGE-REQUIREMENTS-UNMET";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An app awarded the Cloud Fortified badge no longer meets its requirements";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        List<Violation> out = new ArrayList<>();
        Map<dev.warden.core.catalog.AppKey, App> apps = facts.appsByKey();
        for (BadgeAward award : facts.obligations().badgeAwards()) {
            BadgeAward then = award.asOf(facts.asOf());
            App app = apps.get(award.app());
            if (then.state() != BadgeAward.State.AWARDED || app == null) {
                continue;
            }
            List<String> unmet = BadgeEligibility.unmet(app, facts, policy, then);
            if (!unmet.isEmpty()) {
                out.add(new Violation(
                        ID,
                        new Subject.App(app.key(), app.partner()),
                        null,
                        Severity.MEDIUM,
                        app.name() + " (" + award.badge() + "): " + String.join("; ", unmet),
                        policy.id()));
            }
        }
        return out;
    }
}

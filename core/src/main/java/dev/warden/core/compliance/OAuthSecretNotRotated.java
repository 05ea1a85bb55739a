package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OAUTH-SECRET-NOT-ROTATED}: "a client secret older than the rotation cadence" (docs/policy
 * section 3: rotate on a regular cadence; the cadence, 365 days, is operator-set). A client with no
 * rotation on record counts too: nobody can show it was ever rotated. Apps with every listing removed
 * are left alone.
 */
public final class OAuthSecretNotRotated implements Rule {
    public static final String ID = "OAUTH-SECRET-NOT-ROTATED";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An OAuth client secret is older than the rotation cadence";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Duration cadence = Duration.ofDays(policy.oauth().secretRotationDays());
        List<Violation> out = new ArrayList<>();
        for (App app : facts.apps()) {
            if (app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            Instant since = null;
            boolean unknown = false;
            for (OAuthClient client : app.oauthClients()) {
                Instant rotated = client.secretRotatedAt();
                if (rotated == null) {
                    lines.add("client " + client.clientId() + ": no rotation on record");
                    unknown = true;
                } else if (Duration.between(rotated, facts.asOf()).compareTo(cadence) > 0) {
                    Instant due = rotated.plus(cadence);
                    lines.add("client " + client.clientId() + ": secret last rotated " + Evidence.date(rotated) + ", "
                            + Evidence.elapsed(rotated, facts.asOf()) + " ago (rotate every "
                            + policy.oauth().secretRotationDays()
                            + " days)");
                    since = since == null || due.isBefore(since) ? due : since;
                }
            }
            if (!lines.isEmpty()) {
                out.add(new Violation(
                        ID,
                        new Subject.App(app.key(), app.partner()),
                        unknown ? null : since,
                        Severity.LOW,
                        String.join("; ", lines),
                        policy.id()));
            }
        }
        return out;
    }
}

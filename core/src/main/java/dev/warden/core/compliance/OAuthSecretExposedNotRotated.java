package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.policy.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code OAUTH-SECRET-EXPOSED-NOT-ROTATED}: "Rotate immediately if exposure is suspected" (docs/policy
 * section 3). Once the scanner has found a client secret of an app (a finding of the {@code
 * oauth-client-secret} rule that is not marked a false positive), every OAuth client of the app has a
 * rotation on record after the exposure within {@code oauth.rotateAfterExposureDays}; removing the
 * secret from the artifact does not end the duty, since the secret was readable. The scanner keeps only
 * a hash of what it found, so it cannot tell which client the secret belongs to: every client counts.
 * Separate from the yearly cadence ({@code OAUTH-SECRET-NOT-ROTATED}). Versions without the number
 * judge nothing; apps with every listing removed are left alone.
 */
public final class OAuthSecretExposedNotRotated implements Rule {
    public static final String ID = "OAUTH-SECRET-EXPOSED-NOT-ROTATED";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An OAuth client was not rotated promptly after its app's secret was found exposed";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Integer days = policy.oauth().rotateAfterExposureDays();
        if (days == null) {
            return List.of();
        }
        Duration window = Duration.ofDays(days);
        Map<AppKey, Instant> lastExposure = new TreeMap<>();
        for (ScanFinding f : facts.obligations().scanFindings()) {
            if (!f.rule().equals(ScanFinding.CLIENT_SECRET_RULE)
                    || f.firstSeenAt().isAfter(facts.asOf())) {
                continue;
            }
            if (f.dismissal() != null && !facts.asOf().isBefore(f.dismissal().at())) {
                continue;
            }
            lastExposure.merge(f.app(), f.firstSeenAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<AppKey, App> apps = facts.appsByKey();
        List<Violation> out = new ArrayList<>();
        lastExposure.forEach((key, exposed) -> {
            App app = apps.get(key);
            Instant due = exposed.plus(window);
            if (app == null
                    || app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)
                    || !facts.asOf().isAfter(due)) {
                return;
            }
            String when = "a client secret found exposed on " + Evidence.date(exposed) + "; rotation due "
                    + Evidence.date(due) + " (" + days + " days)";
            List<String> lines = new ArrayList<>();
            for (OAuthClient client : app.oauthClients()) {
                Instant rotated = client.secretRotatedAt();
                if (rotated == null || rotated.isBefore(exposed) || rotated.isAfter(facts.asOf())) {
                    lines.add("client " + client.clientId() + ": "
                            + (rotated == null || rotated.isAfter(facts.asOf())
                                    ? "no rotation on record"
                                    : "last rotated " + Evidence.date(rotated) + ", before the exposure"));
                }
            }
            if (app.oauthClients().isEmpty()) {
                lines.add("no OAuth client on record shows a rotation");
            }
            if (!lines.isEmpty()) {
                out.add(new Violation(
                        ID,
                        new Subject.App(app.key(), app.partner()),
                        due,
                        Severity.HIGH,
                        when + ": " + String.join("; ", lines),
                        policy.id()));
            }
        });
        return out;
    }
}

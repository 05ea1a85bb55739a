package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OAUTH-SECRET-STORAGE}: client secrets are "stored using encrypted secret stores or a managed
 * key management system" (docs/policy section 3; Forge apps use Forge secret storage). A client whose
 * secret is recorded as kept in the environment, a configuration file or source code is a violation
 * from the day the requirement reached the app; one whose storage is unknown is a violation once {@code
 * oauth.secretStorageGraceDays} have passed since then. The requirement reaches an app on the version's
 * effective date, or its first listing if later. Versions without the grace period judge nothing; apps
 * with every listing removed are left alone.
 */
public final class OAuthSecretStorage implements Rule {
    public static final String ID = "OAUTH-SECRET-STORAGE";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An OAuth client secret is not kept in an encrypted secret store or KMS";
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Integer grace = policy.oauth().secretStorageGraceDays();
        if (grace == null) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (App app : facts.apps()) {
            if (app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)) {
                continue;
            }
            LocalDate listed = app.firstListedOn();
            LocalDate from =
                    listed == null || listed.isBefore(policy.effectiveFrom()) ? policy.effectiveFrom() : listed;
            Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (facts.asOf().isBefore(start)) {
                continue;
            }
            Instant graceEnds = start.plus(java.time.Duration.ofDays(grace));
            List<String> lines = new ArrayList<>();
            Instant since = null;
            for (OAuthClient client : app.oauthClients()) {
                SecretStorage storage = client.secretStorage();
                Instant began;
                if (storage.isEncryptedStore()) {
                    continue;
                } else if (storage == SecretStorage.UNKNOWN) {
                    if (!facts.asOf().isAfter(graceEnds)) {
                        continue;
                    }
                    began = graceEnds;
                    lines.add("client " + client.clientId() + ": where its secret is kept is not on record (" + grace
                            + " days' grace from " + from + " ended " + Evidence.date(graceEnds) + ")");
                } else {
                    began = start;
                    lines.add("client " + client.clientId() + ": secret kept in "
                            + storage.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + ", not an encrypted secret store or KMS");
                }
                since = since == null || began.isBefore(since) ? began : since;
            }
            if (since != null) {
                out.add(new Violation(
                        ID,
                        new Subject.App(app.key(), app.partner()),
                        since,
                        Severity.MEDIUM,
                        String.join("; ", lines),
                        policy.id()));
            }
        }
        return out;
    }
}

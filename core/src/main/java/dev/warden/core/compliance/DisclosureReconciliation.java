package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.OAuthClient;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The differences between what an app's Privacy and Security tab declares and what Warden observes at an
 * instant, one sentence each naming both sides: the scan's token evidence, the security questionnaire's
 * token declaration, the OAuth clients' recorded secret storage and redirect URIs, the scanner's
 * hard-coded client secrets, and scopes that imply stored data.
 */
public final class DisclosureReconciliation {
    /** The scope that grants refresh tokens, which the app must store. */
    static final String OFFLINE_ACCESS = "offline_access";

    private DisclosureReconciliation() {}

    /** Every difference between {@code declared} and what {@code facts} show for {@code app}; empty when none. */
    public static List<String> differences(App app, PrivacyDeclaration.Declared declared, Facts facts) {
        List<String> out = new ArrayList<>();
        String on = "the Privacy and Security tab (declared " + Evidence.date(declared.declaredAt()) + ")";
        TokenUse use = facts.tokenUse().stream()
                .filter(t -> t.app().equals(app.key()))
                .findFirst()
                .orElse(null);
        if (!declared.handlesUserApiTokens() && use != null) {
            TokenUse.ScanEvidence e = use.evidence();
            if (e != null && !e.findings().isEmpty() && !e.scannedAt().isAfter(facts.asOf())) {
                out.add(on + " says the app handles no user API tokens; the scan of " + e.artifact() + " on "
                        + Evidence.date(e.scannedAt()) + " found "
                        + Evidence.list(
                                e.findings().stream()
                                        .limit(Breaches.SHOWN)
                                        .map(f -> f.rule() + " at " + f.location())
                                        .toList(),
                                e.findings().size()));
            }
            TokenUse.Declaration q = use.declaration();
            if (q != null && q.any() && !q.declaredAt().isAfter(facts.asOf())) {
                out.add(on + " says the app handles no user API tokens; the security questionnaire (declared "
                        + Evidence.date(q.declaredAt()) + ") says it " + q.verbs() + " them");
            }
        }
        SecretStorage storage = declared.oauthSecretStorage();
        for (OAuthClient client : app.oauthClients()) {
            if (storage == null) {
                out.add(on + " says the app keeps no OAuth client secret; Warden knows its OAuth client "
                        + client.clientId());
            } else if (storage.isEncryptedStore()
                    && !client.secretStorage().isEncryptedStore()
                    && client.secretStorage() != SecretStorage.UNKNOWN) {
                out.add(on + " says OAuth client secrets are kept in " + storage + "; client " + client.clientId()
                        + " is recorded as " + client.secretStorage());
            }
            for (String uri : client.redirectUris()) {
                String host = host(uri);
                if (host != null && !declared.declaresEgressTo(host)) {
                    out.add(on + " does not list " + host + " among the egress domains; it is the redirect URI host"
                            + " of OAuth client " + client.clientId());
                }
            }
            if (!declared.storesData() && client.scopes().contains(OFFLINE_ACCESS)) {
                out.add(on + " says the app stores no data; OAuth client " + client.clientId() + " requests "
                        + OFFLINE_ACCESS + " (refresh tokens the app must store)");
            }
        }
        for (PrivacyDeclaration record : facts.obligations().privacyDeclarations()) {
            if (!record.app().equals(app.key())) {
                continue;
            }
            for (PrivacyDeclaration.Observed seen : record.observedAsOf(facts.asOf())) {
                for (String domain : seen.domains()) {
                    if (!declared.declaresEgressTo(domain)) {
                        out.add(on + " does not list " + domain + " among the egress domains; the " + seen.hosting()
                                + " descriptor of version " + seen.version()
                                + (seen.artifact() == null ? "" : " (" + seen.artifact() + ")") + ", scanned "
                                + Evidence.date(seen.scannedAt()) + ", sends data there");
                    }
                }
            }
        }
        if (storage == null || storage.isEncryptedStore()) {
            for (ScanFinding f : facts.obligations().scanFindings()) {
                if (f.app().equals(app.key())
                        && f.rule().equals(ScanFinding.CLIENT_SECRET_RULE)
                        && f.openAt(facts.asOf())) {
                    out.add(on + " says OAuth client secrets are "
                            + (storage == null ? "not used" : "kept in " + storage)
                            + "; the scanner found a hard-coded client secret at " + f.location()
                            + (f.preview() == null ? "" : " (" + f.preview() + ")"));
                }
            }
        }
        return out;
    }

    private static @Nullable String host(String uri) {
        try {
            String h = URI.create(uri).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;

/**
 * {@code OAUTH-REDIRECT-DOMAIN}: "a redirect URI domain expired, expiring, transferred or open to
 * takeover" (docs/policy section 3: each redirect URI "must resolve to a domain the partner owns and
 * operates"; a domain that expired, was transferred or is open to subdomain takeover is a Critical
 * vulnerability). Raised while a finding of Warden's domain checks on one of the app's redirect URIs
 * stands (scanner rules {@code redirect-domain-*}); it ends when a later check passes, or an analyst
 * marks the finding a false positive.
 */
public final class OAuthRedirectDomain extends ScanFindingRule {
    public static final String ID = "OAUTH-REDIRECT-DOMAIN";

    public OAuthRedirectDomain() {
        super(rule -> rule.startsWith(ScanFinding.REDIRECT_DOMAIN_RULES), Severity.CRITICAL);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "A redirect URI's domain is open to takeover, expired or transferred";
    }

    @Override
    String describe(ScanFinding finding) {
        return finding.title() + ": " + finding.location();
    }

    @Override
    String found(ScanFinding f) {
        return "failing since " + Evidence.date(f.firstSeenAt());
    }
}

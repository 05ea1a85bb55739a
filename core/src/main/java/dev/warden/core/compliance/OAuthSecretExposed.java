package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;

/**
 * {@code OAUTH-SECRET-EXPOSED}: "a client secret was found in an artifact or other inspectable place"
 * (docs/policy section 3: client secrets are "never hardcoded in source, configuration or any artifact a
 * user can inspect"; "a hardcoded secret found by the scanner is a vulnerability ticket and a
 * violation"). Raised while a scan finding of the {@code oauth-client-secret} rule stands: it ends when a
 * later version is scanned without it, or an analyst marks it a false positive.
 */
public final class OAuthSecretExposed extends ScanFindingRule {
    public static final String ID = "OAUTH-SECRET-EXPOSED";

    public OAuthSecretExposed() {
        super(ScanFinding.CLIENT_SECRET_RULE, Severity.HIGH);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An OAuth client secret was found in an app's artifact";
    }

    @Override
    String describe(ScanFinding finding) {
        return "client secret " + (finding.preview() != null ? finding.preview() + " " : "") + "at "
                + finding.location();
    }
}

package dev.warden.core.compliance;

import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.ScanFinding;

/**
 * {@code OAUTH-SCOPE-EXCESS}: "scopes requested but not used, or broader than needed" (docs/policy
 * section 3: "least privilege. Scopes requested but not used by the app, and broad scopes where a
 * narrower one serves, are findings"). Raised while a scan finding of the {@code oauth-scope-unused}
 * rule stands: a scope the app's descriptor requests and its code never needs.
 */
public final class OAuthScopeExcess extends ScanFindingRule {
    public static final String ID = "OAUTH-SCOPE-EXCESS";

    public OAuthScopeExcess() {
        super(ScanFinding.SCOPE_RULE, Severity.LOW);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An app requests OAuth scopes it does not use";
    }

    @Override
    String describe(ScanFinding finding) {
        return "scope " + (finding.preview() != null ? finding.preview() + " " : "") + "requested at "
                + finding.location() + ", never used";
    }
}

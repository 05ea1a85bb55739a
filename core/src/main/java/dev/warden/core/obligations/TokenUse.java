package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What Warden knows about an app's use of user API tokens (docs/policy section 6): the partner's
 * declaration, its migration, an extension while platform work it asked for is open, and the latest
 * scan's evidence.
 */
public record TokenUse(
        AppKey app,
        @Nullable Declaration declaration,
        Migration migration,
        @Nullable Extension extension,
        @Nullable ScanEvidence evidence) {

    /** The scanner rules whose findings show an app handles user API tokens. */
    public static final Set<String> EVIDENCE_RULES =
            Set.of("pat-collection", "atlassian-api-token", "dc-personal-access-token");

    /** The partner's own disclosure (security questionnaire, Privacy and Security tab). */
    public record Declaration(boolean collects, boolean transmits, boolean stores, Instant declaredAt) {
        /** Whether the partner says the app handles tokens in any way. */
        public boolean any() {
            return collects || transmits || stores;
        }

        /** What the partner says the app does with tokens: "collects, stores"; empty for nothing. */
        public String verbs() {
            List<String> verbs = new java.util.ArrayList<>();
            if (collects) {
                verbs.add("collects");
            }
            if (transmits) {
                verbs.add("transmits");
            }
            if (stores) {
                verbs.add("stores");
            }
            return String.join(", ", verbs);
        }
    }

    /** How far the app is in moving off tokens (to OAuth or the platform's own auth). */
    public enum Migration {
        NOT_STARTED,
        IN_PROGRESS,
        MIGRATED
    }

    /**
     * The window extended while platform work the partner asked for is open ("where the needed API
     * exists only for tokens, the partner can ask for platform work").
     *
     * @param platformRequest the operator's reference for the request, for example "ECO-1412"
     */
    public record Extension(String platformRequest, boolean open, Instant requestedAt) {
        public Extension {
            Checks.line(platformRequest, "platformRequest");
        }
    }

    /** One finding of the scanner that shows token handling; never the token itself. */
    public record Finding(
            String rule, String location, @Nullable String preview) {
        public Finding {
            Checks.line(rule, "rule");
            Checks.text(location, "location");
        }
    }

    /** The findings of the app's latest scan that show token handling (empty: the scan found none). */
    public record ScanEvidence(Instant scannedAt, String artifact, List<Finding> findings) {
        // The format leaves an empty list out: absent reads as none found.
        public ScanEvidence(Instant scannedAt, String artifact, @Nullable List<Finding> findings) {
            this.scannedAt = scannedAt;
            this.artifact = Checks.line(artifact, "artifact");
            this.findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /** A record with nothing known yet. */
    public static TokenUse unknown(AppKey app) {
        return new TokenUse(app, null, Migration.NOT_STARTED, null, null);
    }

    /** Whether the declaration or the latest scan says the app handles tokens. */
    public boolean handlesTokens() {
        return (declaration != null && declaration.any())
                || (evidence != null && !evidence.findings().isEmpty());
    }
}

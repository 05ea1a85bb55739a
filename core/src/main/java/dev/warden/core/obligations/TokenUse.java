package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What Warden knows about an app's use of user API tokens (docs/policy section 6): the partner's
 * declaration, its migration, an extension while platform work it asked for is open, and the latest
 * scan's evidence. Each part carries its date, so {@link #asOf} gives the record as it stood at an
 * earlier instant.
 *
 * @param migratedAt when the migration was completed; only with {@link Migration#MIGRATED} (absent
 *     there: a record written before the date was kept, taken as migrated at any instant)
 */
public record TokenUse(
        AppKey app,
        @Nullable Declaration declaration,
        Migration migration,
        @Nullable Extension extension,
        @Nullable ScanEvidence evidence,
        @Nullable Instant migratedAt) {

    public TokenUse {
        if (migratedAt != null && migration != Migration.MIGRATED) {
            throw new IllegalArgumentException("migratedAt is given only for a MIGRATED migration");
        }
    }

    /** A record without the date of a completed migration. */
    public TokenUse(
            AppKey app,
            @Nullable Declaration declaration,
            Migration migration,
            @Nullable Extension extension,
            @Nullable ScanEvidence evidence) {
        this(app, declaration, migration, extension, evidence, null);
    }

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
     * @param closedAt when the platform work was closed; only for a closed one (absent there: a record
     *     written before the date was kept, taken as closed at any instant)
     */
    public record Extension(
            String platformRequest,
            boolean open,
            Instant requestedAt,
            @Nullable Instant closedAt) {
        public Extension {
            Checks.line(platformRequest, "platformRequest");
            if (closedAt != null && open) {
                throw new IllegalArgumentException("closedAt is given only for a closed extension");
            }
            if (closedAt != null && closedAt.isBefore(requestedAt)) {
                throw new IllegalArgumentException("closedAt must not be before requestedAt");
            }
        }

        /** An extension without the date it was closed. */
        public Extension(String platformRequest, boolean open, Instant requestedAt) {
            this(platformRequest, open, requestedAt, null);
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

    /**
     * The record as it stood at {@code at}: a declaration, scan or extension made later left out, an
     * extension closed later still open, a migration completed later still in progress.
     */
    public TokenUse asOf(Instant at) {
        Declaration d = declaration != null && declaration.declaredAt().isAfter(at) ? null : declaration;
        ScanEvidence e = evidence != null && evidence.scannedAt().isAfter(at) ? null : evidence;
        Extension x = extension;
        if (x != null && x.requestedAt().isAfter(at)) {
            x = null;
        } else if (x != null && x.closedAt() != null && x.closedAt().isAfter(at)) {
            x = new Extension(x.platformRequest(), true, x.requestedAt(), null);
        }
        boolean later = migratedAt != null && migratedAt.isAfter(at);
        if (d == declaration && e == evidence && x == extension && !later) {
            return this;
        }
        return new TokenUse(app, d, later ? Migration.IN_PROGRESS : migration, x, e, later ? null : migratedAt);
    }

    /** Whether the declaration or the latest scan says the app handles tokens. */
    public boolean handlesTokens() {
        return (declaration != null && declaration.any())
                || (evidence != null && !evidence.findings().isEmpty());
    }
}

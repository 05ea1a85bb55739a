package dev.warden.server.obligations;

import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import org.jspecify.annotations.Nullable;

/** The kinds of obligation record, with their id prefixes and what lists filter on. */
enum Kind {
    INCIDENT(Incident.class, "INC-"),
    BOUNTY_PROGRAM(BountyProgram.class, "BB-"),
    VERIFICATION(Verification.class, "VER-"),
    ENTITY_CHANGE(EntityChange.class, "CHG-"),
    /** One per app, keyed by the app. */
    TOKEN_USE(TokenUse.class, null),
    /** One per finding of the scanner on an app's listing, keyed by its computed id (SF-...). */
    SCAN_FINDING(ScanFinding.class, null),
    /** One per partner, keyed by the partner. */
    INCIDENT_PROCESS(IncidentProcess.class, null),
    /** One per app and badge, keyed by both (app/BADGE). */
    BADGE_AWARD(dev.warden.core.obligations.BadgeAward.class, null),
    /** One per app, keyed by the app. */
    PRIVACY_DECLARATION(dev.warden.core.obligations.PrivacyDeclaration.class, null),
    /** One per app, keyed by the app. */
    SCOPE_REVIEW(dev.warden.core.obligations.ScopeReview.class, null);

    final Class<?> type;
    final @Nullable String prefix;

    Kind(Class<?> type, @Nullable String prefix) {
        this.type = type;
        this.prefix = prefix;
    }

    /** The state column: what a list filters on. */
    static String state(Object record) {
        if (record instanceof Incident i) {
            return i.open() ? (i.containedAt() == null ? "OPEN" : "CONTAINED") : "CLOSED";
        }
        if (record instanceof BountyProgram p) {
            return p.status().name();
        }
        if (record instanceof Verification v) {
            return v.state().name();
        }
        if (record instanceof EntityChange c) {
            return c.reportedAt() == null ? "UNREPORTED" : "REPORTED";
        }
        if (record instanceof TokenUse t) {
            return t.handlesTokens() ? "HANDLES_TOKENS" : "NONE";
        }
        if (record instanceof ScanFinding f) {
            return f.state().name();
        }
        if (record instanceof dev.warden.core.obligations.BadgeAward b) {
            return b.state().name();
        }
        if (record instanceof dev.warden.core.obligations.PrivacyDeclaration d) {
            return d.declarations().isEmpty() ? "NONE" : "DECLARED";
        }
        if (record instanceof dev.warden.core.obligations.ScopeReview r) {
            return r.reviews().isEmpty() ? "NONE" : "REVIEWED";
        }
        if (record instanceof IncidentProcess p) {
            // As attested: whether a review has gone stale depends on when it is read.
            return p.latest()
                    .map(a -> a.missing().isEmpty() ? "ATTESTED" : "INCOMPLETE")
                    .orElse("MISSING");
        }
        throw new IllegalArgumentException("not an obligation record: " + record.getClass());
    }

    static Kind of(Object record) {
        for (Kind k : values()) {
            if (k.type.isInstance(record)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not an obligation record: " + record.getClass());
    }

    /** The record's id within its kind. */
    static String id(Object record) {
        if (record instanceof Incident i) {
            return i.id();
        }
        if (record instanceof BountyProgram p) {
            return p.id();
        }
        if (record instanceof Verification v) {
            return v.id();
        }
        if (record instanceof EntityChange c) {
            return c.id();
        }
        if (record instanceof TokenUse t) {
            return t.app().value();
        }
        if (record instanceof ScanFinding f) {
            return f.id();
        }
        if (record instanceof IncidentProcess p) {
            return p.partner().value();
        }
        if (record instanceof dev.warden.core.obligations.BadgeAward b) {
            return b.id();
        }
        if (record instanceof dev.warden.core.obligations.PrivacyDeclaration d) {
            return d.app().value();
        }
        if (record instanceof dev.warden.core.obligations.ScopeReview r) {
            return r.app().value();
        }
        throw new IllegalArgumentException("not an obligation record: " + record.getClass());
    }
}

package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing the operator's scanner found in an app's artifacts, followed across the app's versions
 * (docs/policy section 3: "a hardcoded secret found by the scanner is a vulnerability ticket and a
 * violation"; scopes requested but not used are findings). The same secret or scope found again in a
 * later version is the same finding: {@code fingerprint} comes from the rule and the matched value, not
 * from where it sits (artifact names carry the version). Never holds a secret, only its masked preview.
 *
 * @param id {@code SF-} and a hash of app, hosting, rule and fingerprint: the same finding has the same id
 *     wherever it is computed
 * @param rule the scanner rule's id ({@code oauth-client-secret}, {@code pat-collection}, ...)
 * @param location where it was last seen, through nested archives ({@code a.obr!/lib/b.jar!/x:3})
 * @param preview the masked match ({@code abcd…(40 chars)}), or the scope for a scope finding
 * @param ticket the SCANNER ticket it opened; null for a rule that opens none (scopes)
 * @param firstSeenAt when a scan first found it (in {@code firstSeenVersion})
 * @param fixedAt when a scan of a later version no longer found it; null while it is there
 * @param dismissal an analyst's judgement that it is a false positive; it then stays closed
 */
public record ScanFinding(
        String id,
        AppKey app,
        Hosting hosting,
        String rule,
        String fingerprint,
        String title,
        String location,
        @Nullable String preview,
        @Nullable String ticket,
        Instant firstSeenAt,
        String firstSeenVersion,
        String lastSeenVersion,
        @Nullable Instant fixedAt,
        @Nullable String fixedVersion,
        @Nullable Dismissal dismissal) {

    /** The scanner rule whose findings are exposed OAuth client secrets. */
    public static final String CLIENT_SECRET_RULE = "oauth-client-secret";

    /** The scanner rule whose findings are scopes requested but not used. */
    public static final String SCOPE_RULE = "oauth-scope-unused";

    /**
     * The prefix of the rules of Warden's domain checks on redirect URIs ({@code redirect-domain-takeover},
     * ...): their findings are on a domain rather than in an artifact, and their "version" is the check.
     */
    public static final String REDIRECT_DOMAIN_RULES = "redirect-domain-";

    /** Marked a false positive: by whom, when and why (audited where it happens). */
    public record Dismissal(Instant at, String by, String reason) {
        public Dismissal {
            Checks.line(by, "by");
            Checks.text(reason, "reason");
        }
    }

    /** What {@link #state()} can be. */
    public enum State {
        OPEN,
        FIXED,
        FALSE_POSITIVE
    }

    public ScanFinding {
        Checks.id(id, "scan finding id");
        Checks.line(rule, "rule");
        if (!fingerprint.matches("[0-9a-f]{16,64}")) {
            throw new IllegalArgumentException("fingerprint must be 16 to 64 lower-case hex digits");
        }
        Checks.line(title, "title");
        Checks.text(location, "location");
        if (preview != null && preview.length() > 200) {
            throw new IllegalArgumentException("preview must be at most 200 characters");
        }
        Checks.line(firstSeenVersion, "firstSeenVersion");
        Checks.line(lastSeenVersion, "lastSeenVersion");
        if (ticket != null && !dev.warden.core.tickets.TicketKey.isValid(ticket)) {
            throw new IllegalArgumentException("ticket must be a ticket key such as AMS-12");
        }
        if ((fixedAt == null) != (fixedVersion == null)) {
            throw new IllegalArgumentException("fixedAt and fixedVersion go together");
        }
        if (fixedAt != null && fixedAt.isBefore(firstSeenAt)) {
            throw new IllegalArgumentException("fixedAt cannot be before firstSeenAt");
        }
    }

    /** The id of the finding of {@code rule} with {@code fingerprint} on an app's listing. */
    public static String idOf(AppKey app, Hosting hosting, String rule, String fingerprint) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((app.value() + '\0' + hosting + '\0' + rule + '\0' + fingerprint)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "SF-" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public State state() {
        if (dismissal != null) {
            return State.FALSE_POSITIVE;
        }
        return fixedAt == null ? State.OPEN : State.FIXED;
    }

    /** Whether the finding stood at {@code at}: found by then, not yet fixed, not yet dismissed. */
    public boolean openAt(Instant at) {
        return !at.isBefore(firstSeenAt)
                && (fixedAt == null || at.isBefore(fixedAt))
                && (dismissal == null || at.isBefore(dismissal.at()));
    }

    /** Seen again in {@code version} (at {@code location}): a fixed finding is open again. */
    public ScanFinding seenIn(String version, String where, @Nullable String shown) {
        return new ScanFinding(
                id,
                app,
                hosting,
                rule,
                fingerprint,
                title,
                where,
                shown,
                ticket,
                firstSeenAt,
                firstSeenVersion,
                version,
                null,
                null,
                dismissal);
    }

    /** No longer found in {@code version}, scanned at {@code at}. */
    public ScanFinding fixedIn(String version, Instant at) {
        return new ScanFinding(
                id,
                app,
                hosting,
                rule,
                fingerprint,
                title,
                location,
                preview,
                ticket,
                firstSeenAt,
                firstSeenVersion,
                lastSeenVersion,
                at.isBefore(firstSeenAt) ? firstSeenAt : at,
                version,
                dismissal);
    }

    public ScanFinding dismissed(Dismissal by) {
        return new ScanFinding(
                id,
                app,
                hosting,
                rule,
                fingerprint,
                title,
                location,
                preview,
                ticket,
                firstSeenAt,
                firstSeenVersion,
                lastSeenVersion,
                fixedAt,
                fixedVersion,
                by);
    }

    public ScanFinding withTicket(@Nullable String key) {
        return new ScanFinding(
                id,
                app,
                hosting,
                rule,
                fingerprint,
                title,
                location,
                preview,
                key,
                firstSeenAt,
                firstSeenVersion,
                lastSeenVersion,
                fixedAt,
                fixedVersion,
                dismissal);
    }
}

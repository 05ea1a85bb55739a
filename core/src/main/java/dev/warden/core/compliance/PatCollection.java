package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code PAT-COLLECTION}: "an app collects, transmits or stores user API tokens past its deadline"
 * (docs/policy section 6: "Existing apps must finish migrating by the end of Q2 2026 (2026-06-30); where
 * the needed API exists only for tokens, the partner can ask for platform work and the window is
 * extended while that work is open. New apps submitted after the policy must comply before approval").
 * An app handles tokens when its declaration says so or its latest scan found evidence. An app first
 * listed on or after the policy's date is new: no window, and no extension.
 */
public final class PatCollection implements Rule {
    public static final String ID = "PAT-COLLECTION";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "An app collects, transmits or stores user API tokens past its deadline";
    }

    /** Whether the app counts as new under the policy: first listed on or after its date. */
    public static boolean isNew(App app, PolicyVersion policy) {
        LocalDate first = app.firstListedOn();
        return first != null && !first.isBefore(policy.personalAccessTokens().newAppsFrom());
    }

    @Override
    public List<Violation> evaluate(Facts facts, PolicyVersion policy) {
        Map<AppKey, App> apps = facts.appsByKey();
        List<Violation> out = new ArrayList<>();
        for (TokenUse use : facts.tokenUse()) {
            App app = apps.get(use.app());
            if (app == null
                    || !use.handlesTokens()
                    || app.listings().stream().allMatch(l -> l.state() == ListingState.REMOVED)) {
                continue;
            }
            boolean fresh = isNew(app, policy);
            LocalDate deadline = policy.personalAccessTokens().migrationDeadline();
            Instant since = fresh
                    ? java.util.Objects.requireNonNull(app.firstListedOn())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                    : deadline.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            TokenUse.Extension extension = use.extension();
            if (facts.asOf().isBefore(since) || (!fresh && extension != null && extension.open())) {
                continue;
            }
            Instant closed = extension == null ? null : extension.closedAt();
            if (!fresh && closed != null && closed.isAfter(since)) {
                since = closed; // the window ran until the platform work closed
            }
            out.add(new Violation(
                    ID,
                    new Subject.App(app.key(), app.partner()),
                    since,
                    Severity.HIGH,
                    signals(use) + "; migration "
                            + Evidence.title(use.migration()).toLowerCase(java.util.Locale.ROOT)
                            + (fresh
                                    ? "; a new app (first listed " + app.firstListedOn() + ") must comply at once"
                                    : "; existing apps had until " + deadline
                                            + (extension != null
                                                    ? " (platform request " + extension.platformRequest()
                                                            + (closed != null
                                                                    ? " closed " + Evidence.date(closed)
                                                                    : " is closed")
                                                            + ")"
                                                    : "")),
                    policy.id()));
        }
        return out;
    }

    /** What shows the app handles tokens: the declaration's words and the scan's findings. */
    static String signals(TokenUse use) {
        List<String> said = new ArrayList<>();
        TokenUse.Declaration d = use.declaration();
        if (d != null && d.any()) {
            said.add("declared: " + d.verbs() + " user API tokens");
        }
        TokenUse.ScanEvidence e = use.evidence();
        if (e != null && !e.findings().isEmpty()) {
            List<String> shown = e.findings().stream()
                    .limit(Breaches.SHOWN)
                    .map(f -> f.rule() + " at " + f.location())
                    .toList();
            said.add("scan of " + e.artifact() + " on " + Evidence.date(e.scannedAt()) + " found "
                    + Evidence.list(shown, e.findings().size()));
        }
        return String.join("; ", said);
    }
}

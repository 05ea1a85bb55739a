package dev.warden.server.web;

import dev.warden.core.enforcement.Origin;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What restricts each of a partner's apps now (a hidden or paused listing, a revoked badge), for the
 * portal's list of apps: the action in plain words, on which listing, since when, why, its case, and
 * until when it may be appealed, beside the app rather than a page away.
 */
final class AppRestrictions {
    /** One action in effect against an app or one of its listings. */
    record Restriction(
            String words,
            @Nullable String hosting,
            @Nullable Instant since,
            String reason,
            long caseId,
            String rule,
            @Nullable Instant appealableUntil) {}

    private AppRestrictions() {}

    /** The actions in effect among {@code applied}, by app key, oldest first. */
    static Map<String, List<Restriction>> of(List<ActionView> applied) {
        Map<String, List<Restriction>> byApp = new LinkedHashMap<>();
        for (ActionView a : applied) {
            if (a.undoneAt() != null || a.origin() == Origin.LIFT) {
                continue;
            }
            String id = a.subject().id();
            String app;
            String hosting = null;
            switch (a.subject().type()) {
                case "app" -> app = id;
                case "listing" -> {
                    int slash = id.lastIndexOf('/');
                    app = id.substring(0, slash);
                    hosting = id.substring(slash + 1);
                }
                default -> {
                    continue;
                }
            }
            byApp.computeIfAbsent(app, k -> new ArrayList<>())
                    .add(new Restriction(
                            words(a.action()),
                            hosting,
                            a.appliedAt(),
                            a.reason(),
                            a.caseId(),
                            a.rule(),
                            a.appealableUntil()));
        }
        byApp.values()
                .forEach(list -> list.sort(java.util.Comparator.comparing(
                        Restriction::since, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))));
        return byApp;
    }

    private static String words(String action) {
        try {
            return EnforcementAction.valueOf(action).words();
        } catch (IllegalArgumentException e) {
            return action;
        }
    }
}

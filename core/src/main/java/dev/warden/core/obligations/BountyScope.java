package dev.warden.core.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.policy.PolicyParts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which of a partner's apps must have a bug bounty program, and why (docs/policy section 5): "Silver: the
 * paid cloud app with the most installs. Gold: every paid cloud app with 100 or more installs.
 * Platinum: every paid cloud app. Any app with the Cloud Fortified badge needs one too." A paid cloud
 * app is an app with a paid Cloud listing that is not removed; its installs are the Cloud listing's.
 */
public final class BountyScope {
    /** An app that must be covered, with every reason that applies. */
    public record Requirement(AppKey app, List<String> reasons) {
        public Requirement {
            reasons = List.copyOf(reasons);
        }
    }

    /** An app in scope and the active program that covers it, if any ({@code covered} says which). */
    public record Coverage(
            AppKey app, List<String> reasons, @Nullable String program, boolean covered) {
        public Coverage {
            reasons = List.copyOf(reasons);
            if (covered != (program != null)) {
                throw new IllegalArgumentException("covered means a program covers the app");
            }
        }
    }

    private BountyScope() {}

    /** The apps of {@code partner} (from {@code apps}) that need a program, by app key. */
    public static List<Requirement> required(Partner partner, List<App> apps, PolicyParts.Bounty policy) {
        if (partner.status() == PartnerStatus.TERMINATED) {
            return List.of();
        }
        Map<AppKey, List<String>> reasons = new LinkedHashMap<>();
        List<App> paidCloud = new ArrayList<>();
        for (App app : apps) {
            if (app.partner().equals(partner.id()) && paidCloudListing(app).isPresent()) {
                paidCloud.add(app);
            }
        }
        switch (partner.tier()) {
            case SILVER:
                paidCloud.stream()
                        .max(Comparator.comparingLong(BountyScope::cloudInstalls)
                                .thenComparing(App::key, Comparator.reverseOrder()))
                        .ifPresent(top -> add(
                                reasons,
                                top.key(),
                                "Silver partner: its paid Cloud app with the most installs (" + cloudInstalls(top)
                                        + ")"));
                break;
            case GOLD:
                for (App app : paidCloud) {
                    if (cloudInstalls(app) >= policy.goldMinInstalls()) {
                        add(
                                reasons,
                                app.key(),
                                "Gold partner: a paid Cloud app with " + cloudInstalls(app) + " installs ("
                                        + policy.goldMinInstalls() + " or more)");
                    }
                }
                break;
            case PLATINUM:
                for (App app : paidCloud) {
                    add(reasons, app.key(), "Platinum partner: every paid Cloud app");
                }
                break;
            default:
                break;
        }
        for (App app : apps) {
            boolean live = app.listings().stream().anyMatch(l -> l.state() != ListingState.REMOVED);
            if (app.partner().equals(partner.id()) && live && app.hasBadge(Badge.CLOUD_FORTIFIED)) {
                add(reasons, app.key(), "the app has the Cloud Fortified badge");
            }
        }
        List<Requirement> out = new ArrayList<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new Requirement(e.getKey(), e.getValue())));
        return out;
    }

    /** The required apps and, for each, the first active program (by id) that lists it. */
    public static List<Coverage> coverage(
            Partner partner, List<App> apps, List<BountyProgram> programs, PolicyParts.Bounty policy) {
        List<Coverage> out = new ArrayList<>();
        for (Requirement r : required(partner, apps, policy)) {
            String covering = programs.stream()
                    .filter(p -> p.partner().equals(partner.id())
                            && p.status() == BountyProgram.Status.ACTIVE
                            && p.apps().contains(r.app()))
                    .map(BountyProgram::id)
                    .sorted()
                    .findFirst()
                    .orElse(null);
            out.add(new Coverage(r.app(), r.reasons(), covering, covering != null));
        }
        return out;
    }

    private static void add(Map<AppKey, List<String>> reasons, AppKey app, String reason) {
        reasons.computeIfAbsent(app, k -> new ArrayList<>()).add(reason);
    }

    private static Optional<Listing> paidCloudListing(App app) {
        return app.listing(Hosting.CLOUD).filter(l -> l.paid() && l.state() != ListingState.REMOVED);
    }

    private static long cloudInstalls(App app) {
        return paidCloudListing(app).map(Listing::installs).orElse(0L);
    }
}

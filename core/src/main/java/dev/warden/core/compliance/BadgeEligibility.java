package dev.warden.core.compliance;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.Incident;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether an app meets the Cloud Fortified requirements of a policy version at an instant, and if not,
 * which it misses, one sentence each (shown to the partner and carried as a violation's evidence). The
 * same check answers "may this app be awarded the badge" and "may it keep it".
 */
public final class BadgeEligibility {
    private BadgeEligibility() {}

    /**
     * The requirements the app misses at {@code facts.asOf()}; empty when it meets them all, or when the
     * version names none.
     *
     * @param award the app's award as it stood then (null: never awarded; the annual review is not checked)
     */
    public static List<String> unmet(App app, Facts facts, PolicyVersion policy, @Nullable BadgeAward award) {
        Optional<PolicyParts.CloudFortified> asked = policy.cloudFortifiedRequirements();
        if (asked.isEmpty()) {
            return List.of();
        }
        PolicyParts.CloudFortified r = asked.get();
        List<String> unmet = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(facts.asOf(), ZoneOffset.UTC);
        if (r.bountyProgram()) {
            bounty(app.key(), facts, policy, today).ifPresent(unmet::add);
        }
        // Cloud Fortified is a Cloud badge: the Cloud listing's tickets count.
        Breaches.Group overdue = facts.breaches().overdue().get(new Breaches.Key(app.key(), Hosting.CLOUD));
        if (overdue != null && overdue.worst().compareTo(r.noOverdueFrom()) <= 0) {
            List<String> keys = overdue.first().stream()
                    .filter(t -> t.severity().compareTo(r.noOverdueFrom()) <= 0)
                    .map(t -> t.key().value() + " (" + t.severity() + ")")
                    .toList();
            unmet.add("overdue " + r.noOverdueFrom() + " or worse tickets on the Cloud listing: "
                    + (keys.isEmpty() ? overdue.count() + " overdue" : String.join(", ", keys)));
        }
        Integer minSla = r.minSlaAttainmentPercent();
        if (minSla != null) {
            Breaches.Attainment a = facts.breaches().attainment(app.key(), Hosting.CLOUD);
            if (a.percent() < minSla) {
                unmet.add("SLA attainment over the last 12 months is " + a.percent() + "% (" + (a.due() - a.missed())
                        + " of " + a.due() + " tickets due on the Cloud listing fixed by their due date; at least "
                        + minSla + "% asked)");
            }
        }
        if (r.noOpenIncident()) {
            List<String> open = facts.incidents().stream()
                    .filter(Incident::open)
                    .filter(i -> i.apps().contains(app.key()))
                    .map(i -> i.id() + " (" + i.title() + ")")
                    .toList();
            if (!open.isEmpty()) {
                unmet.add("open incident " + String.join(", ", open));
            }
        }
        if (award != null) {
            Optional<Instant> reviewed = award.lastReviewedAt();
            if (reviewed.isPresent()) {
                LocalDate due =
                        LocalDate.ofInstant(reviewed.get(), ZoneOffset.UTC).plusMonths(r.reviewEveryMonths());
                if (today.isAfter(due)) {
                    unmet.add("annual review overdue: last reviewed "
                            + LocalDate.ofInstant(reviewed.get(), ZoneOffset.UTC) + ", due by " + due);
                }
            }
        }
        return unmet;
    }

    /** Why the app's bug bounty participation falls short, if it does. */
    private static Optional<String> bounty(AppKey app, Facts facts, PolicyVersion policy, LocalDate today) {
        List<BountyProgram> covering = facts.obligations().programs().stream()
                .filter(p -> p.apps().contains(app) && !p.launchedOn().isAfter(today))
                .toList();
        List<BountyProgram> active = covering.stream()
                .filter(p -> p.status() == BountyProgram.Status.ACTIVE)
                .toList();
        if (active.isEmpty()) {
            return Optional.of(
                    covering.isEmpty()
                            ? "no bug bounty program covers the app (a prerequisite for Cloud Fortified)"
                            : "no active bug bounty program covers the app: "
                                    + String.join(
                                            ", ",
                                            covering.stream()
                                                    .map(p -> p.id() + " " + p.status())
                                                    .toList()));
        }
        for (BountyProgram p : active) {
            if (BountyUnhealthy.problems(p, policy, today).isEmpty()) {
                return Optional.empty();
            }
        }
        BountyProgram first = active.get(0);
        return Optional.of("bug bounty program " + first.id() + " is unhealthy: "
                + String.join("; ", BountyUnhealthy.problems(first, policy, today)));
    }
}

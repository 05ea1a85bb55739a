package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Partner;
import dev.warden.core.compliance.BadgeEligibility;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.compliance.Facts;
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.tickets.TicketClock;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Versioned;
import dev.warden.server.tickets.TicketLists;
import dev.warden.server.tickets.TicketQuery;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's Cloud Fortified badge as a lifecycle (docs/obligations.md): the partner applies, an analyst
 * awards it (only while the app meets every requirement of the policy in force) or rejects it with a
 * reason, reviews it yearly, or withdraws it. Awarding shows the badge on the listing, withdrawing takes
 * it off; while it stays awarded, enforcement revokes and returns it ({@code BADGE-REQUIREMENTS-UNMET}).
 */
@Service
public class BadgeAwards {
    private final ObligationStore store;
    private final Apps apps;
    private final Partners partners;
    private final Policies policies;
    private final Tickets tickets;
    private final TicketLists ticketLists;
    private final ObligationFacts facts;
    private final dev.warden.server.tickets.TicketOverview overview;

    BadgeAwards(
            ObligationStore store,
            Apps apps,
            Partners partners,
            Policies policies,
            Tickets tickets,
            TicketLists ticketLists,
            ObligationFacts facts,
            dev.warden.server.tickets.TicketOverview overview) {
        this.overview = overview;
        this.store = store;
        this.apps = apps;
        this.partners = partners;
        this.policies = policies;
        this.tickets = tickets;
        this.ticketLists = ticketLists;
        this.facts = facts;
    }

    /**
     * An app's badge award and where the app stands against the requirements now.
     *
     * @param shown whether the listing shows the badge now (enforcement may have revoked it)
     * @param unmet the requirements the app misses now, one sentence each (empty: it meets them all)
     * @param reviewDue the last day the current award or review counts (absent unless awarded)
     * @param events every step, newest first
     */
    public record BadgeView(
            String app,
            Badge badge,
            BadgeAward.State state,
            boolean shown,
            List<String> unmet,
            @Nullable LocalDate reviewDue,
            List<BadgeAward.Event> events,
            int version) {}

    /** A step of the lifecycle, now. */
    public record Step(
            BadgeAward.@Nullable Type type, @Nullable String note) {}

    @Transactional(readOnly = true)
    public BadgeView get(String app, String badge, Actor actor) {
        App owned = store.visibleApp(app, actor);
        Badge b = managed(badge);
        return view(owned, read(owned.key(), b));
    }

    @Transactional
    public BadgeView step(String app, String badge, Step step, Actor actor) {
        App owned = store.visibleApp(app, actor);
        Badge b = managed(badge);
        BadgeAward.Type type = step.type();
        if (type == null) {
            throw new InvalidInputException("/type", "is required: " + List.of(BadgeAward.Type.values()));
        }
        if (type != BadgeAward.Type.APPLIED && !actor.can(Permission.OBLIGATIONS_MANAGE)) {
            throw new ForbiddenException("Only the operator's analysts " + type.verb() + " a badge");
        }
        String note = step.note() == null || step.note().isBlank()
                ? null
                : step.note().strip();
        if (note != null && note.length() > 4000) {
            throw new InvalidInputException("/note", "is longer than 4000 characters");
        }
        if (note == null && (type == BadgeAward.Type.REJECTED || type == BadgeAward.Type.WITHDRAWN)) {
            throw new InvalidInputException("/note", "say why: the partner reads it");
        }
        Versioned<BadgeAward> read = read(owned.key(), b);
        if (type == BadgeAward.Type.AWARDED || type == BadgeAward.Type.REVIEWED) {
            List<String> unmet = unmet(owned, null);
            if (!unmet.isEmpty()) {
                throw new ConflictException(
                        "The app does not meet the " + b + " requirements: " + String.join("; ", unmet));
            }
        }
        String by = actor.name().length() > 200 ? actor.name().substring(0, 200) : actor.name();
        BadgeAward changed =
                ObligationStore.apply(() -> read.value().with(new BadgeAward.Event(type, store.now(), by, note)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("app", owned.key().value());
        details.put("badge", b.name());
        if (note != null) {
            details.put("note", note);
        }
        String action = "BADGE_" + type.name();
        Versioned<BadgeAward> written = read.version() == 0
                ? store.create(changed, owned.partner(), actor, action, details)
                : store.replace(read, changed, OptionalInt.empty(), owned.partner(), actor, action, details);
        if (type == BadgeAward.Type.AWARDED || type == BadgeAward.Type.WITHDRAWN) {
            show(owned.key(), b, type == BadgeAward.Type.AWARDED, actor);
        }
        return view(apps.get(owned.key()).value(), written);
    }

    /**
     * What the app misses now against the policy in force; the yearly review is checked only when an
     * award is given (a step that awards or reviews is what renews it).
     */
    private List<String> unmet(App app, @Nullable BadgeAward award) {
        Instant now = store.now();
        PolicyVersions versions = policies.inForce();
        PolicyVersion policy = versions.inForceAt(now);
        Partner partner = partners.get(app.partner()).value();
        // Only the Cloud listing's overdue tickets count, worst first: a few reads, not the partner's tickets.
        Breaches breaches = new Breaches();
        for (TicketView v : ticketLists.first(
                new TicketQuery(
                        app.partner(),
                        app.key(),
                        null,
                        Hosting.CLOUD,
                        null,
                        null,
                        true,
                        true,
                        null,
                        null,
                        null,
                        "-score"),
                Breaches.SHOWN,
                Actor.system("badges"))) {
            tickets.find(TicketKey.of(v.key()))
                    .flatMap(t -> TicketClock.at(t, versions, now))
                    .ifPresent(breaches::add);
        }
        long[] lastYear = overview.lastYear(app.key(), Hosting.CLOUD, now);
        breaches.attainment(app.key(), Hosting.CLOUD, (int) lastYear[0], (int) lastYear[1]);
        Facts f = new Facts(now, List.of(partner), List.of(app), breaches, facts.of(app.partner()));
        return BadgeEligibility.unmet(app, f, policy, award);
    }

    private void show(AppKey key, Badge badge, boolean on, Actor actor) {
        App app = apps.get(key).value();
        Set<Badge> badges = app.badges().isEmpty() ? EnumSet.noneOf(Badge.class) : EnumSet.copyOf(app.badges());
        if (on ? !badges.add(badge) : !badges.remove(badge)) {
            return;
        }
        apps.replace(app.withBadges(badges), OptionalInt.empty(), actor);
    }

    private Versioned<BadgeAward> read(AppKey app, Badge badge) {
        BadgeAward none = new BadgeAward(app, badge, List.of());
        return store.exists(Kind.BADGE_AWARD, none.id())
                ? store.get(Kind.BADGE_AWARD, none.id(), BadgeAward.class, Actor.system("badges"), "badge award")
                : new Versioned<>(none, 0);
    }

    private BadgeView view(App app, Versioned<BadgeAward> v) {
        BadgeAward award = v.value();
        List<BadgeAward.Event> events = new ArrayList<>(award.events());
        java.util.Collections.reverse(events);
        int months = policies.inForce()
                .inForceAt(store.now())
                .cloudFortifiedRequirements()
                .map(PolicyParts.CloudFortified::reviewEveryMonths)
                .orElse(12);
        LocalDate due = award.state() == BadgeAward.State.AWARDED
                ? award.lastReviewedAt()
                        .map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC).plusMonths(months))
                        .orElse(null)
                : null;
        return new BadgeView(
                app.key().value(),
                award.badge(),
                award.state(),
                app.hasBadge(award.badge()),
                unmet(app, award.state() == BadgeAward.State.AWARDED ? award : null),
                due,
                events,
                v.version());
    }

    private static Badge managed(String badge) {
        for (Badge b : BadgeAward.MANAGED) {
            if (b.name().equalsIgnoreCase(badge) || b.name().replace('_', '-').equalsIgnoreCase(badge)) {
                return b;
            }
        }
        throw new NotFoundException("No badge '" + badge + "': Warden manages the award of "
                + BadgeAward.MANAGED.stream()
                        .map(b -> b.name().toLowerCase(Locale.ROOT))
                        .toList());
    }
}

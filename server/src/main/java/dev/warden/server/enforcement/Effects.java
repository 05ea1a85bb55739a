package dev.warden.server.enforcement;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.PartnerStatus;
import dev.warden.core.compliance.Subject;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Applies an action's effect to the catalog and undoes it, through the catalog's own API (so each
 * change is validated and on the audit trail like any other), in the caller's transaction.
 */
@Component
class Effects {
    /** The badges "revoke security badges" takes away (docs/policy section 8); others stay. */
    static final Set<Badge> SECURITY_BADGES = EnumSet.of(Badge.CLOUD_FORTIFIED, Badge.CLOUD_SECURITY_PARTICIPANT);

    private final Apps apps;
    private final Partners partners;
    private final BountyPrograms programs;

    Effects(Apps apps, Partners partners, BountyPrograms programs) {
        this.apps = apps;
        this.partners = partners;
        this.programs = programs;
    }

    /** Takes an action against a subject; returns what changed. */
    Effect apply(EnforcementAction action, Subject subject, int warningWindowDays, Instant now, Actor by) {
        List<String> notes = new ArrayList<>();
        switch (action) {
            case WARNING -> {
                LocalDate until = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(warningWindowDays);
                notes.add("Warning issued; remediation window of " + warningWindowDays + " days, until " + until);
                return new Effect(List.of(), List.of(), null, notes);
            }
            case HIDE_LISTING -> {
                return new Effect(
                        setListings(subject, ListingState.HIDDEN, s -> s == ListingState.LISTED, by),
                        List.of(),
                        null,
                        notes);
            }
            case PAUSE_LISTING -> {
                return new Effect(
                        setListings(
                                subject,
                                ListingState.PAUSED,
                                s -> s == ListingState.LISTED || s == ListingState.HIDDEN,
                                by),
                        List.of(),
                        null,
                        notes);
            }
            case REVOKE_BADGE -> {
                List<Effect.BadgeChange> removed = new ArrayList<>();
                for (App app : appsOf(subject)) {
                    Set<Badge> kept = EnumSet.noneOf(Badge.class);
                    List<String> gone = new ArrayList<>();
                    app.badges().forEach(b -> {
                        if (SECURITY_BADGES.contains(b)) {
                            gone.add(b.name());
                        } else {
                            kept.add(b);
                        }
                    });
                    if (!gone.isEmpty()) {
                        replace(withBadges(app, kept), by);
                        removed.add(new Effect.BadgeChange(app.key().value(), gone));
                    }
                }
                if (removed.isEmpty()) {
                    notes.add("No security badge to revoke");
                }
                return new Effect(List.of(), removed, null, notes);
            }
            case SUSPEND_PARTNER, TERMINATE_PARTNER -> {
                PartnerStatus to = action == EnforcementAction.SUSPEND_PARTNER
                        ? PartnerStatus.SUSPENDED
                        : PartnerStatus.TERMINATED;
                // The partner's whole presence goes: a suspension takes every listed app out of search
                // and browse (installs keep working), a termination withdraws every listing.
                Subject everything = new Subject.Partner(subject.partner());
                List<Effect.ListingChange> listings = action == EnforcementAction.SUSPEND_PARTNER
                        ? setListings(everything, ListingState.HIDDEN, s -> s == ListingState.LISTED, by)
                        : setListings(everything, ListingState.REMOVED, s -> s != ListingState.REMOVED, by);
                Versioned<Partner> current = partners.get(subject.partner());
                PartnerStatus from = current.value().status();
                if (from == to || from == PartnerStatus.TERMINATED) {
                    notes.add("Partner already " + from);
                    return new Effect(listings, List.of(), null, notes);
                }
                setStatus(current, to, by);
                return new Effect(listings, List.of(), new Effect.StatusChange(from.name(), to.name()), notes);
            }
            case PAUSE_BOUNTY_PROGRAM, DEACTIVATE_BOUNTY_PROGRAM -> {
                if (!(subject instanceof Subject.Program p)) {
                    notes.add("No bug bounty program is the subject of this case; nothing paused or deactivated");
                    return new Effect(List.of(), List.of(), null, notes);
                }
                BountyProgram.Status to = action == EnforcementAction.PAUSE_BOUNTY_PROGRAM
                        ? BountyProgram.Status.PAUSED
                        : BountyProgram.Status.DEACTIVATED;
                if (programs.find(p.program()).isEmpty()) {
                    notes.add("Program " + p.program() + " no longer exists");
                    return new Effect(List.of(), List.of(), null, notes);
                }
                Optional<BountyProgram.Status> before = programs.find(p.program())
                        .map(v -> v.value().status())
                        .filter(s -> s == BountyProgram.Status.DEACTIVATED || s == to);
                if (before.isPresent()) {
                    notes.add("Program " + p.program() + " already " + before.get());
                    return new Effect(List.of(), List.of(), null, notes);
                }
                BountyProgram.Status from =
                        programs.setStatus(p.program(), to, by).orElseThrow();
                return new Effect(
                        List.of(),
                        List.of(),
                        null,
                        notes,
                        new Effect.ProgramChange(p.program(), from.name(), to.name()));
            }
        }
        throw new AssertionError(action);
    }

    /** An action still in effect that holds a listing (in this state), badges or the partner's status. */
    record Hold(long action, @Nullable ListingState state) {}

    /** What other actions still in effect hold, asked while undoing one action. */
    interface Holders {
        /** The strongest action still holding this listing: a pause before a hide. */
        Optional<Hold> listing(AppKey app, Hosting hosting);

        /** An action still revoking this app's security badges. */
        Optional<Hold> badges(AppKey app);

        /** An action still suspending the partner. */
        Optional<Hold> partner();

        /** An action still pausing or deactivating this bug bounty program. */
        Optional<Hold> program(String program);
    }

    /**
     * A change left in place because another action still holds it, handed to that action: when that
     * one is undone, it restores the state before both.
     */
    record Handover(long action, Effect change) {}

    /** What undoing an action changed, and what it handed to the actions that still hold it. */
    record Undone(Effect effect, List<Handover> handovers) {}

    /**
     * Undoes an effect: each listing goes back to its state before, the badges come back, the partner
     * its status. What another action still holds stays as that action wants it (a listing paused by
     * this action and hidden by another becomes hidden) and is handed to it; what someone changed
     * since, not by an action, is left alone.
     *
     * @param partner the partner the action was taken against
     */
    Undone undo(Effect effect, PartnerId partner, Holders holders, Actor by) {
        List<Effect.ListingChange> restored = new ArrayList<>();
        List<Handover> handovers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Effect.ListingChange change : effect.listings()) {
            String listing = change.app() + "/" + change.hosting();
            AppKey key = AppKey.of(change.app());
            var found = apps.find(key);
            if (found.isEmpty()) {
                notes.add(listing + ": the app no longer exists");
                continue;
            }
            App app = found.get().value();
            Hosting hosting = Hosting.valueOf(change.hosting());
            ListingState now = app.listings().stream()
                    .filter(l -> l.hosting() == hosting)
                    .map(Listing::state)
                    .findFirst()
                    .orElse(null);
            Optional<Hold> hold =
                    now == ListingState.HIDDEN || now == ListingState.PAUSED || now == ListingState.REMOVED
                            ? holders.listing(key, hosting)
                            : Optional.empty();
            if (hold.isPresent()) {
                // What the holding action wants, unless the listing is already no stronger than that.
                ListingState held = Objects.requireNonNull(hold.get().state());
                ListingState keep = strength(Objects.requireNonNull(now)) > strength(held) ? held : now;
                if (keep != now) {
                    replace(withListing(app, hosting, keep), by);
                    restored.add(
                            new Effect.ListingChange(change.app(), change.hosting(), String.valueOf(now), keep.name()));
                }
                handovers.add(new Handover(
                        hold.get().action(),
                        new Effect(
                                List.of(new Effect.ListingChange(
                                        change.app(), change.hosting(), change.from(), keep.name())),
                                List.of(),
                                null,
                                List.of())));
                notes.add(listing + ": left " + keep + " (action #" + hold.get().action()
                        + " still holds it; undoing that one restores " + change.from() + ")");
            } else if (now == null || !now.name().equals(change.to())) {
                notes.add(listing + ": left " + now + " (changed since the action, not by it)");
            } else {
                ListingState back = ListingState.valueOf(change.from());
                replace(withListing(app, hosting, back), by);
                restored.add(new Effect.ListingChange(change.app(), change.hosting(), change.to(), change.from()));
            }
        }
        List<Effect.BadgeChange> returned = new ArrayList<>();
        for (Effect.BadgeChange change : effect.badges()) {
            AppKey key = AppKey.of(change.app());
            var found = apps.find(key);
            if (found.isEmpty()) {
                notes.add(change.app() + ": the app no longer exists");
                continue;
            }
            Optional<Hold> hold = holders.badges(key);
            if (hold.isPresent()) {
                handovers.add(
                        new Handover(hold.get().action(), new Effect(List.of(), List.of(change), null, List.of())));
                notes.add(change.app() + ": badges " + change.removed() + " stay revoked (action #"
                        + hold.get().action() + " still revokes them)");
                continue;
            }
            App app = found.get().value();
            Set<Badge> badges = app.badges().isEmpty() ? EnumSet.noneOf(Badge.class) : EnumSet.copyOf(app.badges());
            change.removed().forEach(b -> badges.add(Badge.valueOf(b)));
            if (!badges.equals(app.badges())) {
                replace(withBadges(app, badges), by);
                returned.add(change);
            }
        }
        Effect.StatusChange partnerBack = null;
        Effect.StatusChange status = effect.partner();
        if (status != null) {
            Versioned<Partner> current = partners.get(partner);
            Optional<Hold> hold = holders.partner();
            if (!current.value().status().name().equals(status.to())) {
                notes.add("partner: left " + current.value().status() + " (changed since the action, not by it)");
            } else if (hold.isPresent()) {
                handovers.add(new Handover(hold.get().action(), new Effect(List.of(), List.of(), status, List.of())));
                notes.add("partner: left " + current.value().status() + " (action #"
                        + hold.get().action() + " still holds it; undoing that one restores " + status.from() + ")");
            } else {
                setStatus(current, PartnerStatus.valueOf(status.from()), by);
                partnerBack = new Effect.StatusChange(status.to(), status.from());
            }
        }
        Effect.ProgramChange programBack = null;
        Effect.ProgramChange pc = effect.program();
        if (pc != null) {
            Optional<BountyProgram> current = programs.find(pc.program()).map(v -> v.value());
            Optional<Hold> hold = holders.program(pc.program());
            if (current.isEmpty()) {
                notes.add("program " + pc.program() + ": no longer exists");
            } else if (!current.get().status().name().equals(pc.to())) {
                notes.add("program " + pc.program() + ": left " + current.get().status()
                        + " (changed since the action, not by it)");
            } else if (hold.isPresent()) {
                handovers.add(new Handover(hold.get().action(), new Effect(List.of(), List.of(), null, List.of(), pc)));
                notes.add("program " + pc.program() + ": left " + pc.to() + " (action #"
                        + hold.get().action() + " still holds it; undoing that one restores " + pc.from() + ")");
            } else {
                programs.setStatus(pc.program(), BountyProgram.Status.valueOf(pc.from()), by);
                programBack = new Effect.ProgramChange(pc.program(), pc.to(), pc.from());
            }
        }
        return new Undone(new Effect(restored, returned, partnerBack, notes, programBack), handovers);
    }

    /** How far from LISTED a listing is: hidden, then paused, then removed. */
    static int strength(ListingState state) {
        return switch (state) {
            case LISTED -> 0;
            case HIDDEN -> 1;
            case PAUSED -> 2;
            case REMOVED -> 3;
        };
    }

    private List<Effect.ListingChange> setListings(
            Subject subject, ListingState to, Predicate<ListingState> applies, Actor by) {
        List<Effect.ListingChange> changes = new ArrayList<>();
        for (App app : appsOf(subject)) {
            App changed = app;
            for (Listing listing : app.listings()) {
                boolean inScope = !(subject instanceof Subject.Listing l) || l.hosting() == listing.hosting();
                if (inScope && applies.test(listing.state())) {
                    changed = withListing(changed, listing.hosting(), to);
                    changes.add(new Effect.ListingChange(
                            app.key().value(),
                            listing.hosting().name(),
                            listing.state().name(),
                            to.name()));
                }
            }
            if (changed != app) {
                replace(changed, by);
            }
        }
        return changes;
    }

    private List<App> appsOf(Subject subject) {
        if (subject instanceof Subject.Listing l) {
            return apps.find(l.app()).map(v -> List.of(v.value())).orElse(List.of());
        }
        if (subject instanceof Subject.App a) {
            return apps.find(a.app()).map(v -> List.of(v.value())).orElse(List.of());
        }
        if (subject instanceof Subject.Program p) {
            // A program's case reaches the apps the program covers (its badge step revokes theirs).
            return programs.find(p.program())
                    .map(v -> v.value().apps().stream()
                            .map(apps::find)
                            .flatMap(Optional::stream)
                            .map(Versioned::value)
                            .toList())
                    .orElse(List.of());
        }
        return apps.ofPartner(subject.partner());
    }

    private void replace(App app, Actor by) {
        apps.replace(app, OptionalInt.empty(), by);
    }

    private void setStatus(Versioned<Partner> current, PartnerStatus status, Actor by) {
        Partner p = current.value();
        partners.replace(
                new Partner(p.id(), p.name(), p.tier(), status, p.securityContacts()),
                OptionalInt.of(current.version()),
                by);
    }

    private static App withListing(App app, Hosting hosting, ListingState state) {
        List<Listing> listings = app.listings().stream()
                .map(l -> l.hosting() == hosting ? l.withState(state) : l)
                .toList();
        return new App(
                app.key(), app.name(), app.partner(), app.firstListedOn(), app.badges(), listings, app.oauthClients());
    }

    private static App withBadges(App app, Set<Badge> badges) {
        return new App(
                app.key(), app.name(), app.partner(), app.firstListedOn(), badges, app.listings(), app.oauthClients());
    }

    /** An effect as the changes an outside system (the storefront) must make; {@code lifted} for an undo. */
    static List<ActionApplied.Change> changes(Effect effect, PartnerId partner, boolean lifted) {
        List<ActionApplied.Change> out = new ArrayList<>();
        effect.listings()
                .forEach(l ->
                        out.add(new ActionApplied.Change("listing", l.app() + "/" + l.hosting(), l.from(), l.to())));
        effect.badges().forEach(b -> {
            String badges = String.join(",", b.removed());
            out.add(new ActionApplied.Change("badges", b.app(), lifted ? "" : badges, lifted ? badges : ""));
        });
        Effect.StatusChange status = effect.partner();
        if (status != null) {
            out.add(new ActionApplied.Change("partner", partner.value(), status.from(), status.to()));
        }
        Effect.ProgramChange program = effect.program();
        if (program != null) {
            out.add(new ActionApplied.Change("program", program.program(), program.from(), program.to()));
        }
        return out;
    }

    static Map<String, Object> describe(Effect effect) {
        Map<String, Object> d = new java.util.HashMap<>();
        d.put("listings", effect.listings());
        d.put("badges", effect.badges());
        d.put("partner", effect.partner() == null ? "" : effect.partner());
        d.put("notes", effect.notes());
        if (effect.program() != null) {
            d.put("program", effect.program());
        }
        return d;
    }
}

package dev.warden.server.enforcement;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.compliance.Subject;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.shared.Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Undoes one action in effect, for a lift or an upheld appeal. What another action still in effect
 * holds (of an unfinished case, this one's included) stays, and is handed to that action so that
 * undoing it later restores the state before both, in whatever order they are undone.
 */
@Component
class Reversals {
    private final CaseRows rows;
    private final Effects effects;
    private final CaseLedger ledger;
    private final BountyPrograms programs;

    Reversals(CaseRows rows, Effects effects, CaseLedger ledger, BountyPrograms programs) {
        this.rows = rows;
        this.effects = effects;
        this.ledger = ledger;
        this.programs = programs;
    }

    /** Undoes the action's effect on the catalog and returns what changed back. */
    Effect undo(ActionRow a, Actor by) {
        List<ActionRow> others = rows.inEffect(a.partner()).stream()
                .filter(o -> o.id() != a.id())
                .toList();
        Map<Long, Subject> subjects = new HashMap<>();
        for (ActionRow o : others) {
            subjects.computeIfAbsent(
                    o.caseId(), id -> EnforcementCases.subject(rows.findCase(id).orElseThrow()));
        }
        Effects.Undone undone = effects.undo(
                Effect.parse(Objects.requireNonNull(a.effect())), a.partner(), new Holders(others, subjects), by);
        for (Effects.Handover handover : undone.handovers()) {
            ActionRow holder = rows.findAction(handover.action()).orElseThrow();
            Effect merged =
                    Effect.parse(Objects.requireNonNull(holder.effect())).absorb(handover.change());
            ledger.update(holder, ActionStatus.APPLIED, null, null, merged.json(), null);
        }
        return undone.effect();
    }

    /** Which other action in effect holds a listing, an app's badges, the partner or a program. */
    private final class Holders implements Effects.Holders {
        private final List<ActionRow> others;
        private final Map<Long, Subject> subjects;

        Holders(List<ActionRow> others, Map<Long, Subject> subjects) {
            this.others = others;
            this.subjects = subjects;
        }

        @Override
        public Optional<Effects.Hold> listing(AppKey app, Hosting hosting) {
            Effects.Hold best = null;
            for (ActionRow o : others) {
                ListingState state = listingState(o);
                boolean partnerWide =
                        is(o, EnforcementAction.SUSPEND_PARTNER) || is(o, EnforcementAction.TERMINATE_PARTNER);
                if (state == null || !partnerWide && !covers(subjects.get(o.caseId()), app, hosting)) {
                    continue;
                }
                // A removal holds more than a pause, a pause more than a hide: the strongest hold wins.
                if (best == null || Effects.strength(Objects.requireNonNull(best.state())) < Effects.strength(state)) {
                    best = new Effects.Hold(o.id(), state);
                }
            }
            return Optional.ofNullable(best);
        }

        @Override
        public Optional<Effects.Hold> badges(AppKey app) {
            return others.stream()
                    .filter(o -> is(o, EnforcementAction.REVOKE_BADGE) && covers(subjects.get(o.caseId()), app, null))
                    .findFirst()
                    .map(o -> new Effects.Hold(o.id(), null));
        }

        @Override
        public Optional<Effects.Hold> partner() {
            return others.stream()
                    .filter(o -> is(o, EnforcementAction.SUSPEND_PARTNER))
                    .findFirst()
                    .map(o -> new Effects.Hold(o.id(), null));
        }

        @Override
        public Optional<Effects.Hold> program(String program) {
            return others.stream()
                    .filter(o -> (is(o, EnforcementAction.PAUSE_BOUNTY_PROGRAM)
                                    || is(o, EnforcementAction.DEACTIVATE_BOUNTY_PROGRAM))
                            && subjects.get(o.caseId()) instanceof Subject.Program p
                            && p.program().equals(program))
                    .findFirst()
                    .map(o -> new Effects.Hold(o.id(), null));
        }
    }

    private static boolean is(ActionRow a, EnforcementAction action) {
        return a.action().equals(action.name());
    }

    /** The state an action in effect holds its listings in, if it holds listings. */
    private static @Nullable ListingState listingState(ActionRow a) {
        if (is(a, EnforcementAction.TERMINATE_PARTNER)) {
            return ListingState.REMOVED;
        }
        if (is(a, EnforcementAction.PAUSE_LISTING)) {
            return ListingState.PAUSED;
        }
        return is(a, EnforcementAction.HIDE_LISTING) || is(a, EnforcementAction.SUSPEND_PARTNER)
                ? ListingState.HIDDEN
                : null;
    }

    /** Whether an action against this subject reaches this listing (or, without a hosting, this app). */
    private boolean covers(@Nullable Subject subject, AppKey app, @Nullable Hosting hosting) {
        if (subject instanceof Subject.Program p) {
            return programs.find(p.program())
                    .map(v -> v.value().apps().contains(app))
                    .orElse(false);
        }
        if (subject instanceof Subject.Listing l) {
            return l.app().equals(app) && (hosting == null || l.hosting() == hosting);
        }
        if (subject instanceof Subject.App a) {
            return a.app().equals(app);
        }
        return subject instanceof Subject.Partner; // an app of the partner: inEffect reads only its actions
    }
}

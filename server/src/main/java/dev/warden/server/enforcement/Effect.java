package dev.warden.server.enforcement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an applied action changed in the catalog, stored with the action so that undoing it restores
 * exactly the previous state and nothing else.
 *
 * @param listings listings whose state changed
 * @param badges badges removed from apps
 * @param partner the partner's status change, if any
 * @param notes what a reader should know (a warning's window, something left as it was on undoing)
 * @param program a bug bounty program's status change, if any (absent in effects stored before programs)
 */
record Effect(
        List<ListingChange> listings,
        List<BadgeChange> badges,
        @Nullable StatusChange partner,
        List<String> notes,
        @Nullable ProgramChange program) {

    Effect {
        listings = List.copyOf(listings);
        badges = List.copyOf(badges);
        notes = List.copyOf(notes);
    }

    /** An effect on the catalog alone. */
    Effect(List<ListingChange> listings, List<BadgeChange> badges, @Nullable StatusChange partner, List<String> notes) {
        this(listings, badges, partner, notes, null);
    }

    /** A bug bounty program's status, before and after. */
    record ProgramChange(String program, String from, String to) {}

    record ListingChange(String app, String hosting, String from, String to) {}

    record BadgeChange(String app, List<String> removed) {}

    record StatusChange(String from, String to) {}

    /** Several actions' effects as one (a lift's): every change, the latest where two set the same. */
    static Effect combine(List<Effect> effects) {
        List<ListingChange> listings = new ArrayList<>();
        List<BadgeChange> badges = new ArrayList<>();
        StatusChange partner = null;
        ProgramChange program = null;
        List<String> notes = new ArrayList<>();
        for (Effect e : effects) {
            listings.addAll(e.listings());
            badges.addAll(e.badges());
            partner = e.partner() != null ? e.partner() : partner;
            program = e.program() != null ? e.program() : program;
            notes.addAll(e.notes());
        }
        return new Effect(listings, badges, partner, notes, program);
    }

    boolean changesCatalog() {
        return !listings.isEmpty() || !badges.isEmpty() || partner != null || program != null;
    }

    /**
     * This effect with a change handed over by an undone action merged in, so that undoing this one
     * restores the state before both. Where both changed the same thing, the state before is the one
     * that is not itself an action's doing (a listing LISTED rather than HIDDEN, a partner ACTIVE rather
     * than SUSPENDED); the state now is the handed-over one.
     */
    Effect absorb(Effect handed) {
        List<ListingChange> mergedListings = new ArrayList<>(listings);
        for (ListingChange h : handed.listings) {
            int i = indexOf(mergedListings, h.app(), h.hosting());
            if (i < 0) {
                mergedListings.add(h);
            } else {
                ListingChange mine = mergedListings.get(i);
                String from = ACTION_STATES.contains(mine.from()) ? h.from() : mine.from();
                mergedListings.set(i, new ListingChange(h.app(), h.hosting(), from, h.to()));
            }
        }
        List<BadgeChange> mergedBadges = new ArrayList<>(badges);
        for (BadgeChange h : handed.badges) {
            int i = 0;
            while (i < mergedBadges.size() && !mergedBadges.get(i).app().equals(h.app())) {
                i++;
            }
            if (i == mergedBadges.size()) {
                mergedBadges.add(h);
            } else {
                Set<String> union = new LinkedHashSet<>(mergedBadges.get(i).removed());
                union.addAll(h.removed());
                mergedBadges.set(i, new BadgeChange(h.app(), List.copyOf(union)));
            }
        }
        StatusChange mergedPartner = partner;
        StatusChange h = handed.partner;
        if (h != null) {
            mergedPartner = partner == null || ACTION_STATES.contains(partner.from())
                    ? h
                    : new StatusChange(partner.from(), h.to());
        }
        ProgramChange mergedProgram = program;
        ProgramChange hp = handed.program;
        if (hp != null) {
            mergedProgram = program == null || ACTION_STATES.contains(program.from())
                    ? hp
                    : new ProgramChange(hp.program(), program.from(), hp.to());
        }
        return new Effect(mergedListings, mergedBadges, mergedPartner, notes, mergedProgram);
    }

    /** States only an enforcement action (or a person acting like one) puts a listing, partner or program in. */
    private static final Set<String> ACTION_STATES =
            Set.of("HIDDEN", "PAUSED", "REMOVED", "SUSPENDED", "TERMINATED", "DEACTIVATED");

    private static int indexOf(List<ListingChange> changes, String app, String hosting) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).app().equals(app) && changes.get(i).hosting().equals(hosting)) {
                return i;
            }
        }
        return -1;
    }

    String json() {
        return JsonMapper.shared().writeValueAsString(this);
    }

    static Effect parse(String json) {
        return JsonMapper.shared().readValue(json, Effect.class);
    }
}

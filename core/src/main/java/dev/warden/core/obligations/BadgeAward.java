package dev.warden.core.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Badge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An app's security trust badge (Cloud Fortified) as a lifecycle: the partner applies, the operator awards
 * or rejects it, reviews it every year, and may withdraw it. Every step is kept, in order, so the award
 * can be judged as it stood at any instant. Whether the badge shows on the listing is the catalog's
 * business: enforcement revokes it while the requirements are unmet ({@code BADGE-REQUIREMENTS-UNMET})
 * and returns it when they are met again, without changing the award.
 */
public record BadgeAward(AppKey app, Badge badge, List<Event> events) {
    /** The badges whose award Warden manages. */
    public static final List<Badge> MANAGED = List.of(Badge.CLOUD_FORTIFIED);

    /** Where an award stands. */
    public enum State {
        /** Never applied for. */
        NONE,
        /** Applied for, waiting for the operator. */
        APPLIED,
        AWARDED,
        REJECTED,
        /** Taken back by the operator (not a revocation by enforcement, which the catalog records). */
        WITHDRAWN
    }

    /** One step. */
    public record Event(
            Type type, Instant at, String actor, @Nullable String note) {
        public Event {
            Checks.line(actor, "actor");
            if (note != null) {
                Checks.text(note, "note");
            }
        }
    }

    /** The steps of the lifecycle. */
    public enum Type {
        /** By the partner: from NONE, REJECTED or WITHDRAWN. */
        APPLIED,
        /** By the operator: from APPLIED. */
        AWARDED,
        /** By the operator, with the reason the partner reads: from APPLIED. */
        REJECTED,
        /** The operator's annual review, passed: while AWARDED. */
        REVIEWED,
        /** By the operator, with the reason: while AWARDED. */
        WITHDRAWN;

        /** For messages: "award", "apply for". */
        public String verb() {
            return switch (this) {
                case APPLIED -> "apply for";
                case AWARDED -> "award";
                case REJECTED -> "reject";
                case REVIEWED -> "review";
                case WITHDRAWN -> "withdraw";
            };
        }
    }

    public BadgeAward(AppKey app, Badge badge, @Nullable List<Event> events) {
        if (!MANAGED.contains(badge)) {
            throw new IllegalArgumentException("Warden manages the award of " + MANAGED + " only");
        }
        this.app = app;
        this.badge = badge;
        this.events = List.copyOf(events == null ? List.of() : events);
        replay(); // throws when the order is impossible
    }

    /** The record's id: the app's key and the badge. */
    public String id() {
        return app.value() + "/" + badge.name();
    }

    /** This award with one more step; throws {@link IllegalArgumentException} if it cannot happen now. */
    public BadgeAward with(Event event) {
        List<Event> more = new ArrayList<>(events);
        more.add(event);
        return new BadgeAward(app, badge, more);
    }

    /** The award as it stood at {@code at}: later steps left out. */
    public BadgeAward asOf(Instant at) {
        return new BadgeAward(
                app, badge, events.stream().filter(e -> !e.at().isAfter(at)).toList());
    }

    public State state() {
        return replay();
    }

    /** When the award was last granted or reviewed: what the annual review counts from. */
    public Optional<Instant> lastReviewedAt() {
        Instant last = null;
        for (Event e : events) {
            if (e.type() == Type.AWARDED || e.type() == Type.REVIEWED) {
                last = e.at();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The latest step, if any. */
    public Optional<Event> latest() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    private State replay() {
        State state = State.NONE;
        Instant previous = null;
        for (Event e : events) {
            if (previous != null && e.at().isBefore(previous)) {
                throw new IllegalArgumentException("badge award steps must be in time order");
            }
            previous = e.at();
            state = switch (e.type()) {
                case APPLIED -> require(state, e, State.APPLIED, State.NONE, State.REJECTED, State.WITHDRAWN);
                case AWARDED -> require(state, e, State.AWARDED, State.APPLIED);
                case REJECTED -> require(state, e, State.REJECTED, State.APPLIED);
                case REVIEWED, WITHDRAWN ->
                    require(state, e, e.type() == Type.REVIEWED ? State.AWARDED : State.WITHDRAWN, State.AWARDED);
            };
            if ((e.type() == Type.REJECTED || e.type() == Type.WITHDRAWN) && e.note() == null) {
                throw new IllegalArgumentException(e.type() + " needs a note: the reason the partner reads");
            }
        }
        return state;
    }

    private static State require(State now, Event e, State next, State... from) {
        for (State s : from) {
            if (s == now) {
                return next;
            }
        }
        throw new IllegalArgumentException(
                "cannot " + e.type().verb() + " a badge that is " + now.name().toLowerCase(java.util.Locale.ROOT));
    }
}

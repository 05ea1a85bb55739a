package dev.warden.core.obligations;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A partner's identity and business verification (docs/policy section 4), tracked like a ticket: requested
 * by the operator, submitted by the partner, perhaps asked for more information and answered, then
 * verified or rejected. The events are checked in order.
 */
public record Verification(String id, PartnerId partner, Instant requestedAt, List<VerificationEvent> events) {

    /** Where a verification stands. */
    public enum State {
        /** Waiting for the partner's submission. */
        REQUESTED,
        /** Submitted, waiting for the operator. */
        SUBMITTED,
        /** The operator asked for more information; waiting for the partner. */
        INFO_REQUESTED,
        VERIFIED,
        REJECTED
    }

    public Verification(String id, PartnerId partner, Instant requestedAt, @Nullable List<VerificationEvent> events) {
        this.id = Checks.id(id, "verification id");
        this.partner = partner;
        this.requestedAt = requestedAt;
        this.events = List.copyOf(events == null ? List.of() : events);
        replay(); // throws when the order is impossible
    }

    /** This verification with one more event; throws {@link IllegalArgumentException} if it cannot happen now. */
    public Verification with(VerificationEvent event) {
        List<VerificationEvent> more = new ArrayList<>(events);
        more.add(event);
        return new Verification(id, partner, requestedAt, more);
    }

    /** The verification as it stood at {@code at}: empty before it was requested, later events left out. */
    public java.util.Optional<Verification> asOf(Instant at) {
        if (requestedAt.isAfter(at)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Verification(
                id,
                partner,
                requestedAt,
                events.stream().filter(e -> !e.at().isAfter(at)).toList()));
    }

    public State state() {
        return replay();
    }

    /** When the state was entered: the request, or the event that led to it. */
    public Instant stateSince() {
        return events.isEmpty() ? requestedAt : events.get(events.size() - 1).at();
    }

    private State replay() {
        State state = State.REQUESTED;
        Instant last = requestedAt;
        for (VerificationEvent e : events) {
            if (e.at().isBefore(last)) {
                throw new IllegalArgumentException(e.type() + " at " + e.at() + " is before the step before it");
            }
            last = e.at();
            state = next(state, e.type());
        }
        return state;
    }

    private static State next(State state, VerificationEvent.Type type) {
        if (state == State.VERIFIED || state == State.REJECTED) {
            throw new IllegalArgumentException("the verification is already decided (" + state + ")");
        }
        switch (type) {
            case SUBMITTED:
                if (state != State.REQUESTED) {
                    throw new IllegalArgumentException("the verification was already submitted");
                }
                return State.SUBMITTED;
            case INFO_REQUESTED:
                if (state != State.SUBMITTED) {
                    throw new IllegalArgumentException(
                            "more information is asked for after a submission, once at a" + " time");
                }
                return State.INFO_REQUESTED;
            case INFO_PROVIDED:
                if (state != State.INFO_REQUESTED) {
                    throw new IllegalArgumentException("no request for more information is open");
                }
                return State.SUBMITTED;
            case VERIFIED:
                if (state != State.SUBMITTED) {
                    throw new IllegalArgumentException(
                            "a verification is verified after a submission, with no" + " open request for information");
                }
                return State.VERIFIED;
            case REJECTED:
                return State.REJECTED;
        }
        throw new AssertionError(type);
    }
}

package dev.warden.core.obligations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to an incident after it was reported. An incident is its report and these
 * events; whether it is contained, and which duties are met or late, is computed from them.
 *
 * @param text what was said: the update, the plan, the notice sent (required for those types)
 * @param customersAffected an update's revised count of affected customers, if it changes
 * @param review the post-incident review (type {@code REVIEW} only)
 */
public record IncidentEvent(
        Type type,
        Instant at,
        String actor,
        @Nullable String text,
        @Nullable Long customersAffected,
        @Nullable IncidentReview review) {

    /** The kinds of event, in the order an incident usually goes through them. */
    public enum Type {
        /** A status update to the operator. */
        UPDATE,
        /** The incident is contained: the exploitation has stopped. */
        CONTAINED,
        /** The detailed remediation plan. */
        REMEDIATION_PLAN,
        /** The post-incident review. */
        REVIEW,
        /** Affected customers were notified; text is the notice sent. */
        CUSTOMERS_NOTIFIED,
        /** The operator closed the incident. */
        CLOSED
    }

    public IncidentEvent {
        Checks.line(actor, "actor");
        switch (type) {
            case UPDATE:
            case REMEDIATION_PLAN:
            case CUSTOMERS_NOTIFIED:
                Checks.text(text, "text of a " + type + " event");
                break;
            case REVIEW:
                if (review == null) {
                    throw new IllegalArgumentException("a REVIEW event carries the review");
                }
                break;
            default:
                if (text != null) {
                    Checks.text(text, "text");
                }
        }
        if (type != Type.REVIEW && review != null) {
            throw new IllegalArgumentException("only a REVIEW event carries a review");
        }
        if (customersAffected != null && (type != Type.UPDATE || customersAffected < 0)) {
            throw new IllegalArgumentException("customersAffected is a count on an UPDATE event");
        }
    }
}

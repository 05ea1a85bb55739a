package dev.warden.core.obligations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A step of a partner verification after it was requested: submission, requests for more information, decision. */
public record VerificationEvent(
        Type type, Instant at, String actor, @Nullable String note) {

    /** The steps of a verification. */
    public enum Type {
        /** The partner submitted its identity and business documents. */
        SUBMITTED,
        /** The operator asked for more information. */
        INFO_REQUESTED,
        /** The partner answered the request for more information. */
        INFO_PROVIDED,
        /** The operator verified the partner. */
        VERIFIED,
        /** The operator rejected the verification (for a missed deadline, or on the evidence). */
        REJECTED
    }

    public VerificationEvent {
        Checks.line(actor, "actor");
        if (note != null) {
            Checks.text(note, "note");
        }
    }
}

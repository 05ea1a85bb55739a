package dev.warden.core.tickets;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.warden.core.cvss.CvssVector;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.validation.FieldException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a ticket, at an instant, by an actor. A ticket is its history: the
 * status, severity and due date are computed from these events, never stored as truth.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TicketEvent.Reported.class, name = "REPORTED"),
    @JsonSubTypes.Type(value = TicketEvent.Triaged.class, name = "TRIAGED"),
    @JsonSubTypes.Type(value = TicketEvent.SeverityChanged.class, name = "SEVERITY_CHANGED"),
    @JsonSubTypes.Type(value = TicketEvent.ExtensionRequested.class, name = "EXTENSION_REQUESTED"),
    @JsonSubTypes.Type(value = TicketEvent.ExtensionApproved.class, name = "EXTENSION_APPROVED"),
    @JsonSubTypes.Type(value = TicketEvent.ExtensionDenied.class, name = "EXTENSION_DENIED"),
    @JsonSubTypes.Type(value = TicketEvent.WaitingForRelease.class, name = "WAITING_FOR_RELEASE"),
    @JsonSubTypes.Type(value = TicketEvent.Released.class, name = "RELEASED"),
    @JsonSubTypes.Type(value = TicketEvent.VerifiedPatched.class, name = "VERIFIED_PATCHED"),
    @JsonSubTypes.Type(value = TicketEvent.MarkedDuplicate.class, name = "MARKED_DUPLICATE"),
    @JsonSubTypes.Type(value = TicketEvent.MarkedNotApplicable.class, name = "MARKED_NOT_APPLICABLE"),
    @JsonSubTypes.Type(value = TicketEvent.Reopened.class, name = "REOPENED"),
    @JsonSubTypes.Type(value = TicketEvent.Breached.class, name = "BREACHED"),
    @JsonSubTypes.Type(value = TicketEvent.Commented.class, name = "COMMENTED"),
    @JsonSubTypes.Type(value = TicketEvent.Acknowledged.class, name = "ACKNOWLEDGED")
})
public sealed interface TicketEvent {
    Instant at();

    String actor();

    /** The kind of event, which says where it may happen in the ticket's life. */
    TicketEventType kind();

    /** The same event as done by another actor: how a partner is shown the operator's staff. */
    TicketEvent withActor(String actor);

    /** The event's name in the snapshot format and the API. */
    default String name() {
        return kind().name();
    }

    /**
     * The status after this event, or an explanation of why it cannot happen in {@code current}.
     * Events that do not move the status return {@code current}.
     */
    default TicketStatus apply(TicketType type, TicketStatus current) {
        return kind().apply(type, current);
    }

    /** A severity as given: a CVSS vector (preferred) or a bare base score, never both. */
    interface Scored {
        @Nullable
        String cvss();

        @Nullable
        Double score();

        /** The base score: the vector's, or the score given. */
        default double baseScore() {
            String vector = cvss();
            Double given = score();
            return vector != null ? CvssVector.parse(vector).baseScore() : java.util.Objects.requireNonNull(given);
        }
    }

    private static void checkScored(@Nullable String cvss, @Nullable Double score) {
        if ((cvss == null) == (score == null)) {
            throw new FieldException("/cvss", "give either cvss (a CVSS v3 vector) or score, not both and not neither");
        }
        double base = cvss != null ? CvssVector.parse(cvss).baseScore() : score;
        if (cvss == null && (base < 0.0 || base > 10.0)) {
            throw new FieldException("/score", "a CVSS base score lies between 0.0 and 10.0");
        }
        if (base == 0.0) {
            throw new FieldException(
                    cvss != null ? "/cvss" : "/score",
                    "a score of 0.0 is not a vulnerability; mark the ticket not applicable");
        }
    }

    private static String require(String field, String text, String what) {
        if (text.isBlank() || text.length() > 4000) {
            throw new FieldException(field, what + " is required (1 to 4000 characters)");
        }
        return text;
    }

    /** The ticket was reported; the first event of every ticket. */
    record Reported(
            Instant at,
            String actor,
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String note) implements TicketEvent, Scored {
        public Reported {
            checkScored(cvss, score);
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.REPORTED;
        }

        @Override
        public Reported withActor(String actor) {
            return new Reported(at, actor, cvss, score, note);
        }
    }

    /** The partner accepted a bug bounty finding; its remediation clock starts now at the latest. */
    record Triaged(Instant at, String actor, @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.TRIAGED;
        }

        @Override
        public Triaged withActor(String actor) {
            return new Triaged(at, actor, note);
        }
    }

    /** The severity was reassessed; the due date is recomputed from the same clock start. */
    record SeverityChanged(
            Instant at,
            String actor,
            @Nullable String cvss,
            @Nullable Double score,
            String note) implements TicketEvent, Scored {
        public SeverityChanged {
            checkScored(cvss, score);
            require("/note", note, "a reason for the change");
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.SEVERITY_CHANGED;
        }

        @Override
        public SeverityChanged withActor(String actor) {
            return new SeverityChanged(at, actor, cvss, score, note);
        }
    }

    /** The partner asks for more time: why, the plan, and the due date it proposes. */
    record ExtensionRequested(
            Instant at,
            String actor,
            ExtensionReason reason,
            String plan,
            Instant proposedDueAt,
            @Nullable String note) implements TicketEvent {
        public ExtensionRequested {
            require("/plan", plan, "a remediation plan");
            if (!proposedDueAt.isAfter(at)) {
                throw new FieldException("/proposedDueAt", "the proposed due date must be after the request");
            }
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.EXTENSION_REQUESTED;
        }

        @Override
        public ExtensionRequested withActor(String actor) {
            return new ExtensionRequested(at, actor, reason, plan, proposedDueAt, note);
        }
    }

    /** The operator grants the extension; the due date moves (to the proposed date unless another is set). */
    record ExtensionApproved(
            Instant at,
            String actor,
            @Nullable Instant dueAt,
            @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.EXTENSION_APPROVED;
        }

        @Override
        public ExtensionApproved withActor(String actor) {
            return new ExtensionApproved(at, actor, dueAt, note);
        }
    }

    /** The operator refuses the extension; the due date stands. */
    record ExtensionDenied(Instant at, String actor, String note) implements TicketEvent {
        public ExtensionDenied {
            require("/note", note, "a reason for the refusal");
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.EXTENSION_DENIED;
        }

        @Override
        public ExtensionDenied withActor(String actor) {
            return new ExtensionDenied(at, actor, note);
        }
    }

    /** The partner has a fix and waits to release it. */
    record WaitingForRelease(
            Instant at, String actor, @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.WAITING_FOR_RELEASE;
        }

        @Override
        public WaitingForRelease withActor(String actor) {
            return new WaitingForRelease(at, actor, note);
        }
    }

    /** The partner released the fix; the operator's security team is to verify it. */
    record Released(Instant at, String actor, @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.RELEASED;
        }

        @Override
        public Released withActor(String actor) {
            return new Released(at, actor, note);
        }
    }

    /** The operator verified the fix. */
    record VerifiedPatched(
            Instant at, String actor, @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.VERIFIED_PATCHED;
        }

        @Override
        public VerifiedPatched withActor(String actor) {
            return new VerifiedPatched(at, actor, note);
        }
    }

    /** The operator found it duplicates another ticket. */
    record MarkedDuplicate(
            Instant at,
            String actor,
            TicketKey of,
            @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.MARKED_DUPLICATE;
        }

        @Override
        public MarkedDuplicate withActor(String actor) {
            return new MarkedDuplicate(at, actor, of, note);
        }
    }

    /** The operator found it is not a vulnerability of this app. */
    record MarkedNotApplicable(Instant at, String actor, String note) implements TicketEvent {
        public MarkedNotApplicable {
            require("/note", note, "a reason");
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.MARKED_NOT_APPLICABLE;
        }

        @Override
        public MarkedNotApplicable withActor(String actor) {
            return new MarkedNotApplicable(at, actor, note);
        }
    }

    /** A closed ticket is open again (the fix did not hold); its original due date stands. */
    record Reopened(Instant at, String actor, String note) implements TicketEvent {
        public Reopened {
            require("/note", note, "a reason for reopening");
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.REOPENED;
        }

        @Override
        public Reopened withActor(String actor) {
            return new Reopened(at, actor, note);
        }
    }

    /** Warden noticed the due date pass with the ticket open (recorded once; changes nothing). */
    record Breached(Instant at, String actor, Instant dueAt) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.BREACHED;
        }

        @Override
        public Breached withActor(String actor) {
            return new Breached(at, actor, dueAt);
        }
    }

    /** Someone said something about the ticket (in Warden, or in its Jira issue); changes nothing. */
    record Commented(Instant at, String actor, String note) implements TicketEvent {
        public Commented {
            require("/note", note, "a comment");
        }

        @Override
        public TicketEventType kind() {
            return TicketEventType.COMMENTED;
        }

        @Override
        public Commented withActor(String actor) {
            return new Commented(at, actor, note);
        }
    }

    /**
     * The partner acknowledged the ticket ("Partners should acknowledge and triage AMS tickets promptly
     * after they are assigned"); triage, an extension request or a release acknowledge it as well.
     */
    record Acknowledged(Instant at, String actor, @Nullable String note) implements TicketEvent {
        @Override
        public TicketEventType kind() {
            return TicketEventType.ACKNOWLEDGED;
        }

        @Override
        public Acknowledged withActor(String actor) {
            return new Acknowledged(at, actor, note);
        }
    }
}

package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketType;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.Fields;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The bodies of the ticket API's actions. */
public final class TicketRequests {
    private TicketRequests() {}

    /** A new vulnerability: where it is, how severe (a CVSS v3 vector, or a score), and what it is. */
    public record Report(
            @Nullable TicketType type,
            @Nullable String app,
            @Nullable Hosting hosting,
            @Nullable String title,
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String note) {

        /** The fields' own checks; whether the app exists and has the listing is the tracker's. */
        Fields check() {
            Fields f = new Fields("invalid report")
                    .require("/type", type, "is required: BUG_BOUNTY, SCANNER or SECURITY")
                    .require("/hosting", hosting, "is required: CLOUD or DATA_CENTER");
            if (title == null || title.isBlank() || title.length() > 300) {
                f.error("/title", "is required (1 to 300 characters)");
            }
            if (app == null || !AppKey.isValid(app)) {
                f.error("/app", "is required: an app key");
            }
            return checkScored(cvss, score, f);
        }

        /** Whether exactly one of a vector and a score was given, so the event can be tried. */
        boolean scored() {
            return (cvss == null) != (score == null);
        }
    }

    /** A note to go with an action (optional or required, depending on the action). */
    @Schema(name = "TicketNote")
    public record Note(@Nullable String note) {
        /** The note, refused when missing: the policy wants a reason for this action. */
        String required(String why) {
            new Fields("invalid input")
                    .requireText("/note", note, "is required: " + why)
                    .check();
            return Objects.requireNonNull(note);
        }
    }

    /** A reassessed severity and why. */
    public record Severity(
            @Nullable String cvss,
            @Nullable Double score,
            @Nullable String note) {
        void check() {
            checkScored(cvss, score, new Fields("invalid severity change")).check();
            new Note(note).required("why the severity changes");
        }
    }

    /** The partner asks for more time. */
    @Schema(name = "ExtensionRequest")
    public record Extension(
            @Nullable ExtensionReason reason,
            @Nullable String plan,
            @Nullable Instant proposedDueAt,
            @Nullable String note) {
        void check() {
            new Fields("invalid extension request")
                    .require("/reason", reason, "is required: UPSTREAM_DEPENDENCY, PLATFORM_CHANGE or OTHER")
                    .requireText("/plan", plan, "is required: how and when the vulnerability will be fixed")
                    .require("/proposedDueAt", proposedDueAt, "is required: the due date asked for")
                    .check();
        }
    }

    private static Fields checkScored(@Nullable String cvss, @Nullable Double score, Fields f) {
        if ((cvss == null) == (score == null)) {
            f.error("/cvss", "give a CVSS v3.0 or v3.1 vector in cvss, or a base score in score (not both)");
        }
        return f;
    }

    /** The operator's answer to an extension request; a due date other than the proposed one may be set. */
    @Schema(name = "ExtensionDecision")
    public record Decision(
            @Nullable Instant dueAt, @Nullable String note) {
        /**
         * Checks a grant of the pending extension by {@code by}: whoever filed the request does not grant
         * it, and the date granted (this decision's, or the one proposed) must still be after the current
         * due date, which may have moved since the request (a severity reassessed).
         */
        void checkGrant(TicketView current, Actor by, PolicyVersion policy) {
            TicketEvent.ExtensionRequested pending = current.pendingExtension();
            if (pending != null && pending.actor().equals(by.id())) {
                throw new ForbiddenException(
                        "You filed this extension request; another person of the operator decides it");
            }
            Instant granted = dueAt != null ? dueAt : pending == null ? null : pending.proposedDueAt();
            if (granted == null) {
                return;
            }
            List<FieldError> errors = new ArrayList<>();
            checkNewDueDate("/dueAt", granted, current, policy, errors);
            if (!errors.isEmpty() && dueAt == null) {
                errors = errors.stream()
                        .map(e -> new FieldError(
                                "/dueAt",
                                "the proposed date " + granted + " no longer works: it " + e.message()
                                        + "; give another date in dueAt, or deny the request"))
                        .toList();
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException("invalid decision", errors);
            }
        }
    }

    /** The ticket duplicates another. */
    public record Duplicate(@Nullable String of, @Nullable String note) {}

    /** A new due date: after the current one, and no further than the version allows for one extension. */
    static void checkNewDueDate(
            String pointer, Instant proposed, TicketView current, PolicyVersion policy, List<FieldError> errors) {
        Instant latest =
                current.dueAt().plus(Duration.ofDays(policy.extensions().maxDaysPerExtension()));
        java.time.format.DateTimeFormatter people = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC);
        if (!proposed.isAfter(current.dueAt())) {
            errors.add(
                    new FieldError(pointer, "must be after the current due date, " + people.format(current.dueAt())));
        } else if (proposed.isAfter(latest)) {
            errors.add(new FieldError(
                    pointer,
                    "may be at most " + policy.extensions().maxDaysPerExtension() + " days after the current due date"
                            + " (so " + people.format(latest) + " at the latest) under policy " + policy.id()));
        }
    }
}

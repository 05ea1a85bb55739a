package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.core.validation.Fields;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The bodies of the enforcement API's actions; each checks itself and reports every mistake at once. */
public final class EnforcementRequests {
    static final int MAX_NOTE = 2000;
    static final int MAX_GROUNDS = 4000;

    private EnforcementRequests() {}

    /** An approver's decision, with an optional comment (required to reject). */
    public record Vote(@Nullable String comment) {
        void check(boolean approve) {
            Fields f = new Fields("invalid decision");
            if (!approve) {
                f.requireText("/comment", comment, "say why the action is rejected");
            }
            f.maxLength("/comment", comment, MAX_NOTE).check();
        }
    }

    /** A step taken ahead of the ladder: which, why (a justification the policy allows) and a note. */
    public record Escalation(
            @Nullable EnforcementAction action,
            @Nullable Justification justification,
            @Nullable String note) {

        /** Checked against what the policy version in force allows ahead of the ladder. */
        void check(Set<EnforcementAction> skippable, String policyId) {
            Fields f = new Fields("invalid escalation")
                    .require("/action", action, "is required")
                    .require(
                            "/justification",
                            justification,
                            "is required: ACTIVE_EXPLOITATION, MALICIOUS_ACTIVITY or LEGAL_OBLIGATION")
                    .requireText("/note", note, "say what justifies skipping the ladder")
                    .maxLength("/note", note, MAX_NOTE);
            if (action != null && !skippable.contains(action)) {
                f.error(
                        "/action",
                        "policy " + policyId + " allows only "
                                + skippable.stream().sorted().toList() + " ahead of the ladder");
            }
            f.check();
        }

        EnforcementAction checkedAction() {
            return Objects.requireNonNull(action);
        }

        Justification checkedJustification() {
            return Objects.requireNonNull(justification);
        }

        String checkedNote() {
            return Objects.requireNonNull(note);
        }
    }

    /**
     * A proposal to terminate a partner: the reason, the internal review it follows, and the customers'
     * migration window (default {@link #DEFAULT_MIGRATION_DAYS} days; 0 when none is feasible).
     */
    public record Termination(
            @Nullable String partner,
            @Nullable String reason,
            @Nullable Review review,
            @Nullable Integer migrationWindowDays) {
        /** The customers' migration window when the proposal names none. */
        public static final int DEFAULT_MIGRATION_DAYS = 90;

        /** The internal review a termination follows: who reviewed it, when, and the outcome. */
        @Schema(name = "TerminationReviewRequest")
        public record Review(
                @Nullable String by,
                @Nullable LocalDate on,
                @Nullable String outcome) {
            String checkedBy() {
                return Objects.requireNonNull(by).strip();
            }

            LocalDate checkedOn() {
                return Objects.requireNonNull(on);
            }

            String checkedOutcome() {
                return Objects.requireNonNull(outcome).strip();
            }
        }

        void check(LocalDate today) {
            Fields f = new Fields("invalid termination");
            if (partner == null || !PartnerId.isValid(partner)) {
                f.error("/partner", "is required: a partner id");
            }
            f.requireText("/reason", reason, "say why, after internal review")
                    .maxLength("/reason", reason, MAX_GROUNDS);
            if (review == null) {
                f.error("/review", "is required: termination follows the internal review (by, on, outcome)");
            } else {
                f.requireText("/review/by", review.by(), "who reviewed it")
                        .maxLength("/review/by", review.by(), 254)
                        .require("/review/on", review.on(), "the date of the review")
                        .requireText("/review/outcome", review.outcome(), "what the review concluded")
                        .maxLength("/review/outcome", review.outcome(), MAX_GROUNDS);
                if (review.on() != null && review.on().isAfter(today)) {
                    f.error("/review/on", "is in the future: the review comes first");
                }
            }
            if (migrationWindowDays != null
                    && (migrationWindowDays < 0 || migrationWindowDays > TerminationReviews.MAX_MIGRATION_DAYS)) {
                f.error(
                        "/migrationWindowDays",
                        "must be 0 (no window feasible) to " + TerminationReviews.MAX_MIGRATION_DAYS);
            }
            f.check();
        }

        int migrationDays() {
            return migrationWindowDays == null ? DEFAULT_MIGRATION_DAYS : migrationWindowDays;
        }

        Review checkedReview() {
            return Objects.requireNonNull(review);
        }

        PartnerId partnerId() {
            return PartnerId.of(Objects.requireNonNull(partner));
        }

        String checkedReason() {
            return Objects.requireNonNull(reason);
        }
    }

    /** A partner's appeal against an action in effect: on what grounds. */
    public record Appeal(@Nullable String grounds) {
        String checkedGrounds() {
            new Fields("invalid appeal")
                    .requireText("/grounds", grounds, "say why the action should be reversed")
                    .maxLength("/grounds", grounds, MAX_GROUNDS)
                    .check();
            return Objects.requireNonNull(grounds);
        }
    }

    /** The decision on an appeal, with a note to the partner (required to deny). */
    public record AppealDecision(@Nullable String note) {
        void check(boolean uphold) {
            Fields f = new Fields("invalid decision");
            if (!uphold) {
                f.requireText("/note", note, "tell the partner why the appeal is denied");
            }
            f.maxLength("/note", note, MAX_NOTE).check();
        }
    }

    /** An emergency pause of an actively exploited incident's apps: which incident, and why now. */
    public record EmergencyPause(
            @Nullable String incident, @Nullable String note) {
        void check() {
            new Fields("invalid emergency pause")
                    .requireText("/incident", incident, "is required: the id of the incident, for example INC-4")
                    .requireText("/note", note, "say what is being exploited and why pause now")
                    .maxLength("/note", note, MAX_NOTE)
                    .check();
        }
    }

    /** A note to go with a proposal to lift a resolved case's actions. */
    @Schema(name = "EnforcementNote")
    public record Note(@Nullable String note) {
        void check() {
            new Fields("invalid request").maxLength("/note", note, MAX_NOTE).check();
        }
    }
}

package dev.warden.core.enforcement;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One enforcement case with its whole history, as a snapshot carries it between instances and as
 * {@code warden evaluate} replays it: the case, the actions proposed in it (with the votes on them, the
 * partner's appeals and what each changed), the outreach made, and a termination's review. Ids are the
 * server's, kept on import so that links between cases, actions and lifts survive a move.
 *
 * <p>Each action's times say when it moved on, so the case can be seen as it stood at any instant
 * ({@link #asOf}). A case keeps only its latest resolution: one resolved, reopened and resolved again
 * shows the last {@code resolvedAt}.
 *
 * @param subjectType {@code partner}, {@code app}, {@code listing} or {@code program}
 * @param severity the severity it last recorded, by name
 * @param outreach oldest first
 */
public record EnforcementCase(
        long id,
        String rule,
        String subjectType,
        String subjectId,
        PartnerId partner,
        CaseStatus status,
        Instant beganAt,
        Instant openedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        String severity,
        String evidence,
        String policyVersion,
        List<Action> actions,
        List<Outreach> outreach,
        @Nullable TerminationReview terminationReview) {

    static final Set<String> SUBJECT_TYPES = Set.of("partner", "app", "listing", "program");

    public EnforcementCase(
            long id,
            String rule,
            String subjectType,
            String subjectId,
            PartnerId partner,
            CaseStatus status,
            Instant beganAt,
            Instant openedAt,
            @Nullable Instant resolvedAt,
            @Nullable Instant closedAt,
            String severity,
            String evidence,
            String policyVersion,
            @Nullable List<Action> actions,
            @Nullable List<Outreach> outreach,
            @Nullable TerminationReview terminationReview) {
        this.id = positive(id, "id");
        this.rule = Objects.requireNonNull(rule, "rule");
        if (!SUBJECT_TYPES.contains(subjectType)) {
            throw new IllegalArgumentException("subjectType must be one of " + SUBJECT_TYPES);
        }
        this.subjectType = subjectType;
        this.subjectId = Objects.requireNonNull(subjectId, "subjectId");
        this.partner = Objects.requireNonNull(partner, "partner");
        this.status = Objects.requireNonNull(status, "status");
        this.beganAt = Objects.requireNonNull(beganAt, "beganAt");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        notBefore(resolvedAt, openedAt, "resolvedAt", "openedAt");
        notBefore(closedAt, openedAt, "closedAt", "openedAt");
        if (status == CaseStatus.CLOSED && closedAt == null) {
            throw new IllegalArgumentException("a CLOSED case needs closedAt");
        }
        if (status != CaseStatus.CLOSED && closedAt != null) {
            throw new IllegalArgumentException("only a CLOSED case has closedAt");
        }
        if (status == CaseStatus.RESOLVED && resolvedAt == null) {
            throw new IllegalArgumentException("a RESOLVED case needs resolvedAt");
        }
        if (status == CaseStatus.OPEN && resolvedAt != null) {
            throw new IllegalArgumentException("an OPEN case has no resolvedAt");
        }
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
        this.severity = Objects.requireNonNull(severity, "severity");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
        this.actions = List.copyOf(actions == null ? List.of() : actions);
        this.outreach = List.copyOf(outreach == null ? List.of() : outreach);
        this.terminationReview = terminationReview;
        for (Action a : this.actions) {
            if (a.lifts() != null && this.actions.stream().noneMatch(b -> b.id() == a.lifts())) {
                throw new IllegalArgumentException(
                        "action " + a.id() + " lifts action " + a.lifts() + ", which is not an action of this case");
            }
        }
    }

    /**
     * An action proposed in the case: a ladder step, an escalation, a termination or a lift.
     *
     * @param action an {@code EnforcementAction} name, or {@code LIFT}
     * @param effect what it changed in the marketplace, once applied (so that undoing it restores the state
     *     before)
     * @param lifts for a lift, the action it undoes (the first, when it undoes several)
     * @param undoneAt when it was lifted or reversed
     */
    public record Action(
            long id,
            Origin origin,
            String action,
            @Nullable Integer step,
            ActionStatus status,
            Instant proposedAt,
            String proposedBy,
            Instant dueAt,
            String reason,
            @Nullable Justification justification,
            int approvalsRequired,
            @Nullable Instant decidedAt,
            @Nullable Instant appliedAt,
            @Nullable Effect effect,
            @Nullable Long lifts,
            @Nullable Instant undoneAt,
            List<Vote> votes,
            List<Appeal> appeals) {
        public Action(
                long id,
                Origin origin,
                String action,
                @Nullable Integer step,
                ActionStatus status,
                Instant proposedAt,
                String proposedBy,
                Instant dueAt,
                String reason,
                @Nullable Justification justification,
                int approvalsRequired,
                @Nullable Instant decidedAt,
                @Nullable Instant appliedAt,
                @Nullable Effect effect,
                @Nullable Long lifts,
                @Nullable Instant undoneAt,
                @Nullable List<Vote> votes,
                @Nullable List<Appeal> appeals) {
            this.id = positive(id, "id");
            this.origin = Objects.requireNonNull(origin, "origin");
            if (!"LIFT".equals(action)
                    && java.util.Arrays.stream(dev.warden.core.policy.EnforcementAction.values())
                            .noneMatch(e -> e.name().equals(action))) {
                throw new IllegalArgumentException("action must be an enforcement action or LIFT");
            }
            this.action = action;
            this.step = step;
            this.status = Objects.requireNonNull(status, "status");
            this.proposedAt = Objects.requireNonNull(proposedAt, "proposedAt");
            this.proposedBy = Objects.requireNonNull(proposedBy, "proposedBy");
            this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
            this.reason = Objects.requireNonNull(reason, "reason");
            this.justification = justification;
            if (approvalsRequired < 0 || approvalsRequired > 10) {
                throw new IllegalArgumentException("approvalsRequired must be 0 to 10");
            }
            this.approvalsRequired = approvalsRequired;
            notBefore(decidedAt, proposedAt, "decidedAt", "proposedAt");
            notBefore(appliedAt, proposedAt, "appliedAt", "proposedAt");
            notBefore(undoneAt, appliedAt == null ? proposedAt : appliedAt, "undoneAt", "appliedAt");
            boolean applied =
                    status == ActionStatus.APPLIED || status == ActionStatus.LIFTED || status == ActionStatus.REVERSED;
            if (applied != (appliedAt != null)) {
                throw new IllegalArgumentException(
                        "appliedAt is given exactly when the action was applied (APPLIED, LIFTED or REVERSED)");
            }
            boolean undone = status == ActionStatus.LIFTED || status == ActionStatus.REVERSED;
            if (undone != (undoneAt != null)) {
                throw new IllegalArgumentException("undoneAt is given exactly when the action is LIFTED or REVERSED");
            }
            this.decidedAt = decidedAt;
            this.appliedAt = appliedAt;
            this.effect = effect;
            if (lifts != null && origin != Origin.LIFT) {
                throw new IllegalArgumentException("only a LIFT names the action it lifts");
            }
            this.lifts = lifts;
            this.undoneAt = undoneAt;
            this.votes = List.copyOf(votes == null ? List.of() : votes);
            this.appeals = List.copyOf(appeals == null ? List.of() : appeals);
        }

        /**
         * Where the action stood at {@code at}, from its times; empty when it was not yet proposed. A
         * decision without a recorded time (a skipped step) counts from the proposal.
         */
        public @Nullable ActionStatus statusAt(Instant at) {
            if (proposedAt.isAfter(at)) {
                return null;
            }
            return switch (status) {
                case PROPOSED, SKIPPED -> status;
                case REJECTED, WITHDRAWN ->
                    decidedAt == null || !decidedAt.isAfter(at) ? status : ActionStatus.PROPOSED;
                case APPLIED, LIFTED, REVERSED -> {
                    if (appliedAt == null || appliedAt.isAfter(at)) {
                        yield ActionStatus.PROPOSED;
                    }
                    yield undoneAt == null || undoneAt.isAfter(at) ? ActionStatus.APPLIED : status;
                }
            };
        }
    }

    /** A vote on an action: {@code APPROVE} or {@code REJECT}. */
    public record Vote(
            String voter,
            String voterName,
            String decision,
            @Nullable String comment,
            Instant at) {
        public Vote {
            Objects.requireNonNull(voter, "voter");
            Objects.requireNonNull(voterName, "voterName");
            if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
                throw new IllegalArgumentException("decision must be APPROVE or REJECT");
            }
            Objects.requireNonNull(at, "at");
        }
    }

    /** A partner's appeal against an action in effect. */
    public record Appeal(
            long id,
            AppealStatus status,
            String grounds,
            String filedBy,
            Instant filedAt,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote) {
        public Appeal {
            positive(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(grounds, "grounds");
            Objects.requireNonNull(filedBy, "filedBy");
            Objects.requireNonNull(filedAt, "filedAt");
            notBefore(decidedAt, filedAt, "decidedAt", "filedAt");
            if ((status == AppealStatus.OPEN) != (decidedAt == null)) {
                throw new IllegalArgumentException("decidedAt is given exactly when the appeal was decided");
            }
        }

        /** Where the appeal stood at {@code at}; empty when it was not yet filed. */
        public @Nullable AppealStatus statusAt(Instant at) {
            if (filedAt.isAfter(at)) {
                return null;
            }
            return decidedAt == null || decidedAt.isAfter(at) ? AppealStatus.OPEN : status;
        }
    }

    /**
     * Outreach made on the case: an AMS or ECOHELP ticket, a mail, a call.
     *
     * @param channel {@code AMS_TICKET}, {@code ECOHELP}, {@code EMAIL}, {@code CALL}, {@code MEETING} or
     *     {@code OTHER}
     */
    public record Outreach(
            long id,
            String channel,
            Instant reachedAt,
            @Nullable String reference,
            String summary,
            String recordedBy,
            @Nullable String answer,
            @Nullable Instant answeredAt) {
        static final Set<String> CHANNELS = Set.of("AMS_TICKET", "ECOHELP", "EMAIL", "CALL", "MEETING", "OTHER");

        public Outreach {
            positive(id, "id");
            if (!CHANNELS.contains(channel)) {
                throw new IllegalArgumentException("channel must be one of " + CHANNELS);
            }
            Objects.requireNonNull(reachedAt, "reachedAt");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(recordedBy, "recordedBy");
            if ((answer == null) != (answeredAt == null)) {
                throw new IllegalArgumentException("answer and answeredAt come together");
            }
        }
    }

    /**
     * A termination's internal review and the customers' migration window.
     *
     * @param migrationDays 0 when no window is feasible
     * @param migrationUntil when the window ends, once the termination is applied
     */
    public record TerminationReview(
            String reviewedBy,
            LocalDate reviewedOn,
            String outcome,
            int migrationDays,
            @Nullable Instant migrationUntil) {
        public TerminationReview {
            Objects.requireNonNull(reviewedBy, "reviewedBy");
            Objects.requireNonNull(reviewedOn, "reviewedOn");
            Objects.requireNonNull(outcome, "outcome");
            if (migrationDays < 0 || migrationDays > 365) {
                throw new IllegalArgumentException("migrationDays must be 0 to 365");
            }
        }
    }

    /**
     * What an applied action changed, so that undoing it restores the state before: listings' states,
     * badges removed, the partner's status, a bug bounty program's status, and notes for a reader.
     */
    public record Effect(
            List<ListingChange> listings,
            List<BadgeChange> badges,
            @Nullable StatusChange partner,
            List<String> notes,
            @Nullable ProgramChange program) {
        public Effect(
                @Nullable List<ListingChange> listings,
                @Nullable List<BadgeChange> badges,
                @Nullable StatusChange partner,
                @Nullable List<String> notes,
                @Nullable ProgramChange program) {
            this.listings = List.copyOf(listings == null ? List.of() : listings);
            this.badges = List.copyOf(badges == null ? List.of() : badges);
            this.partner = partner;
            this.notes = List.copyOf(notes == null ? List.of() : notes);
            this.program = program;
        }

        public record ListingChange(String app, String hosting, String from, String to) {}

        public record BadgeChange(String app, List<String> removed) {}

        public record StatusChange(String from, String to) {}

        public record ProgramChange(String program, String from, String to) {}
    }

    /**
     * The case as it stood at {@code at}: its status then, and the actions, votes, appeals and outreach
     * recorded by then, each as it stood; empty when the case was not yet opened.
     */
    public @Nullable EnforcementCase asOf(Instant at) {
        return CaseAsOf.of(this, at);
    }

    /** The case as reconciliation sees it: its actions, each as it stands. */
    public OpenCase open() {
        return new OpenCase(
                id,
                rule,
                subjectType,
                subjectId,
                status,
                beganAt,
                severity,
                evidence,
                policyVersion,
                actions.stream()
                        .map(a -> new CaseAction(
                                a.id(), a.action(), a.origin(), a.status(), a.effect() != null && changes(a.effect())))
                        .toList());
    }

    private static boolean changes(Effect e) {
        return !e.listings().isEmpty() || !e.badges().isEmpty() || e.partner() != null || e.program() != null;
    }

    private static long positive(long id, String what) {
        if (id < 1) {
            throw new IllegalArgumentException(what + " must be a positive number");
        }
        return id;
    }

    private static void notBefore(@Nullable Instant later, Instant earlier, String laterName, String earlierName) {
        if (later != null && later.isBefore(earlier)) {
            throw new IllegalArgumentException(laterName + " must not be before " + earlierName);
        }
    }
}

package dev.warden.server.enforcement;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.enforcement.Origin;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the enforcement API answers. */
public final class EnforcementViews {
    private EnforcementViews() {}

    /** What a case or action is about: a partner, an app or one listing, and whose it is. */
    public record SubjectView(String type, String id, String partner) {}

    /** A case: one violation of one rule by one subject, from when it began to when it closed. */
    public record CaseView(
            long id,
            String rule,
            SubjectView subject,
            CaseStatus status,
            Instant beganAt,
            Instant openedAt,
            @Nullable Instant resolvedAt,
            @Nullable Instant closedAt,
            String severity,
            String evidence,
            String policyVersion,
            @Nullable List<ActionView> actions) {}

    /**
     * An action: proposed by the ladder or a person, decided by approvers, applied to the catalog, and
     * perhaps lifted or reversed.
     *
     * @param approvals approvals given so far
     * @param effect what it changed in the catalog, once applied (or undid, for a lift)
     * @param appealableUntil until when the partner may appeal it, while it is in effect
     * @param votes the approvers' decisions (not shown to partners)
     */
    public record ActionView(
            long id,
            long caseId,
            String rule,
            SubjectView subject,
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
            int approvals,
            @Nullable Instant decidedAt,
            @Nullable Instant appliedAt,
            @Nullable Effect effect,
            @Nullable Long lifts,
            @Nullable Instant undoneAt,
            @Nullable Instant appealableUntil,
            @Nullable List<VoteView> votes,
            List<AppealView> appeals) {}

    /** One approver's decision on an action. */
    public record VoteView(
            String voter,
            String name,
            String decision,
            @Nullable String comment,
            Instant at) {}

    /** A partner's appeal against an action in effect. */
    public record AppealView(
            long id,
            long actionId,
            String partner,
            AppealStatus status,
            String grounds,
            String filedBy,
            Instant filedAt,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote) {}

    /**
     * What an evaluation changed: cases opened, reopened, refreshed (evidence or severity changed),
     * resolved and closed; actions proposed, withdrawn and skipped; and the partners whose evaluation
     * failed (each rolled back on its own, the others evaluated all the same).
     */
    public record EvaluationSummary(
            Instant asOf,
            String policyVersion,
            int partners,
            int violations,
            int opened,
            int reopened,
            int refreshed,
            int resolved,
            int closed,
            int proposed,
            int withdrawn,
            int skipped,
            List<String> failed) {

        boolean changedNothing() {
            return opened + reopened + refreshed + resolved + closed + proposed + withdrawn + skipped == 0;
        }
    }
}

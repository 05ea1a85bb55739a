package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.enforcement.Origin;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The tables of cases, their actions and the votes on them. */
@Repository
class CaseRows {
    static final String CASE_COLUMNS = "id, rule, subject_type, subject_id, partner_id, active_key, status,"
            + " began_at, opened_at, resolved_at, closed_at, severity, evidence, policy_version, updated_at";
    static final String ACTION_COLUMNS = "id, case_id, partner_id, origin, action, step, status, proposed_at,"
            + " proposed_by, due_at, reason, justification, approvals_required, decided_at, applied_at, effect,"
            + " lifts_action_id, undone_at, version";

    private final JdbcClient jdbc;

    CaseRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record CaseRow(
            long id,
            String rule,
            String subjectType,
            String subjectId,
            String partnerId,
            @Nullable String activeKey,
            String status,
            OffsetDateTime beganAt,
            OffsetDateTime openedAt,
            @Nullable OffsetDateTime resolvedAt,
            @Nullable OffsetDateTime closedAt,
            String severity,
            String evidence,
            String policyVersion,
            OffsetDateTime updatedAt) {
        CaseStatus caseStatus() {
            return CaseStatus.valueOf(status);
        }

        PartnerId partner() {
            return PartnerId.of(partnerId);
        }
    }

    record ActionRow(
            long id,
            long caseId,
            String partnerId,
            String origin,
            String action,
            @Nullable Integer step,
            String status,
            OffsetDateTime proposedAt,
            String proposedBy,
            OffsetDateTime dueAt,
            String reason,
            @Nullable String justification,
            int approvalsRequired,
            @Nullable OffsetDateTime decidedAt,
            @Nullable OffsetDateTime appliedAt,
            @Nullable String effect,
            @Nullable Long liftsActionId,
            @Nullable OffsetDateTime undoneAt,
            int version) {
        ActionStatus actionStatus() {
            return ActionStatus.valueOf(status);
        }

        Origin actionOrigin() {
            return Origin.valueOf(origin);
        }

        PartnerId partner() {
            return PartnerId.of(partnerId);
        }
    }

    record VoteRow(
            long actionId,
            String voterId,
            String voterName,
            String decision,
            @Nullable String comment,
            OffsetDateTime at) {
        static final String APPROVE = "APPROVE";
        static final String REJECT = "REJECT";
    }

    /** Holds the partner's row until the transaction ends: one decision or evaluation per partner at a time. */
    boolean lockPartner(PartnerId partner) {
        return jdbc.sql("select id from partners where id = :id for update")
                .param("id", partner.value())
                .query(String.class)
                .optional()
                .isPresent();
    }

    List<String> partnerIds() {
        return jdbc.sql("select id from partners order by id")
                .query(String.class)
                .list();
    }

    // Cases

    Optional<CaseRow> findCase(long id) {
        return jdbc.sql("select " + CASE_COLUMNS + " from enforcement_cases where id = :id")
                .param("id", id)
                .query(RecordRows.of(CaseRow.class))
                .optional();
    }

    /** The cases with these ids, by id: one query for a page of actions. */
    Map<Long, CaseRow> findCases(Collection<Long> ids) {
        Map<Long, CaseRow> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select " + CASE_COLUMNS + " from enforcement_cases where id in (:ids)")
                    .param("ids", ids)
                    .query(RecordRows.of(CaseRow.class))
                    .list()
                    .forEach(c -> byId.put(c.id(), c));
        }
        return byId;
    }

    /** A partner's active cases: open, or resolved with actions still to lift. */
    List<CaseRow> activeCases(PartnerId partner) {
        return jdbc.sql("select " + CASE_COLUMNS + " from enforcement_cases"
                        + " where partner_id = :p and active_key is not null order by id")
                .param("p", partner.value())
                .query(RecordRows.of(CaseRow.class))
                .list();
    }

    List<CaseRow> cases(SqlFilter filter, Paging paging) {
        return jdbc.sql("select " + CASE_COLUMNS + " from enforcement_cases" + filter.where() + newestFirst(filter)
                        + " limit " + paging.size() + " offset " + paging.offset())
                .params(filter.params())
                .query(RecordRows.of(CaseRow.class))
                .list();
    }

    /** Cases counted by rule and partner. */
    record CaseCount(String rule, String partnerId, long cases) {}

    List<CaseCount> countByRuleAndPartner(SqlFilter filter) {
        return jdbc.sql("select rule, partner_id, count(*) as cases from enforcement_cases" + filter.where()
                        + " group by rule, partner_id")
                .params(filter.params())
                .query(RecordRows.of(CaseCount.class))
                .list();
    }

    long countCases(SqlFilter filter) {
        return jdbc.sql("select count(*) from enforcement_cases" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    long insertCase(
            String rule,
            String subjectType,
            String subjectId,
            PartnerId partner,
            String activeKey,
            Instant began,
            Instant now,
            String severity,
            String evidence,
            String policyVersion) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into enforcement_cases (rule, subject_type, subject_id, partner_id, active_key, status,"
                        + " began_at, opened_at, severity, evidence, policy_version, updated_at) values (:rule, :type,"
                        + " :subject, :partner, :active, 'OPEN', :began, :now, :severity, :evidence, :policy, :now)")
                .param("rule", rule)
                .param("type", subjectType)
                .param("subject", subjectId)
                .param("partner", partner.value())
                .param("active", activeKey)
                .param("began", utc(began))
                .param("now", utc(now))
                .param("severity", severity)
                .param("evidence", clip(evidence, 4000))
                .param("policy", policyVersion)
                .update(key, "id");
        return Objects.requireNonNull(key.getKeyAs(Number.class)).longValue();
    }

    void refreshCase(long id, String severity, String evidence, String policyVersion, Instant now) {
        jdbc.sql("update enforcement_cases set severity = :severity, evidence = :evidence, policy_version = :policy,"
                        + " updated_at = :now where id = :id")
                .param("severity", severity)
                .param("evidence", clip(evidence, 4000))
                .param("policy", policyVersion)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void setCaseStatus(long id, CaseStatus status, Instant now) {
        String set = switch (status) {
            case OPEN -> "status = 'OPEN', resolved_at = null";
            case RESOLVED -> "status = 'RESOLVED', resolved_at = :now";
            case CLOSED -> "status = 'CLOSED', closed_at = :now, active_key = null";
        };
        jdbc.sql("update enforcement_cases set " + set + ", updated_at = :now where id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    // Actions

    Optional<ActionRow> findAction(long id) {
        return jdbc.sql("select " + ACTION_COLUMNS + " from enforcement_actions where id = :id")
                .param("id", id)
                .query(RecordRows.of(ActionRow.class))
                .optional();
    }

    List<ActionRow> actionsOf(long caseId) {
        return jdbc.sql("select " + ACTION_COLUMNS + " from enforcement_actions where case_id = :c order by id")
                .param("c", caseId)
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    List<ActionRow> actionsOf(Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + ACTION_COLUMNS + " from enforcement_actions where case_id in (:c) order by id")
                .param("c", caseIds)
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    /** A partner's actions in effect that changed the catalog. */
    List<ActionRow> inEffect(PartnerId partner) {
        return jdbc.sql("select " + ACTION_COLUMNS + " from enforcement_actions"
                        + " where partner_id = :p and status = 'APPLIED' and origin <> 'LIFT' and effect is not null"
                        + " and case_id in (select id from enforcement_cases where partner_id = :p and status <> 'CLOSED')"
                        + " order by id desc")
                .param("p", partner.value())
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    List<ActionRow> actions(SqlFilter filter, Paging paging) {
        return jdbc.sql("select " + ACTION_COLUMNS + " from enforcement_actions" + filter.where() + newestFirst(filter)
                        + " limit " + paging.size() + " offset " + paging.offset())
                .params(filter.params())
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    /**
     * Newest first. Where the filter pins one status, the order names it too: H2 reads the newest rows
     * from the (status, id) index only when the order begins with the index's columns (PostgreSQL does
     * either way).
     */
    private static String newestFirst(SqlFilter filter) {
        return filter.params().containsKey("status") ? " order by status desc, id desc" : " order by id desc";
    }

    long countActions(SqlFilter filter) {
        return jdbc.sql("select count(*) from enforcement_actions" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    record NewAction(
            long caseId,
            PartnerId partner,
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
            @Nullable Long lifts) {}

    long insertAction(NewAction a) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into enforcement_actions (case_id, partner_id, origin, action, step, status, proposed_at,"
                        + " proposed_by, due_at, reason, justification, approvals_required, lifts_action_id, version)"
                        + " values (:case, :partner, :origin, :action, :step, :status, :proposedAt, :proposedBy, :dueAt,"
                        + " :reason, :justification, :approvals, :lifts, 1)")
                .param("case", a.caseId())
                .param("partner", a.partner().value())
                .param("origin", a.origin().name())
                .param("action", a.action())
                .param("step", a.step())
                .param("status", a.status().name())
                .param("proposedAt", utc(a.proposedAt()))
                .param("proposedBy", a.proposedBy())
                .param("dueAt", utc(a.dueAt()))
                .param("reason", clip(a.reason(), 4000))
                .param(
                        "justification",
                        a.justification() == null ? null : a.justification().name())
                .param("approvals", a.approvalsRequired())
                .param("lifts", a.lifts())
                .update(key, "id");
        return Objects.requireNonNull(key.getKeyAs(Number.class)).longValue();
    }

    /** Moves an action on, if nobody else did first (its version is still {@code version}). */
    boolean updateAction(
            long id,
            int version,
            ActionStatus status,
            @Nullable Instant decidedAt,
            @Nullable Instant appliedAt,
            @Nullable String effect,
            @Nullable Instant undoneAt) {
        return jdbc.sql("update enforcement_actions set status = :status,"
                                + " decided_at = coalesce(:decided, decided_at), applied_at = coalesce(:applied, applied_at),"
                                + " effect = coalesce(:effect, effect), undone_at = coalesce(:undone, undone_at),"
                                + " version = version + 1 where id = :id and version = :version")
                        .param("status", status.name())
                        .param("decided", decidedAt == null ? null : utc(decidedAt))
                        .param("applied", appliedAt == null ? null : utc(appliedAt))
                        .param("effect", effect)
                        .param("undone", undoneAt == null ? null : utc(undoneAt))
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    // Votes

    List<VoteRow> votes(long actionId) {
        return votesOn(List.of(actionId));
    }

    /** The votes on these actions, each action's in the order they were cast. */
    List<VoteRow> votesOn(Collection<Long> actionIds) {
        if (actionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select action_id, voter_id, voter_name, decision, comment, at from enforcement_votes"
                        + " where action_id in (:a) order by action_id, at, voter_id")
                .param("a", actionIds)
                .query(RecordRows.of(VoteRow.class))
                .list();
    }

    void insertVote(
            long actionId, String voterId, String voterName, String decision, @Nullable String comment, Instant at) {
        jdbc.sql("insert into enforcement_votes (action_id, voter_id, voter_name, decision, comment, at)"
                        + " values (:a, :id, :name, :decision, :comment, :at)")
                .param("a", actionId)
                .param("id", voterId)
                .param("name", voterName)
                .param("decision", decision)
                .param("comment", comment)
                .param("at", utc(at))
                .update();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}

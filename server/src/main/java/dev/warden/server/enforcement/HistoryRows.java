package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.CaseRows.CaseRow;
import dev.warden.server.enforcement.CaseRows.VoteRow;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The enforcement tables read whole and written with their ids, for the snapshot's enforcement history:
 * an export reads every case with its actions, votes, appeals, outreach and review; an import writes them
 * back under the same numbers, then moves each table's id generator past them.
 */
@Repository
class HistoryRows {
    private final JdbcClient jdbc;

    HistoryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CaseRow> cases(@Nullable Long only) {
        return jdbc.sql("select " + CaseRows.CASE_COLUMNS + " from enforcement_cases"
                        + (only == null ? "" : " where id = :id") + " order by id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(CaseRow.class))
                .list();
    }

    List<ActionRow> actions(@Nullable Long only) {
        return jdbc.sql("select " + CaseRows.ACTION_COLUMNS + " from enforcement_actions"
                        + (only == null ? "" : " where case_id = :id") + " order by id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    List<VoteRow> votes(@Nullable Long only) {
        return jdbc.sql("select action_id, voter_id, voter_name, decision, comment, at from enforcement_votes"
                        + (only == null
                                ? ""
                                : " where action_id in (select id from enforcement_actions where case_id = :id)")
                        + " order by action_id, at, voter_id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(VoteRow.class))
                .list();
    }

    List<AppealRows.AppealRow> appeals(@Nullable Long only) {
        return jdbc.sql("select " + AppealRows.APPEAL_COLUMNS + " from enforcement_appeals"
                        + (only == null
                                ? ""
                                : " where action_id in (select id from enforcement_actions where case_id = :id)")
                        + " order by id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(AppealRows.AppealRow.class))
                .list();
    }

    List<OutreachRows.Row> outreach(@Nullable Long only) {
        return jdbc.sql("select " + OutreachRows.COLUMNS + " from enforcement_outreach"
                        + (only == null ? "" : " where case_id = :id") + " order by case_id, reached_at, id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(OutreachRows.Row.class))
                .list();
    }

    List<TerminationReviewRows.Row> reviews(@Nullable Long only) {
        return jdbc.sql("select case_id, reviewed_by, reviewed_on, outcome, migration_days, migration_until"
                        + " from termination_reviews" + (only == null ? "" : " where case_id = :id")
                        + " order by case_id")
                .params(only == null ? java.util.Map.of() : java.util.Map.of("id", only))
                .query(RecordRows.of(TerminationReviewRows.Row.class))
                .list();
    }

    /** Whether another case holds this active key (one active case per rule and subject). */
    boolean activeKeyTaken(String key) {
        return jdbc.sql("select count(*) from enforcement_cases where active_key = :k")
                        .param("k", key)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean anyAction(List<Long> ids) {
        return !ids.isEmpty()
                && jdbc.sql("select count(*) from enforcement_actions where id in (:ids)")
                                .param("ids", ids)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    boolean anyAppeal(List<Long> ids) {
        return !ids.isEmpty()
                && jdbc.sql("select count(*) from enforcement_appeals where id in (:ids)")
                                .param("ids", ids)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    boolean anyOutreach(List<Long> ids) {
        return !ids.isEmpty()
                && jdbc.sql("select count(*) from enforcement_outreach where id in (:ids)")
                                .param("ids", ids)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    void insert(EnforcementCase c, @Nullable String activeKey, Instant now) {
        jdbc.sql("insert into enforcement_cases (id, rule, subject_type, subject_id, partner_id, active_key, status,"
                        + " began_at, opened_at, resolved_at, closed_at, severity, evidence, policy_version, updated_at)"
                        + " values (:id, :rule, :type, :subject, :partner, :active, :status, :began, :opened, :resolved,"
                        + " :closed, :severity, :evidence, :policy, :now)")
                .param("id", c.id())
                .param("rule", c.rule())
                .param("type", c.subjectType())
                .param("subject", c.subjectId())
                .param("partner", c.partner().value())
                .param("active", activeKey)
                .param("status", c.status().name())
                .param("began", utc(c.beganAt()))
                .param("opened", utc(c.openedAt()))
                .param("resolved", at(c.resolvedAt()))
                .param("closed", at(c.closedAt()))
                .param("severity", c.severity())
                .param("evidence", c.evidence())
                .param("policy", c.policyVersion())
                .param("now", utc(now))
                .update();
    }

    void insert(long caseId, String partner, EnforcementCase.Action a, @Nullable String effect) {
        jdbc.sql("insert into enforcement_actions (id, case_id, partner_id, origin, action, step, status, proposed_at,"
                        + " proposed_by, due_at, reason, justification, approvals_required, decided_at, applied_at,"
                        + " effect, lifts_action_id, undone_at, version) values (:id, :case, :partner, :origin, :action,"
                        + " :step, :status, :proposed, :by, :due, :reason, :justification, :approvals, :decided,"
                        + " :applied, :effect, :lifts, :undone, 1)")
                .param("id", a.id())
                .param("case", caseId)
                .param("partner", partner)
                .param("origin", a.origin().name())
                .param("action", a.action())
                .param("step", a.step())
                .param("status", a.status().name())
                .param("proposed", utc(a.proposedAt()))
                .param("by", a.proposedBy())
                .param("due", utc(a.dueAt()))
                .param("reason", a.reason())
                .param(
                        "justification",
                        a.justification() == null ? null : a.justification().name())
                .param("approvals", a.approvalsRequired())
                .param("decided", at(a.decidedAt()))
                .param("applied", at(a.appliedAt()))
                .param("effect", effect)
                .param("lifts", a.lifts())
                .param("undone", at(a.undoneAt()))
                .update();
    }

    void insert(long actionId, EnforcementCase.Vote v) {
        jdbc.sql("insert into enforcement_votes (action_id, voter_id, voter_name, decision, comment, at)"
                        + " values (:a, :id, :name, :decision, :comment, :at)")
                .param("a", actionId)
                .param("id", v.voter())
                .param("name", v.voterName())
                .param("decision", v.decision())
                .param("comment", v.comment())
                .param("at", utc(v.at()))
                .update();
    }

    void insert(long actionId, String partner, EnforcementCase.Appeal p) {
        jdbc.sql("insert into enforcement_appeals (id, action_id, partner_id, status, grounds, filed_by, filed_at,"
                        + " decided_by, decided_at, decision_note) values (:id, :a, :p, :status, :grounds, :by, :at,"
                        + " :decidedBy, :decidedAt, :note)")
                .param("id", p.id())
                .param("a", actionId)
                .param("p", partner)
                .param("status", p.status().name())
                .param("grounds", p.grounds())
                .param("by", p.filedBy())
                .param("at", utc(p.filedAt()))
                .param("decidedBy", p.decidedBy())
                .param("decidedAt", at(p.decidedAt()))
                .param("note", p.decisionNote())
                .update();
    }

    void insert(long caseId, String partner, EnforcementCase.Outreach o) {
        jdbc.sql("insert into enforcement_outreach (id, case_id, partner_id, channel, reached_at, reference, summary,"
                        + " recorded_by, answer, answered_at) values (:id, :c, :p, :ch, :at, :ref, :s, :by, :a, :aat)")
                .param("id", o.id())
                .param("c", caseId)
                .param("p", partner)
                .param("ch", o.channel())
                .param("at", utc(o.reachedAt()))
                .param("ref", o.reference())
                .param("s", o.summary())
                .param("by", o.recordedBy())
                .param("a", o.answer())
                .param("aat", at(o.answeredAt()))
                .update();
    }

    void insert(long caseId, EnforcementCase.TerminationReview r) {
        jdbc.sql("insert into termination_reviews (case_id, reviewed_by, reviewed_on, outcome, migration_days,"
                        + " migration_until) values (:c, :by, :on, :outcome, :days, :until)")
                .param("c", caseId)
                .param("by", r.reviewedBy())
                .param("on", r.reviewedOn())
                .param("outcome", r.outcome())
                .param("days", r.migrationDays())
                .param("until", at(r.migrationUntil()))
                .update();
    }

    /**
     * Moves each table's id generator past the highest id, so that cases, actions, appeals and outreach
     * recorded after an import of history never take an imported number. Both databases accept this form.
     */
    void restartIds() {
        for (String table :
                List.of("enforcement_cases", "enforcement_actions", "enforcement_appeals", "enforcement_outreach")) {
            long next = jdbc.sql("select coalesce(max(id), 0) + 1 from " + table)
                    .query(Long.class)
                    .single();
            jdbc.sql("alter table " + table + " alter column id restart with " + next)
                    .update();
        }
    }

    private static @Nullable OffsetDateTime at(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }
}

package dev.warden.server.bugcrowd;

import static dev.warden.server.shared.Timestamps.utc;
import static dev.warden.server.shared.Timestamps.utcOrNull;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Bugcrowd connection, linked programs and the submissions seen, in SQL; the API token is stored sealed. */
@Repository
class BugcrowdRows {
    private final JdbcClient jdbc;

    BugcrowdRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Connection(
            String apiUrl,
            String apiToken,
            String apiVersion,
            boolean enabled,
            @Nullable OffsetDateTime lastPullAt,
            @Nullable String lastError,
            @Nullable OffsetDateTime lastErrorAt,
            OffsetDateTime updatedAt,
            String updatedBy,
            @Nullable String webhookToken,
            @Nullable String webhookSecret,
            @Nullable OffsetDateTime webhookReceivedAt,
            long webhookRefused,
            @Nullable OffsetDateTime webhookRefusedAt,
            @Nullable String webhookRefusal) {}

    record Program(
            String code,
            String programId,
            String partnerId,
            String targets,
            @Nullable OffsetDateTime lastPullAt,
            OffsetDateTime createdAt,
            String createdBy) {}

    /** A submission as last seen, with the ticket it opened and why it has none. */
    record Submission(
            String submissionId,
            String programCode,
            @Nullable String ticketKey,
            String title,
            String state,
            @Nullable Integer priority,
            @Nullable Double cvssScore,
            @Nullable String target,
            boolean duplicate,
            @Nullable String duplicateOf,
            OffsetDateTime submittedAt,
            @Nullable OffsetDateTime triagedAt,
            @Nullable OffsetDateTime decidedAt,
            @Nullable OffsetDateTime resolvedAt,
            @Nullable OffsetDateTime firstRewardAt,
            @Nullable OffsetDateTime lastRewardAt,
            long rewardsCents,
            @Nullable String problem,
            OffsetDateTime seenAt) {}

    /** Per linked program: how many submissions, how many opened a ticket, how many wait with a problem. */
    record Counts(String programCode, long submissions, long tickets, long problems) {}

    Optional<Connection> connection() {
        return jdbc.sql("""
                        select api_url, api_token, api_version, enabled, last_pull_at, last_error, last_error_at,
                            updated_at, updated_by, webhook_token, webhook_secret, webhook_received_at,
                            webhook_refused, webhook_refused_at, webhook_refusal
                        from bugcrowd_connection where id = 1
                        """).query(RecordRows.of(Connection.class)).optional();
    }

    void save(Connection c) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("url", c.apiUrl());
        p.put("token", c.apiToken());
        p.put("version", c.apiVersion());
        p.put("enabled", c.enabled());
        p.put("at", c.updatedAt());
        p.put("by", c.updatedBy());
        int updated = jdbc.sql("""
                        update bugcrowd_connection set api_url = :url, api_token = :token, api_version = :version,
                            enabled = :enabled, last_error = null, last_error_at = null, updated_at = :at,
                            updated_by = :by
                        where id = 1
                        """).params(p).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into bugcrowd_connection (id, api_url, api_token, api_version, enabled, updated_at,
                                updated_by)
                            values (1, :url, :token, :version, :enabled, :at, :by)
                            """).params(p).update();
        }
    }

    void delete() {
        jdbc.sql("delete from bugcrowd_connection where id = 1").update();
    }

    void webhookToken(String sealed) {
        jdbc.sql("update bugcrowd_connection set webhook_token = :t where id = 1")
                .param("t", sealed)
                .update();
    }

    void webhookSecret(@Nullable String sealed) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("s", sealed);
        jdbc.sql("update bugcrowd_connection set webhook_secret = :s where id = 1")
                .params(p)
                .update();
    }

    /** A delivery was admitted at the webhook's address. */
    void delivered(Instant at) {
        jdbc.sql("update bugcrowd_connection set webhook_received_at = :at where id = 1")
                .param("at", utc(at))
                .update();
    }

    /** A delivery at the webhook's address was refused (its digest), and why. */
    void refused(String reason, Instant at) {
        jdbc.sql("""
                        update bugcrowd_connection set webhook_refused = webhook_refused + 1, webhook_refused_at = :at,
                            webhook_refusal = :why
                        where id = 1
                        """).param("at", utc(at)).param("why", reason).update();
    }

    void pulled(Instant at) {
        jdbc.sql("update bugcrowd_connection set last_pull_at = :at, last_error = null, last_error_at = null"
                        + " where id = 1")
                .param("at", utc(at))
                .update();
    }

    void error(String error, Instant at) {
        jdbc.sql("update bugcrowd_connection set last_error = :e, last_error_at = :at where id = 1")
                .param("e", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("at", utc(at))
                .update();
    }

    List<Program> programs() {
        return jdbc.sql("""
                        select code, program_id, partner_id, targets, last_pull_at, created_at, created_by
                        from bugcrowd_programs order by code
                        """).query(RecordRows.of(Program.class)).list();
    }

    /** The linked programs of one partner, or of every partner (null). */
    List<Program> programs(@Nullable String partnerId) {
        if (partnerId == null) {
            return programs();
        }
        return jdbc.sql("""
                        select code, program_id, partner_id, targets, last_pull_at, created_at, created_by
                        from bugcrowd_programs where partner_id = :p order by code
                        """)
                .param("p", partnerId)
                .query(RecordRows.of(Program.class))
                .list();
    }

    Optional<Program> program(String code) {
        return jdbc.sql("""
                        select code, program_id, partner_id, targets, last_pull_at, created_at, created_by
                        from bugcrowd_programs where code = :c
                        """)
                .param("c", code)
                .query(RecordRows.of(Program.class))
                .optional();
    }

    void saveProgram(Program p) {
        int updated = jdbc.sql("""
                        update bugcrowd_programs set program_id = :program, partner_id = :partner, targets = :targets
                        where code = :code
                        """)
                .param("program", p.programId())
                .param("partner", p.partnerId())
                .param("targets", p.targets())
                .param("code", p.code())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into bugcrowd_programs (code, program_id, partner_id, targets, created_at, created_by)
                            values (:code, :program, :partner, :targets, :at, :by)
                            """)
                    .param("code", p.code())
                    .param("program", p.programId())
                    .param("partner", p.partnerId())
                    .param("targets", p.targets())
                    .param("at", p.createdAt())
                    .param("by", p.createdBy())
                    .update();
        }
    }

    boolean deleteProgram(String code) {
        return jdbc.sql("delete from bugcrowd_programs where code = :c")
                        .param("c", code)
                        .update()
                > 0;
    }

    void programPulled(String code, Instant at) {
        jdbc.sql("update bugcrowd_programs set last_pull_at = :at where code = :c")
                .param("at", utc(at))
                .param("c", code)
                .update();
    }

    Optional<Submission> submission(String id) {
        return jdbc.sql(SELECT + " where submission_id = :id")
                .param("id", id)
                .query(RecordRows.of(Submission.class))
                .optional();
    }

    /** The submissions of some programs submitted since a moment, for the health figures. */
    List<Submission> submissions(List<String> programCodes, Instant since) {
        if (programCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where program_code in (:codes) and submitted_at >= :since")
                .param("codes", programCodes)
                .param("since", utc(since))
                .query(RecordRows.of(Submission.class))
                .list();
    }

    /** The latest activity on any submission of some programs, however old. */
    Optional<OffsetDateTime> lastActivity(List<String> programCodes) {
        if (programCodes.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select max(greatest(submitted_at, coalesce(decided_at, submitted_at),
                            coalesce(resolved_at, submitted_at), coalesce(last_reward_at, submitted_at)))
                        from bugcrowd_submissions where program_code in (:codes)
                        """)
                .param("codes", programCodes)
                .query(OffsetDateTime.class)
                .optional();
    }

    /** The submissions of one program, newest first, or only those waiting with a problem. */
    List<Submission> submissions(String programCode, boolean problemsOnly, int limit) {
        return jdbc.sql(SELECT + " where program_code = :code" + (problemsOnly ? " and problem is not null" : "")
                        + " order by submitted_at desc, submission_id limit :limit")
                .param("code", programCode)
                .param("limit", limit)
                .query(RecordRows.of(Submission.class))
                .list();
    }

    /** The submission's row, locked until the transaction ends: one pull at a time applies it. */
    Optional<Submission> locked(String id) {
        return jdbc.sql(SELECT + " where submission_id = :id for update")
                .param("id", id)
                .query(RecordRows.of(Submission.class))
                .optional();
    }

    void problem(String id, String problem) {
        jdbc.sql("update bugcrowd_submissions set problem = :p where submission_id = :id")
                .param("p", problem)
                .param("id", id)
                .update();
    }

    Optional<String> ticketOf(String submissionId) {
        return jdbc.sql(
                        "select ticket_key from bugcrowd_submissions where submission_id = :id and ticket_key is not null")
                .param("id", submissionId)
                .query(String.class)
                .optional();
    }

    List<Counts> counts() {
        return jdbc.sql("""
                        select program_code, count(*) as submissions, count(ticket_key) as tickets,
                            count(problem) as problems
                        from bugcrowd_submissions group by program_code
                        """).query(RecordRows.of(Counts.class)).list();
    }

    void upsert(Submission s) {
        if (update(s) == 0) {
            insert(s);
        }
    }

    void insert(Submission s) {
        jdbc.sql("""
                        insert into bugcrowd_submissions (submission_id, program_code, ticket_key, title, state,
                            priority, cvss_score, target, duplicate, duplicate_of, submitted_at, triaged_at,
                            decided_at, resolved_at, first_reward_at, last_reward_at, rewards_cents, problem,
                            seen_at)
                        values (:id, :code, :ticket, :title, :state, :priority, :cvss, :target, :duplicate,
                            :duplicateOf, :submitted, :triaged, :decided, :resolved, :firstReward, :lastReward,
                            :rewards, :problem, :seen)
                        """).params(params(s)).update();
    }

    private int update(Submission s) {
        return jdbc.sql("""
                        update bugcrowd_submissions set program_code = :code, ticket_key = :ticket, title = :title,
                            state = :state, priority = :priority, cvss_score = :cvss, target = :target,
                            duplicate = :duplicate, duplicate_of = :duplicateOf, submitted_at = :submitted,
                            triaged_at = :triaged, decided_at = :decided, resolved_at = :resolved,
                            first_reward_at = :firstReward, last_reward_at = :lastReward, rewards_cents = :rewards,
                            problem = :problem, seen_at = :seen
                        where submission_id = :id
                        """).params(params(s)).update();
    }

    private static Map<String, @Nullable Object> params(Submission s) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("id", s.submissionId());
        p.put("code", s.programCode());
        p.put("ticket", s.ticketKey());
        p.put("title", s.title());
        p.put("state", s.state());
        p.put("priority", s.priority());
        p.put("cvss", s.cvssScore());
        p.put("target", s.target());
        p.put("duplicate", s.duplicate());
        p.put("duplicateOf", s.duplicateOf());
        p.put("submitted", s.submittedAt());
        p.put("triaged", s.triagedAt());
        p.put("decided", s.decidedAt());
        p.put("resolved", s.resolvedAt());
        p.put("firstReward", s.firstRewardAt());
        p.put("lastReward", s.lastRewardAt());
        p.put("rewards", s.rewardsCents());
        p.put("problem", s.problem());
        p.put("seen", s.seenAt());
        return p;
    }

    static @Nullable OffsetDateTime at(@Nullable Instant instant) {
        return utcOrNull(instant);
    }

    private static final String SELECT = """
            select submission_id, program_code, ticket_key, title, state, priority, cvss_score, target, duplicate,
                duplicate_of, submitted_at, triaged_at, decided_at, resolved_at, first_reward_at, last_reward_at,
                rewards_cents, problem, seen_at
            from bugcrowd_submissions""";
}

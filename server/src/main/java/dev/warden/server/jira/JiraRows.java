package dev.warden.server.jira;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Jira connection, ticket-to-issue links and comments seen, in SQL; credentials are stored sealed. */
@Repository
class JiraRows {
    private final JdbcClient jdbc;

    JiraRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Connection(
            String siteUrl,
            String email,
            String apiToken,
            String projectKey,
            String issueType,
            String statusMap,
            String priorityMap,
            String webhookSecret,
            boolean enabled,
            @Nullable String accountId,
            @Nullable OffsetDateTime lastPushAt,
            @Nullable OffsetDateTime lastPollAt,
            @Nullable String lastError,
            @Nullable OffsetDateTime lastErrorAt,
            OffsetDateTime updatedAt,
            String updatedBy) {}

    record Link(String ticketKey, String issueId, String issueKey, int eventsPushed) {}

    Optional<Connection> connection() {
        return jdbc.sql("""
                        select site_url, email, api_token, project_key, issue_type, status_map, priority_map,
                            webhook_secret, enabled, account_id, last_push_at, last_poll_at, last_error,
                            last_error_at, updated_at, updated_by
                        from jira_connection where id = 1
                        """).query(RecordRows.of(Connection.class)).optional();
    }

    void save(Connection c) {
        int updated = jdbc.sql("""
                        update jira_connection set site_url = :site, email = :email, api_token = :token,
                            project_key = :project, issue_type = :type, status_map = :statuses,
                            priority_map = :priorities, webhook_secret = :secret, enabled = :enabled,
                            account_id = :account, updated_at = :at, updated_by = :by
                        where id = 1
                        """).params(params(c)).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into jira_connection (id, site_url, email, api_token, project_key, issue_type,
                                status_map, priority_map, webhook_secret, enabled, account_id, updated_at, updated_by)
                            values (1, :site, :email, :token, :project, :type, :statuses, :priorities, :secret,
                                :enabled, :account, :at, :by)
                            """).params(params(c)).update();
        }
    }

    private static java.util.Map<String, @Nullable Object> params(Connection c) {
        java.util.Map<String, @Nullable Object> p = new java.util.HashMap<>();
        p.put("site", c.siteUrl());
        p.put("email", c.email());
        p.put("token", c.apiToken());
        p.put("project", c.projectKey());
        p.put("type", c.issueType());
        p.put("statuses", c.statusMap());
        p.put("priorities", c.priorityMap());
        p.put("secret", c.webhookSecret());
        p.put("enabled", c.enabled());
        p.put("account", c.accountId());
        p.put("at", c.updatedAt());
        p.put("by", c.updatedBy());
        return p;
    }

    void delete() {
        jdbc.sql("delete from jira_connection where id = 1").update();
    }

    void accountId(String accountId) {
        jdbc.sql("update jira_connection set account_id = :a where id = 1")
                .param("a", accountId)
                .update();
    }

    void pushed(Instant at) {
        jdbc.sql("update jira_connection set last_push_at = :at where id = 1")
                .param("at", utc(at))
                .update();
    }

    void polled(Instant at) {
        jdbc.sql("update jira_connection set last_poll_at = :at where id = 1")
                .param("at", utc(at))
                .update();
    }

    void error(String error, Instant at) {
        jdbc.sql("update jira_connection set last_error = :e, last_error_at = :at where id = 1")
                .param("e", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("at", utc(at))
                .update();
    }

    Optional<Link> link(String ticketKey) {
        return jdbc.sql("select ticket_key, issue_id, issue_key, events_pushed from jira_links where ticket_key = :k")
                .param("k", ticketKey)
                .query(RecordRows.of(Link.class))
                .optional();
    }

    Optional<Link> linkOfIssue(String issueId) {
        return jdbc.sql("select ticket_key, issue_id, issue_key, events_pushed from jira_links where issue_id = :i")
                .param("i", issueId)
                .query(RecordRows.of(Link.class))
                .optional();
    }

    void link(String ticketKey, String issueId, String issueKey, Instant at) {
        jdbc.sql("""
                        insert into jira_links (ticket_key, issue_id, issue_key, events_pushed, created_at, synced_at)
                        values (:t, :i, :k, 0, :at, :at)
                        """)
                .param("t", ticketKey)
                .param("i", issueId)
                .param("k", issueKey)
                .param("at", utc(at))
                .update();
    }

    void synced(String ticketKey, int eventsPushed, Instant at) {
        jdbc.sql("update jira_links set events_pushed = :n, synced_at = :at where ticket_key = :t")
                .param("n", eventsPushed)
                .param("at", utc(at))
                .param("t", ticketKey)
                .update();
    }

    long links() {
        return jdbc.sql("select count(*) from jira_links").query(Long.class).single();
    }

    /** Records a comment as seen; false when it already was. */
    boolean commentSeen(String commentId, String ticketKey, String origin, Instant at) {
        boolean known = jdbc.sql("select count(*) from jira_comments where comment_id = :c")
                        .param("c", commentId)
                        .query(Long.class)
                        .single()
                > 0;
        if (known) {
            return false;
        }
        try {
            jdbc.sql("insert into jira_comments (comment_id, ticket_key, origin, created_at) values (:c, :t, :o, :at)")
                    .param("c", commentId)
                    .param("t", ticketKey)
                    .param("o", origin)
                    .param("at", utc(at))
                    .update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false; // the webhook and the poll saw it at the same moment
        }
    }
}

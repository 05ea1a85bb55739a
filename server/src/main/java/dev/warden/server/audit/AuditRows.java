package dev.warden.server.audit;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.audit.ChainedEntry;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.SqlFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log and the head of its hash chain. */
@Repository
class AuditRows {
    private static final String COLUMNS =
            "seq, scheme, at, actor_kind, actor_id, action, subject_type, subject_id, partner_id, details, prev_hash, hash";

    private final JdbcClient jdbc;

    AuditRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Head(long seq, String hash) {}

    /** The chain's head, locked until the transaction ends: appends happen one at a time across nodes. */
    Head lockHead() {
        return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query(Head.class)
                .single();
    }

    Head head() {
        return jdbc.sql("select seq, hash from audit_head where id = 1")
                .query(Head.class)
                .single();
    }

    /** Appends an entry and moves the head to it. */
    void append(ChainedEntry entry) {
        jdbc.sql(
                        "insert into audit_log (" + COLUMNS + ")"
                                + " values (:seq, :scheme, :at, :kind, :actor, :action, :type, :subject, :partner, :details, :prev, :hash)")
                .param("seq", entry.seq())
                .param("scheme", entry.scheme())
                .param("at", utc(entry.at()))
                .param("kind", entry.actorKind())
                .param("actor", entry.actorId())
                .param("action", entry.action())
                .param("type", entry.subjectType())
                .param("subject", entry.subjectId())
                .param("partner", entry.partner())
                .param("details", entry.details())
                .param("prev", entry.prevHash())
                .param("hash", entry.hash())
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", entry.seq())
                .param("hash", entry.hash())
                .update();
    }

    List<String> distinct(String column) {
        if (!column.equals("action") && !column.equals("subject_type")) {
            throw new IllegalArgumentException("not a vocabulary column: " + column);
        }
        return jdbc.sql("select distinct " + column + " from audit_log order by " + column)
                .query(String.class)
                .list();
    }

    List<AuditEntry> page(SqlFilter filter, Paging paging) {
        return jdbc.sql("select " + COLUMNS + " from audit_log" + filter.where() + " order by seq desc limit "
                        + paging.size() + " offset " + paging.offset())
                .params(filter.params())
                .query((rs, n) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12)))
                .list();
    }

    long count(SqlFilter filter) {
        return jdbc.sql("select count(*) from audit_log" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} entries after {@code seq}, in chain order. */
    List<ChainedEntry> after(long seq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_log where seq > :after order by seq limit " + limit)
                .param("after", seq)
                .query((rs, n) -> entry(rs))
                .list();
    }

    private static ChainedEntry entry(ResultSet rs) throws SQLException {
        return new ChainedEntry(
                rs.getLong(1),
                rs.getInt(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12));
    }
}

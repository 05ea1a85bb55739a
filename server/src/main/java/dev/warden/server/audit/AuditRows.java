package dev.warden.server.audit;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.audit.ChainedEntry;
import dev.warden.server.shared.Databases;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log and the head of its hash chain. */
@Repository
class AuditRows {
    /** The most values of one column listed for the audit page's filter. */
    private static final int MAX_VOCABULARY = 1000;

    private static final String COLUMNS =
            "seq, scheme, at, actor_kind, actor_id, action, subject_type, subject_id, partner_id, details, prev_hash, hash";

    /**
     * The filters whose column leads an index ending in seq, by parameter, the likeliest to be selective
     * first: a page filtered by one of them is read from that index, newest match first.
     */
    private static final List<Map.Entry<String, String>> INDEXED_FILTERS = List.of(
            Map.entry("partner", "partner_id"),
            Map.entry("actor", "actor_id"),
            Map.entry("action", "action"),
            Map.entry("type", "subject_type"));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate reading;

    private final boolean h2;

    AuditRows(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batches,
            DataSource dataSource,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.h2 = Databases.isH2(dataSource);
    }

    record Head(long seq, String hash) {}

    /** The chain's head, locked until the transaction ends: appends happen one at a time across nodes. */
    Head lockHead() {
        return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query(RecordRows.of(Head.class))
                .single();
    }

    Head head() {
        return jdbc.sql("select seq, hash from audit_head where id = 1")
                .query(RecordRows.of(Head.class))
                .single();
    }

    /** Appends chained entries in one batch and moves the head to the last. */
    void append(List<ChainedEntry> entries) {
        MapSqlParameterSource[] batch = entries.stream()
                .map(entry -> new MapSqlParameterSource()
                        .addValue("seq", entry.seq())
                        .addValue("scheme", entry.scheme())
                        .addValue("at", utc(entry.at()))
                        .addValue("kind", entry.actorKind())
                        .addValue("actor", entry.actorId())
                        .addValue("action", entry.action())
                        .addValue("type", entry.subjectType())
                        .addValue("subject", entry.subjectId())
                        .addValue("partner", entry.partner())
                        .addValue("details", entry.details())
                        .addValue("prev", entry.prevHash())
                        .addValue("hash", entry.hash()))
                .toArray(MapSqlParameterSource[]::new);
        batches.batchUpdate(
                "insert into audit_log (" + COLUMNS + ")"
                        + " values (:seq, :scheme, :at, :kind, :actor, :action, :type, :subject, :partner, :details, :prev, :hash)",
                batch);
        ChainedEntry last = entries.get(entries.size() - 1);
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", last.seq())
                .param("hash", last.hash())
                .update();
    }

    List<String> distinct(String column) {
        if (!column.equals("action") && !column.equals("subject_type")) {
            throw new IllegalArgumentException("not a vocabulary column: " + column);
        }
        // Both read the column's index, one step per value, however many entries there are; a plain
        // "select distinct" reads every entry on PostgreSQL (a second or more at a million). H2 skips from
        // value to value itself once ANALYZE has counted the column's values, but takes a recursive query
        // like PostgreSQL's a hundred times slower.
        String sql = h2
                ? "select distinct " + column + " from audit_log order by " + column
                : "with recursive v (x) as ((select " + column + " from audit_log order by " + column + " limit 1)"
                        + " union all select (select " + column + " from audit_log where " + column + " > v.x"
                        + " order by " + column + " limit 1) from v where v.x is not null)"
                        + " select x from v where x is not null order by x";
        return jdbc.sql(sql + " limit " + MAX_VOCABULARY).query(String.class).list();
    }

    /**
     * Up to {@code limit} entries matching {@code filter} from {@code offset} on: newest first, or oldest
     * first with {@code ascending} (a page read backwards from a cursor).
     */
    List<AuditEntry> page(SqlFilter filter, boolean ascending, int limit, long offset) {
        // Filtered by a column with an index ending in seq, the order names that column too: H2 then reads
        // the page from that index rather than sorting every match (PostgreSQL does either way, as the
        // column is the same on every match). A subject's few entries are sorted from its own index.
        String direction = ascending ? " asc" : " desc";
        String lead = filter.params().containsKey("subject")
                ? ""
                : INDEXED_FILTERS.stream()
                        .filter(e -> filter.params().containsKey(e.getKey()))
                        .map(e -> e.getValue() + direction + ", ")
                        .findFirst()
                        .orElse("");
        String sql = "select " + COLUMNS + " from audit_log" + filter.where() + " order by " + lead + "seq" + direction
                + " limit " + limit + " offset " + offset;
        return withCustomPlans(() -> jdbc.sql(sql)
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
                .list());
    }

    /** The entries matching {@code filter}, counted up to {@code limit}: reading a million to count them costs more than the page. */
    long count(SqlFilter filter, long limit) {
        return withCustomPlans(() -> jdbc.sql("select count(*) from (select 1 from audit_log" + filter.where()
                        + " limit " + limit + ") counted")
                .params(filter.params())
                .query(Long.class)
                .single());
    }

    /**
     * Runs a filtered read planned for its own values on PostgreSQL. Once a statement has run a few times
     * on a connection, PostgreSQL may plan it once for any value, assuming each value matches an even
     * share of the trail: for "subject_type = ?" it then walks the whole trail backwards from its newest
     * entry to find the few, oldest, partner entries (580 ms at a million entries, against 0.4 ms).
     */
    private <T> T withCustomPlans(Supplier<T> read) {
        if (h2) {
            return read.get();
        }
        T result = reading.execute(status -> {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            return read.get();
        });
        return Objects.requireNonNull(result);
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

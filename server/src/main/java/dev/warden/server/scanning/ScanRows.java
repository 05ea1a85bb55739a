package dev.warden.server.scanning;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.scanner.ArtifactPath;
import dev.warden.scanner.Finding;
import dev.warden.scanner.Problem;
import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scans and what they found, in SQL. A scan moves QUEUED → RUNNING (claimed by one node, which beats
 * while it works) → FINISHED or FAILED; every move is a compare-and-set on the status and the node, so
 * two nodes never run the same scan and a node that lost its claim cannot record a result.
 */
@Repository
class ScanRows {
    private final JdbcClient jdbc;

    ScanRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long id,
            String sha256,
            String scannerVersion,
            int run,
            String reason,
            String status,
            int attempts,
            @Nullable String node,
            @Nullable OffsetDateTime heartbeatAt,
            OffsetDateTime queuedAt,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime finishedAt,
            long filesDone,
            long bytesDone,
            boolean incomplete,
            int problems,
            @Nullable String failure) {}

    /** One stored finding of a scan. */
    record Result(
            int seq,
            String rule,
            String severity,
            String path,
            int line,
            int col,
            String message,
            String preview,
            String secretHash,
            String fingerprint,
            String confidence,
            @Nullable String vulnerability) {}

    private static final String COLUMNS = "id, sha256, scanner_version, run, reason, status, attempts, node,"
            + " heartbeat_at, queued_at, started_at, finished_at, files_done, bytes_done, incomplete, problems, failure";

    /**
     * Queues the scan of an artifact by a scanner version unless one was queued already (by any node):
     * run 1, or a new run when {@code again} and none is waiting or running.
     */
    boolean queue(String sha256, String scannerVersion, String reason, boolean again, Instant now) {
        if (again && waiting(sha256)) {
            return false;
        }
        String run = again
                ? "(select coalesce(max(run), 0) + 1 from scans where sha256 = :sha and scanner_version = :version)"
                : "1";
        return jdbc.sql("insert into scans (sha256, scanner_version, run, reason, status, attempts, queued_at,"
                                + " files_done, bytes_done, incomplete, problems) values (:sha, :version, " + run
                                + ", :reason, 'QUEUED', 0, :now, 0, 0, false, 0) on conflict do nothing")
                        .param("sha", sha256)
                        .param("version", scannerVersion)
                        .param("reason", reason)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    private boolean waiting(String sha256) {
        return jdbc.sql("select count(*) from scans where sha256 = :sha and status in ('QUEUED', 'RUNNING')")
                        .param("sha", sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Long> nextQueued() {
        return jdbc.sql("select id from scans where status = 'QUEUED' order by queued_at, id limit 1")
                .query(Long.class)
                .optional();
    }

    /** Claims a queued scan for {@code node}; false when another node was first. */
    boolean claim(long id, String node, Instant now) {
        return jdbc.sql("update scans set status = 'RUNNING', node = :node, attempts = attempts + 1,"
                                + " heartbeat_at = :now, started_at = :now, files_done = 0, bytes_done = 0"
                                + " where id = :id and status = 'QUEUED'")
                        .param("id", id)
                        .param("node", node)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** The node is alive and this far; false when it no longer holds the scan. */
    boolean beat(long id, String node, long files, long bytes, Instant now) {
        return jdbc.sql("update scans set heartbeat_at = :now, files_done = :files, bytes_done = :bytes"
                                + " where id = :id and status = 'RUNNING' and node = :node")
                        .param("id", id)
                        .param("node", node)
                        .param("files", files)
                        .param("bytes", bytes)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** Running scans whose node has not beaten since {@code before}: it died, or lost the database. */
    List<Row> stale(Instant before) {
        return jdbc.sql("select " + COLUMNS + " from scans where status = 'RUNNING' and heartbeat_at < :before")
                .param("before", utc(before))
                .query(RecordRows.of(Row.class))
                .list();
    }

    /** Puts a stale scan back in the queue; false if it moved meanwhile. */
    boolean requeue(long id, @Nullable String node) {
        return jdbc.sql("update scans set status = 'QUEUED', node = null where id = :id and status = 'RUNNING'"
                                + " and node = :node")
                        .param("id", id)
                        .param("node", node)
                        .update()
                == 1;
    }

    /** Records a finished scan; false when {@code node} no longer holds it (nothing is recorded then). */
    boolean finish(long id, String node, long files, long bytes, boolean incomplete, int problems, Instant now) {
        return jdbc.sql("update scans set status = 'FINISHED', finished_at = :now, heartbeat_at = :now,"
                                + " files_done = :files, bytes_done = :bytes, incomplete = :incomplete,"
                                + " problems = :problems where id = :id and status = 'RUNNING' and node = :node")
                        .param("id", id)
                        .param("node", node)
                        .param("files", files)
                        .param("bytes", bytes)
                        .param("incomplete", incomplete)
                        .param("problems", problems)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** Fails a scan held by {@code node} (or by nobody in particular, when node is null). */
    boolean fail(long id, @Nullable String node, String failure, Instant now) {
        String held = node == null ? "" : " and node = :node";
        var spec = jdbc.sql("update scans set status = 'FAILED', finished_at = :now, failure = :failure"
                        + " where id = :id and status in ('QUEUED', 'RUNNING')" + held)
                .param("id", id)
                .param("failure", failure.length() > 1000 ? failure.substring(0, 1000) : failure)
                .param("now", utc(now));
        if (node != null) {
            spec = spec.param("node", node);
        }
        return spec.update() == 1;
    }

    void results(long scanId, List<Finding> findings) {
        int seq = jdbc.sql("select coalesce(max(seq), 0) from scan_results where scan_id = :scan")
                .param("scan", scanId)
                .query(Integer.class)
                .single();
        for (Finding f : findings) {
            jdbc.sql("""
                            insert into scan_results (scan_id, seq, rule, severity, path, line, col, message, preview,
                                secret_hash, fingerprint, confidence, vulnerability)
                            values (:scan, :seq, :rule, :severity, :path, :line, :col, :message, :preview, :hash,
                                :fingerprint, :confidence, :vulnerability)
                            """)
                    .param("scan", scanId)
                    .param("seq", ++seq)
                    .param("vulnerability", VulnerabilityJson.write(f.vulnerability()))
                    .param("rule", clip(f.rule(), 100))
                    .param("severity", f.severity().name())
                    .param("path", clip(f.path().toString(), 4000))
                    .param("line", f.line())
                    .param("col", f.column())
                    .param("message", clip(f.message(), 1000))
                    .param("preview", clip(f.preview(), 200))
                    .param("hash", f.secretHash())
                    .param("fingerprint", f.fingerprint())
                    .param("confidence", f.confidence())
                    .update();
        }
    }

    /** Forgets what a scan found under one rule (before its findings are matched again). */
    void dropResults(long scanId, String rule) {
        jdbc.sql("delete from scan_results where scan_id = :scan and rule = :rule")
                .param("scan", scanId)
                .param("rule", rule)
                .update();
    }

    /** The most problems kept per scan; the scan's count has them all. */
    static final int MAX_PROBLEMS = 1000;

    /** The descriptors a scan found (at most 100). */
    void descriptors(long scanId, List<dev.warden.scanner.Descriptor> descriptors) {
        int seq = 0;
        for (dev.warden.scanner.Descriptor d : descriptors.subList(0, Math.min(descriptors.size(), 100))) {
            StringBuilder lifecycle = new StringBuilder();
            d.lifecycle()
                    .forEach((event, url) ->
                            lifecycle.append(event).append('=').append(url).append('\n'));
            jdbc.sql(
                            "insert into scan_descriptors (scan_id, seq, path, type, app_key, base_url, domains, lifecycle,"
                                    + " authentication) values (:scan, :seq, :path, :type, :key, :base, :domains, :lifecycle, :auth)")
                    .param("scan", scanId)
                    .param("seq", ++seq)
                    .param("path", clip(d.path().toString(), 4000))
                    .param("type", clip(d.type(), 16))
                    .param("key", d.key() == null ? null : clip(d.key(), 200))
                    .param("base", d.baseUrl() == null ? null : clip(d.baseUrl(), 2000))
                    .param("domains", clip(String.join("\n", d.domains()), 8000))
                    .param("lifecycle", clip(lifecycle.toString(), 4000))
                    .param("auth", d.authentication() == null ? null : clip(d.authentication(), 50))
                    .update();
        }
    }

    /** A descriptor as stored: its type, base URL and remote domains. */
    record DescriptorRow(
            String type,
            @Nullable String key,
            @Nullable String baseUrl,
            List<String> domains,
            java.util.Map<String, String> lifecycle,
            @Nullable String authentication) {}

    /**
     * The descriptors of the latest finished scan of the latest version of each of the app's listings
     * (what the app declares now).
     */
    List<DescriptorRow> latestDescriptors(String app) {
        return jdbc.sql("""
select d.type, d.app_key, d.base_url, d.domains, d.lifecycle, d.authentication from scan_descriptors d
                        where d.scan_id in (
                            select max(s.id) from scans s join app_versions v on v.sha256 = s.sha256
                            where s.status = 'FINISHED' and v.id in (
                                select max(w.id) from app_versions w where w.app_key = :app group by w.hosting)
                            group by v.id)
                        order by d.scan_id, d.seq
                        """).param("app", app).query(ScanRows::descriptor).list();
    }

    /** The descriptors one scan found. */
    List<DescriptorRow> descriptorsOf(long scanId) {
        return jdbc.sql("select type, app_key, base_url, domains, lifecycle, authentication from scan_descriptors"
                        + " where scan_id = :scan order by seq")
                .param("scan", scanId)
                .query(ScanRows::descriptor)
                .list();
    }

    private static DescriptorRow descriptor(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String domains = rs.getString("domains");
        return new DescriptorRow(
                rs.getString("type"),
                rs.getString("app_key"),
                rs.getString("base_url"),
                domains.isEmpty() ? List.of() : List.of(domains.split("\n")),
                lifecycle(rs.getString("lifecycle")),
                rs.getString("authentication"));
    }

    private static java.util.Map<String, String> lifecycle(String lines) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    void problems(long scanId, List<Problem> problems) {
        int seq = 0;
        for (Problem p : problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))) {
            jdbc.sql("insert into scan_problems (scan_id, seq, path, message, unread)"
                            + " values (:scan, :seq, :path, :message, :unread)")
                    .param("scan", scanId)
                    .param("seq", ++seq)
                    .param("path", clip(p.path().toString(), 4000))
                    .param("message", clip(p.message(), 1000))
                    .param("unread", p.unread())
                    .update();
        }
    }

    List<Problem> problemsOf(long scanId) {
        return jdbc.sql("select path, message, unread from scan_problems where scan_id = :scan order by seq")
                .param("scan", scanId)
                .query((rs, n) -> new Problem(
                        ArtifactPath.parse(rs.getString("path")), rs.getString("message"), rs.getBoolean("unread")))
                .list();
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    /** What a scan found, as the scanner reported it. */
    List<Finding> findingsOf(long scanId) {
        return resultsOf(scanId).stream()
                .map(r -> {
                    ArtifactPath path = ArtifactPath.parse(r.path());
                    return new Finding(
                            r.rule(),
                            dev.warden.scanner.Severity.valueOf(r.severity()),
                            path,
                            r.line(),
                            r.col(),
                            r.message(),
                            r.preview(),
                            r.secretHash(),
                            r.fingerprint(),
                            dev.warden.scanner.PathContext.of(path),
                            VulnerabilityJson.read(r.vulnerability()));
                })
                .toList();
    }

    List<Result> resultsOf(long scanId) {
        return jdbc.sql("select seq, rule, severity, path, line, col, message, preview, secret_hash, fingerprint,"
                        + " confidence, vulnerability from scan_results where scan_id = :scan order by seq")
                .param("scan", scanId)
                .query(RecordRows.of(Result.class))
                .list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from scans where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** The latest scan of an artifact: the one a version shows. */
    Optional<Row> latestOf(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from scans where sha256 = :sha order by id desc limit 1")
                .param("sha", sha256)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** The latest finished scan of an artifact: the one whose findings a version shows. */
    Optional<Row> latestFinishedOf(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from scans where sha256 = :sha and status = 'FINISHED'"
                        + " order by id desc limit 1")
                .param("sha", sha256)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /**
     * Whether the artifact was scanned by this scanner version (since {@code after}, if given), is being
     * scanned or is to be: a failed scan counts, as the same scanner would fail the same way again.
     */
    boolean scannedSince(String sha256, String scannerVersion, @Nullable Instant after) {
        String since = after == null ? "" : " and queued_at >= :after";
        var spec = jdbc.sql("select count(*) from scans where sha256 = :sha and scanner_version = :version" + since)
                .param("sha", sha256)
                .param("version", scannerVersion);
        if (after != null) {
            spec = spec.param("after", utc(after));
        }
        return spec.query(Long.class).single() > 0;
    }

    /** Scans by status (any, if null), newest first; of one partner's apps if given. */
    List<Row> list(@Nullable String status, @Nullable String partner, int limit, long offset) {
        return listed("select " + COLUMNS, " order by id desc limit " + limit + " offset " + offset, status, partner)
                .query(RecordRows.of(Row.class))
                .list();
    }

    long count(@Nullable String status, @Nullable String partner) {
        return listed("select count(*)", "", status, partner).query(Long.class).single();
    }

    private JdbcClient.StatementSpec listed(
            String select, String tail, @Nullable String status, @Nullable String partner) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (status != null) {
            where.append(" and status = :status");
        }
        if (partner != null) {
            where.append(" and sha256 in (select v.sha256 from app_versions v join apps a on a.app_key = v.app_key"
                    + " where a.partner_id = :partner)");
        }
        var spec = jdbc.sql(select + " from scans" + where + tail);
        if (status != null) {
            spec = spec.param("status", status);
        }
        if (partner != null) {
            spec = spec.param("partner", partner);
        }
        return spec;
    }
}

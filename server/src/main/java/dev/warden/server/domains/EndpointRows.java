package dev.warden.server.domains;

import static dev.warden.server.shared.Timestamps.utc;
import static dev.warden.server.shared.Timestamps.utcOrNull;

import dev.warden.server.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The endpoint checks in SQL: per host and aspect the last result; changes in domain_checks. */
@Repository
class EndpointRows {
    private final JdbcClient jdbc;

    EndpointRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One aspect's last result. */
    record Row(
            EndpointCheck.Aspect aspect,
            EndpointCheck.Status status,
            @Nullable String detail,
            @Nullable Instant failingSince,
            Instant checkedAt) {}

    Map<EndpointCheck.Aspect, Row> of(String host) {
        Map<EndpointCheck.Aspect, Row> out = new EnumMap<>(EndpointCheck.Aspect.class);
        jdbc.sql("select * from domain_endpoints where host = :host")
                .param("host", host)
                .query((rs, n) -> new Row(
                        EndpointCheck.Aspect.valueOf(rs.getString("aspect")),
                        EndpointCheck.Status.valueOf(rs.getString("status")),
                        rs.getString("detail"),
                        Timestamps.instant(rs.getObject("failing_since", OffsetDateTime.class)),
                        Objects.requireNonNull(Timestamps.instant(rs.getObject("checked_at", OffsetDateTime.class)))))
                .list()
                .forEach(r -> out.put(r.aspect(), r));
        return out;
    }

    /** Records each aspect's result; one unlike the last joins the history. */
    void record(String host, Map<EndpointCheck.Aspect, EndpointCheck.Result> results, Instant at) {
        Map<EndpointCheck.Aspect, Row> before = of(host);
        results.forEach((aspect, result) -> {
            Row was = before.get(aspect);
            boolean failing = result.status() == EndpointCheck.Status.FAILING;
            Instant since = !failing
                    ? null
                    : was != null && was.status() == EndpointCheck.Status.FAILING && was.failingSince() != null
                            ? was.failingSince()
                            : at;
            String sql = was == null
                    ? "insert into domain_endpoints (host, aspect, status, detail, failing_since, checked_at)"
                            + " values (:host, :aspect, :status, :detail, :since, :at)"
                    : "update domain_endpoints set status = :status, detail = :detail, failing_since = :since,"
                            + " checked_at = :at where host = :host and aspect = :aspect";
            jdbc.sql(sql)
                    .param("host", host)
                    .param("aspect", aspect.name())
                    .param("status", result.status().name())
                    .param("detail", result.detail())
                    .param("since", utcOrNull(since))
                    .param("at", utc(at))
                    .update();
            if (was == null || was.status() != result.status()) {
                jdbc.sql("insert into domain_checks (host, kind, status, detail, checked_at)"
                                + " values (:host, :kind, :status, :detail, :at)")
                        .param("host", host)
                        .param("kind", aspect.name())
                        .param("status", result.status().name())
                        .param("detail", result.detail())
                        .param("at", utc(at))
                        .update();
            }
        });
    }

    List<DomainRows.CheckRow> history(String host, int limit) {
        return jdbc.sql("select * from domain_checks where host = :host and kind in ('TLS', 'CERTIFICATE', 'HSTS')"
                        + " order by id desc limit :limit")
                .param("host", host)
                .param("limit", limit)
                .query((rs, n) -> new DomainRows.CheckRow(
                        rs.getString("kind") + " " + rs.getString("status"),
                        rs.getString("detail"),
                        Objects.requireNonNull(Timestamps.instant(rs.getObject("checked_at", OffsetDateTime.class)))))
                .list();
    }

    void dropOrphans() {
        jdbc.sql("delete from domain_endpoints where host not in (select host from domain_targets)")
                .update();
    }
}

package dev.warden.server.domains;

import static dev.warden.server.shared.Timestamps.utc;
import static dev.warden.server.shared.Timestamps.utcOrNull;

import dev.warden.server.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The domain checks in SQL: targets per app, hosts with their last result, and each change of result. */
@Repository
class DomainRows {
    private final JdbcClient jdbc;

    DomainRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A redirect URI as stored, with its app and partner. */
    record TargetRow(
            String app,
            String partner,
            String clientId,
            String url,
            String host,
            @Nullable String registrable,
            DomainTargets.Kind kind) {}

    /** A host with what its last check found. */
    record HostRow(
            String host,
            HostCheck.Status status,
            @Nullable String detail,
            @Nullable String service,
            @Nullable Instant failingSince,
            @Nullable Instant checkedAt,
            Instant nextCheckAt) {}

    /** One change of a host's result. */
    record CheckRow(String status, @Nullable String detail, Instant checkedAt) {}

    /** Replaces the app's targets; hosts new to Warden are due at once. Whether anything changed. */
    boolean replaceTargets(String app, String partner, List<DomainTargets.Target> targets, Instant now) {
        List<TargetRow> before = targetsOf(app);
        List<TargetRow> after = targets.stream()
                .map(t -> new TargetRow(app, partner, t.clientId(), t.url(), t.host(), t.registrable(), t.kind()))
                .toList();
        if (before.equals(after)) {
            return false;
        }
        jdbc.sql("delete from domain_targets where app_key = :app")
                .param("app", app)
                .update();
        for (TargetRow t : after) {
            jdbc.sql("insert into domain_targets (app_key, partner_id, client_id, url, host, registrable, kind)"
                            + " values (:app, :partner, :client, :url, :host, :registrable, :kind)")
                    .param("kind", t.kind().name())
                    .param("app", app)
                    .param("partner", partner)
                    .param("client", t.clientId())
                    .param("url", t.url())
                    .param("host", t.host())
                    .param("registrable", t.registrable())
                    .update();
            jdbc.sql("insert into domain_hosts (host, status, next_check_at) select :host, 'PENDING', :now"
                            + " where not exists (select 1 from domain_hosts where host = :host)")
                    .param("host", t.host())
                    .param("now", utc(now))
                    .update();
        }
        return true;
    }

    List<TargetRow> targetsOf(String app) {
        return jdbc.sql("select * from domain_targets where app_key = :app order by id")
                .param("app", app)
                .query(DomainRows::target)
                .list();
    }

    /** Every target naming the host, of one partner's apps when {@code partner} is given. */
    List<TargetRow> targetsOn(String host, @Nullable String partner) {
        return jdbc.sql("select * from domain_targets where host = :host"
                        + (partner == null ? "" : " and partner_id = :partner") + " order by app_key, id")
                .param("host", host)
                .params(partner == null ? java.util.Map.of() : java.util.Map.of("partner", partner))
                .query(DomainRows::target)
                .list();
    }

    /** Whether a redirect URI names the host with https (the others, local development ones, have no endpoint to judge). */
    boolean hasHttpsTarget(String host) {
        return jdbc.sql("select count(*) from domain_targets where host = :host and lower(url) like 'https:%'")
                        .param("host", host)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Every target whose registrable domain is {@code domain}. */
    List<TargetRow> targetsOfDomain(String domain) {
        return jdbc.sql("select * from domain_targets where registrable = :d order by app_key, id")
                .param("d", domain)
                .query(DomainRows::target)
                .list();
    }

    /** Forgets hosts no target names any more (their history goes with them). */
    int dropOrphans() {
        jdbc.sql("delete from domain_checks where kind <> 'RDAP' and host not in (select host from domain_targets)")
                .update();
        return jdbc.sql("delete from domain_hosts where host not in (select host from domain_targets)")
                .update();
    }

    /** Hosts due a check at {@code now}, the longest-waiting first. */
    List<String> due(Instant now, int limit) {
        return jdbc.sql("select host from domain_hosts where next_check_at <= :now order by next_check_at, host"
                        + " limit :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    Optional<HostRow> host(String host) {
        return jdbc.sql("select * from domain_hosts where host = :host")
                .param("host", host)
                .query(DomainRows::host)
                .optional();
    }

    /** The hosts (of one partner's targets when given), failing ones first, then by name. */
    /**
     * The hosts with, as their failing_since, the earliest failure of their DNS or their endpoint (a host is
     * failing when either is).
     */
    private static final String WITH_ENDPOINTS = "(select h.host, h.status, h.detail, h.service, h.checked_at,"
            + " h.next_check_at, coalesce(h.failing_since, (select min(e.failing_since) from domain_endpoints e"
            + " where e.host = h.host)) as failing_since from domain_hosts h) x";

    List<HostRow> hosts(@Nullable String partner, boolean failingOnly, int limit, int offset) {
        String where = (partner == null
                        ? " where 1 = 1"
                        : " where host in (select host from domain_targets where partner_id = :partner)")
                + (failingOnly ? " and failing_since is not null" : "");
        return jdbc.sql("select * from " + WITH_ENDPOINTS + where
                        + " order by case when failing_since is null then 1 else 0 end, failing_since, host"
                        + " limit :limit offset :offset")
                .params(partner == null ? java.util.Map.of() : java.util.Map.of("partner", partner))
                .param("limit", limit)
                .param("offset", offset)
                .query(DomainRows::host)
                .list();
    }

    long count(@Nullable String partner, boolean failingOnly) {
        String where = (partner == null
                        ? " where 1 = 1"
                        : " where host in (select host from domain_targets where partner_id = :partner)")
                + (failingOnly ? " and failing_since is not null" : "");
        return jdbc.sql("select count(*) from " + WITH_ENDPOINTS + where)
                .params(partner == null ? java.util.Map.of() : java.util.Map.of("partner", partner))
                .query(Long.class)
                .single();
    }

    /** Records a check's result; a result unlike the last one joins the history. */
    void record(String host, HostCheck.Result result, Instant at, Instant next) {
        HostRow before = host(host).orElse(null);
        boolean changed = before == null
                || before.status() != result.status()
                || !java.util.Objects.equals(before.detail(), result.detail());
        Instant since = !result.status().failing()
                ? null
                : before != null && before.status() == result.status() && before.failingSince() != null
                        ? before.failingSince()
                        : at;
        jdbc.sql("update domain_hosts set status = :status, detail = :detail, service = :service,"
                        + " failing_since = :since, checked_at = :at, next_check_at = :next where host = :host")
                .param("status", result.status().name())
                .param("detail", clip(result.detail()))
                .param("service", result.service())
                .param("since", utcOrNull(since))
                .param("at", utc(at))
                .param("next", utc(next))
                .param("host", host)
                .update();
        if (changed) {
            jdbc.sql(
                            "insert into domain_checks (host, status, detail, checked_at) values (:host, :status, :detail, :at)")
                    .param("host", host)
                    .param("status", result.status().name())
                    .param("detail", clip(result.detail()))
                    .param("at", utc(at))
                    .update();
        }
    }

    /** Makes the host due at once (a check on demand, or its targets changed). */
    void dueNow(String host, Instant now) {
        jdbc.sql("update domain_hosts set next_check_at = :now where host = :host")
                .param("now", utc(now))
                .param("host", host)
                .update();
    }

    List<CheckRow> history(String host, int limit) {
        return jdbc.sql("select * from domain_checks where host = :host and kind = 'DNS' order by id desc limit :limit")
                .param("host", host)
                .param("limit", limit)
                .query((rs, n) -> new CheckRow(rs.getString("status"), rs.getString("detail"), at(rs, "checked_at")))
                .list();
    }

    private static TargetRow target(ResultSet rs, int n) throws SQLException {
        return new TargetRow(
                rs.getString("app_key"),
                rs.getString("partner_id"),
                rs.getString("client_id"),
                rs.getString("url"),
                rs.getString("host"),
                rs.getString("registrable"),
                DomainTargets.Kind.valueOf(rs.getString("kind")));
    }

    private static HostRow host(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        return new HostRow(
                rs.getString("host"),
                HostCheck.Status.valueOf(status),
                rs.getString("detail"),
                rs.getString("service"),
                Timestamps.instant(rs.getObject("failing_since", OffsetDateTime.class)),
                Timestamps.instant(rs.getObject("checked_at", OffsetDateTime.class)),
                at(rs, "next_check_at"));
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        return java.util.Objects.requireNonNull(Timestamps.instant(rs.getObject(column, OffsetDateTime.class)));
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }
}

package dev.warden.server.domains;

import static dev.warden.server.shared.Timestamps.utc;
import static dev.warden.server.shared.Timestamps.utcOrNull;

import dev.warden.server.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Domain registrations in SQL: one row per registrable domain of a redirect URI; changes in domain_checks. */
@Repository
class RegistrationRows {
    static final String KIND = "RDAP";

    private final JdbcClient jdbc;

    RegistrationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registration as last checked. */
    record Row(
            String domain,
            RegistrationCheck.Status status,
            @Nullable String detail,
            @Nullable Instant expiresAt,
            @Nullable String registrar,
            @Nullable String registrant,
            @Nullable String rdapStatus,
            @Nullable String acceptedRegistrar,
            @Nullable String acceptedRegistrant,
            @Nullable Instant failingSince,
            @Nullable Instant checkedAt,
            Instant nextCheckAt) {}

    /** Makes sure the domain is watched; a domain new to Warden is due at once. */
    void watch(String domain, Instant now) {
        jdbc.sql("insert into domain_registrations (domain, status, next_check_at) select :d, 'PENDING', :now"
                        + " where not exists (select 1 from domain_registrations where domain = :d)")
                .param("d", domain)
                .param("now", utc(now))
                .update();
    }

    /** Forgets domains no target names any more, with their history. */
    void dropOrphans() {
        jdbc.sql("delete from domain_checks where kind = 'RDAP' and host not in"
                        + " (select registrable from domain_targets where registrable is not null)")
                .update();
        jdbc.sql("delete from domain_registrations where domain not in"
                        + " (select registrable from domain_targets where registrable is not null)")
                .update();
    }

    /** The registrations (of one partner's targets when given): failing first, then expiring, then by name. */
    List<Row> list(@Nullable String partner, boolean failingOnly, int limit, long offset) {
        return jdbc.sql("select * from domain_registrations" + where(partner, failingOnly)
                        + " order by case when failing_since is not null then 0 when status = 'EXPIRING' then 1"
                        + " else 2 end, failing_since, expires_at, domain limit :limit offset :offset")
                .params(partner == null ? java.util.Map.of() : java.util.Map.of("partner", partner))
                .param("limit", limit)
                .param("offset", offset)
                .query(RegistrationRows::row)
                .list();
    }

    long count(@Nullable String partner, boolean failingOnly) {
        return jdbc.sql("select count(*) from domain_registrations" + where(partner, failingOnly))
                .params(partner == null ? java.util.Map.of() : java.util.Map.of("partner", partner))
                .query(Long.class)
                .single();
    }

    private static String where(@Nullable String partner, boolean failingOnly) {
        return (partner == null
                        ? " where 1 = 1"
                        : " where domain in (select registrable from domain_targets where partner_id = :partner)")
                + (failingOnly ? " and (failing_since is not null or status = 'EXPIRING')" : "");
    }

    List<String> due(Instant now, int limit) {
        return jdbc.sql("select domain from domain_registrations where next_check_at <= :now"
                        + " order by next_check_at, domain limit :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    Optional<Row> find(String domain) {
        return jdbc.sql("select * from domain_registrations where domain = :d")
                .param("d", domain)
                .query(RegistrationRows::row)
                .optional();
    }

    /**
     * Records a check: the RDAP facts (when it answered), the status, and the baseline when there is none
     * yet (the first registrar and registrant seen are taken as the partner's). A result unlike the last
     * joins the history.
     */
    void record(
            String domain,
            RegistrationCheck.Result result,
            RdapClient.@Nullable Registration facts,
            Instant at,
            Instant next) {
        Row before = find(domain).orElse(null);
        RegistrationCheck.Status status = result.status();
        Instant since = !status.failing()
                ? null
                : before != null && before.status() == status && before.failingSince() != null
                        ? before.failingSince()
                        : at;
        RdapClient.Registration known =
                facts != null && facts.outcome() == RdapClient.Outcome.REGISTERED ? facts : null;
        boolean answered = known != null;
        jdbc.sql("update domain_registrations set status = :status, detail = :detail, failing_since = :since,"
                        + " checked_at = :at, next_check_at = :next"
                        + (answered
                                ? ", expires_at = :expires, registrar = :registrar, registrant = :registrant,"
                                        + " rdap_status = :rdap, server = :server,"
                                        + " baseline_registrar = coalesce(baseline_registrar, :registrar),"
                                        + " baseline_registrant = coalesce(baseline_registrant, :registrant)"
                                : "")
                        + " where domain = :d")
                .param("expires", known != null ? utcOrNull(known.expires()) : null)
                .param("rdap", known != null ? String.join(", ", known.statuses()) : null)
                .param("server", known != null ? known.server() : null)
                .param("registrar", known != null ? known.registrar() : null)
                .param("registrant", known != null ? known.registrant() : null)
                .param("status", status.name())
                .param("detail", result.detail())
                .param("since", utcOrNull(since))
                .param("at", utc(at))
                .param("next", utc(next))
                .param("d", domain)
                .update();
        if (before == null
                || before.status() != status
                || !Objects.equals(before.detail(), result.detail()) && status != RegistrationCheck.Status.EXPIRING) {
            jdbc.sql("insert into domain_checks (host, kind, status, detail, checked_at)"
                            + " values (:d, 'RDAP', :status, :detail, :at)")
                    .param("d", domain)
                    .param("status", status.name())
                    .param("detail", result.detail())
                    .param("at", utc(at))
                    .update();
        }
    }

    /** Takes the current registrar and registrant as the partner's (an analyst accepted a transfer). */
    void accept(String domain, Instant now) {
        jdbc.sql("update domain_registrations set baseline_registrar = registrar, baseline_registrant = registrant,"
                        + " next_check_at = :now where domain = :d")
                .param("now", utc(now))
                .param("d", domain)
                .update();
    }

    void dueNow(String domain, Instant now) {
        jdbc.sql("update domain_registrations set next_check_at = :now where domain = :d")
                .param("now", utc(now))
                .param("d", domain)
                .update();
    }

    List<DomainRows.CheckRow> history(String domain, int limit) {
        return jdbc.sql("select * from domain_checks where host = :d and kind = 'RDAP' order by id desc limit :limit")
                .param("d", domain)
                .param("limit", limit)
                .query((rs, n) ->
                        new DomainRows.CheckRow(rs.getString("status"), rs.getString("detail"), at(rs, "checked_at")))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("domain"),
                RegistrationCheck.Status.valueOf(rs.getString("status")),
                rs.getString("detail"),
                Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)),
                rs.getString("registrar"),
                rs.getString("registrant"),
                rs.getString("rdap_status"),
                rs.getString("baseline_registrar"),
                rs.getString("baseline_registrant"),
                Timestamps.instant(rs.getObject("failing_since", OffsetDateTime.class)),
                Timestamps.instant(rs.getObject("checked_at", OffsetDateTime.class)),
                at(rs, "next_check_at"));
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(Timestamps.instant(rs.getObject(column, OffsetDateTime.class)));
    }
}

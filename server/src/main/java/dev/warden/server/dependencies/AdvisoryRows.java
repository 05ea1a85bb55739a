package dev.warden.server.dependencies;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.scanner.sca.Advisory;
import dev.warden.scanner.sca.Ecosystem;
import dev.warden.scanner.sca.Osv;
import dev.warden.server.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Advisories in SQL: the compact OSV record, and the packages it affects for lookup. */
@Repository
class AdvisoryRows {
    private final JdbcClient jdbc;

    AdvisoryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An advisory as listed. */
    record Summary(
            String id,
            String summary,
            String severity,
            @Nullable Double score,
            String aliases,
            Instant modified,
            @Nullable Instant withdrawn) {}

    /** One import, as recorded. */
    record Import(
            long id,
            Instant at,
            String byActor,
            String source,
            int records,
            int added,
            int updated,
            int unchanged,
            int withdrawn,
            int other,
            int errors,
            String firstErrors) {}

    /** When the advisory held was last modified; empty when none is held. */
    Optional<Instant> modified(String id) {
        return jdbc.sql("select modified from advisories where id = :id")
                .param("id", id)
                .query((rs, n) -> at(rs, "modified"))
                .optional();
    }

    /** Stores an advisory, replacing the one held, with the packages it affects. */
    void put(Advisory a, Instant now) {
        jdbc.sql("delete from advisory_packages where advisory_id = :id")
                .param("id", a.id())
                .update();
        jdbc.sql("delete from advisories where id = :id").param("id", a.id()).update();
        jdbc.sql("""
                        insert into advisories (id, modified, withdrawn, summary, severity, score, aliases, record,
                            imported_at)
                        values (:id, :modified, :withdrawn, :summary, :severity, :score, :aliases, :record, :now)
                        """)
                .param("id", a.id())
                .param("modified", utc(a.modified()))
                .param("withdrawn", a.withdrawn() == null ? null : utc(a.withdrawn()))
                .param("summary", clip(a.summary(), 400))
                .param("severity", a.severity().name())
                .param("score", a.score())
                .param("aliases", clip(String.join(" ", a.aliases()), 2000))
                .param("record", a.source())
                .param("now", utc(now))
                .update();
        Set<String> seen = new LinkedHashSet<>();
        for (Advisory.Affected affected : a.affected()) {
            Ecosystem e = affected.ecosystem();
            String key = e.key(affected.name());
            if (key.length() > 300 || !seen.add(e.name() + "\0" + key)) {
                continue;
            }
            String artifact = e == Ecosystem.MAVEN ? key.substring(key.indexOf(':') + 1) : key;
            jdbc.sql("insert into advisory_packages (advisory_id, ecosystem, name_key, artifact_key)"
                            + " values (:id, :ecosystem, :name, :artifact)")
                    .param("id", a.id())
                    .param("ecosystem", e.name())
                    .param("name", key)
                    .param("artifact", artifact)
                    .update();
        }
    }

    /**
     * The advisories (withdrawn ones included: the index skips them) that name one of the packages, by
     * full name, or by Maven artifact id for those given without a group.
     */
    List<Advisory> affecting(
            Collection<String> mavenNames, Collection<String> mavenArtifacts, Collection<String> npmNames) {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(ids("name_key", Ecosystem.MAVEN, mavenNames));
        ids.addAll(ids("artifact_key", Ecosystem.MAVEN, mavenArtifacts));
        ids.addAll(ids("name_key", Ecosystem.NPM, npmNames));
        List<Advisory> out = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            jdbc.sql("select record from advisories where id in (:ids)")
                    .param("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .query(String.class)
                    .list()
                    .forEach(record -> Osv.read(record).ifPresent(out::add));
        }
        return out;
    }

    private Set<String> ids(String column, Ecosystem ecosystem, Collection<String> keys) {
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += 500) {
            Map<String, Object> params = new HashMap<>();
            params.put("ecosystem", ecosystem.name());
            params.put("keys", all.subList(i, Math.min(all.size(), i + 500)));
            out.addAll(jdbc.sql("select distinct advisory_id from advisory_packages where ecosystem = :ecosystem and "
                            + column + " in (:keys)")
                    .params(params)
                    .query(String.class)
                    .list());
        }
        return out;
    }

    /** The compact OSV record of one advisory. */
    Optional<String> record(String id) {
        return jdbc.sql("select record from advisories where id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Advisories whose id, aliases or summary contain {@code q} (all when null), newest change first. */
    List<Summary> list(@Nullable String q, int limit, long offset) {
        return jdbc.sql("select id, summary, severity, score, aliases, modified, withdrawn from advisories" + where(q)
                        + " order by modified desc, id limit :limit offset :offset")
                .params(q == null ? Map.of() : Map.of("q", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%"))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new Summary(
                        rs.getString("id"),
                        rs.getString("summary"),
                        rs.getString("severity"),
                        (Double) rs.getObject("score", Double.class),
                        rs.getString("aliases"),
                        at(rs, "modified"),
                        Timestamps.instant(rs.getObject("withdrawn", java.time.OffsetDateTime.class))))
                .list();
    }

    long count(@Nullable String q) {
        return jdbc.sql("select count(*) from advisories" + where(q))
                .params(q == null ? Map.of() : Map.of("q", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%"))
                .query(Long.class)
                .single();
    }

    private static String where(@Nullable String q) {
        return q == null ? "" : " where lower(id) like :q or lower(aliases) like :q or lower(summary) like :q";
    }

    /** Records an import. */
    void imported(
            Instant at,
            String by,
            String source,
            dev.warden.scanner.sca.AdvisorySources.Read read,
            int added,
            int updated,
            int unchanged,
            int withdrawn) {
        jdbc.sql("""
                        insert into advisory_imports (at, by_actor, source, records, added, updated, unchanged, withdrawn,
                            other, errors, first_errors)
                        values (:at, :by, :source, :records, :added, :updated, :unchanged, :withdrawn, :other,
                            :errors, :first)
                        """)
                .param("at", utc(at))
                .param("by", clip(by, 200))
                .param("source", clip(source, 500))
                .param("records", read.records())
                .param("added", added)
                .param("updated", updated)
                .param("unchanged", unchanged)
                .param("withdrawn", withdrawn)
                .param("other", read.otherEcosystems())
                .param("errors", read.errors().size())
                .param(
                        "first",
                        clip(
                                String.join(
                                        "\n",
                                        read.errors()
                                                .subList(
                                                        0,
                                                        Math.min(
                                                                20,
                                                                read.errors().size()))),
                                4000))
                .update();
    }

    /** The latest imports, newest first. */
    List<Import> imports(int limit) {
        return jdbc.sql("select * from advisory_imports order by id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new Import(
                        rs.getLong("id"),
                        at(rs, "at"),
                        rs.getString("by_actor"),
                        rs.getString("source"),
                        rs.getInt("records"),
                        rs.getInt("added"),
                        rs.getInt("updated"),
                        rs.getInt("unchanged"),
                        rs.getInt("withdrawn"),
                        rs.getInt("other"),
                        rs.getInt("errors"),
                        rs.getString("first_errors")))
                .list();
    }

    private static Instant at(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return java.util.Objects.requireNonNull(
                Timestamps.instant(rs.getObject(column, java.time.OffsetDateTime.class)));
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}

package dev.warden.server.scanning;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Artifacts and app versions in SQL. */
@Repository
class VersionRows {
    private final JdbcClient jdbc;

    VersionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A version with its artifact's name and size (null while it is still to be pulled). */
    record Row(
            long id,
            String appKey,
            String hosting,
            String version,
            @Nullable Long buildNumber,
            @Nullable LocalDate releaseDate,
            @Nullable String sha256,
            String source,
            @Nullable String pullUrl,
            @Nullable String pullError,
            OffsetDateTime createdAt,
            String createdBy,
            boolean byPartner,
            @Nullable String fileName,
            @Nullable Long sizeBytes) {}

    private static final String SELECT = """
            select v.id, v.app_key, v.hosting, v.version, v.build_number, v.release_date, v.sha256, v.source,
                   v.pull_url, v.pull_error, v.created_at, v.created_by, v.by_partner, a.file_name, a.size_bytes
            from app_versions v left join artifacts a on a.sha256 = v.sha256
            """;

    /** Records an artifact's first name and size; the same bytes under another name keep the first. */
    void artifact(String sha256, long size, String fileName, Instant now) {
        jdbc.sql("insert into artifacts (sha256, size_bytes, file_name, stored_at) values (:sha, :size, :name, :now)"
                        + " on conflict do nothing")
                .param("sha", sha256)
                .param("size", size)
                .param("name", fileName)
                .param("now", utc(now))
                .update();
    }

    /** The name an artifact was first stored under. */
    Optional<String> artifactName(String sha256) {
        return jdbc.sql("select file_name from artifacts where sha256 = :sha")
                .param("sha", sha256)
                .query(String.class)
                .optional();
    }

    /** An artifact's size, if it is stored. */
    Optional<Long> artifactSize(String sha256) {
        return jdbc.sql("select size_bytes from artifacts where sha256 = :sha")
                .param("sha", sha256)
                .query(Long.class)
                .optional();
    }

    long insert(
            String app,
            String hosting,
            String version,
            @Nullable Long buildNumber,
            @Nullable LocalDate releaseDate,
            @Nullable String sha256,
            String source,
            @Nullable String pullUrl,
            Instant now,
            String by,
            boolean byPartner) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into app_versions (app_key, hosting, version, build_number, release_date, sha256,
                            source, pull_url, created_at, created_by, by_partner)
                        values (:app, :hosting, :version, :build, :released, :sha, :source, :url, :now, :by,
                            :byPartner)
                        """)
                .param("app", app)
                .param("hosting", hosting)
                .param("version", version)
                .param("build", buildNumber)
                .param("released", releaseDate)
                .param("sha", sha256)
                .param("source", source)
                .param("url", pullUrl)
                .param("now", utc(now))
                .param("by", by)
                .param("byPartner", byPartner)
                .update(key, "id");
        return java.util.Objects.requireNonNull(key.getKey()).longValue();
    }

    boolean exists(String app, String hosting, String version) {
        return jdbc.sql("select count(*) from app_versions where app_key = :app and hosting = :hosting"
                                + " and version = :version")
                        .param("app", app)
                        .param("hosting", hosting)
                        .param("version", version)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where v.id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** A page of an app's versions, the latest added first. */
    List<Row> ofApp(String app, int limit, long offset) {
        return jdbc.sql(SELECT + " where v.app_key = :app order by v.id desc limit " + limit + " offset " + offset)
                .param("app", app)
                .query(RecordRows.of(Row.class))
                .list();
    }

    long countOf(String app) {
        return jdbc.sql("select count(*) from app_versions where app_key = :app")
                .param("app", app)
                .query(Long.class)
                .single();
    }

    /** The versions whose artifact has these bytes. */
    List<Row> withArtifact(String sha256) {
        return jdbc.sql(SELECT + " where v.sha256 = :sha order by v.id")
                .param("sha", sha256)
                .query(RecordRows.of(Row.class))
                .list();
    }

    /** The id of the version of the listing added last, if any. */
    Optional<Long> latest(String app, String hosting) {
        return jdbc.sql("select max(id) from app_versions where app_key = :app and hosting = :hosting")
                .param("app", app)
                .param("hosting", hosting)
                .query(Long.class)
                .optional();
    }

    /** The version added last of every listing, when its artifact is here. */
    List<Row> latestOfEveryListing() {
        return jdbc.sql(SELECT + """
                         where v.sha256 is not null and v.id = (select max(w.id) from app_versions w
                             where w.app_key = v.app_key and w.hosting = v.hosting)
                        order by v.id
                        """).query(RecordRows.of(Row.class)).list();
    }

    /** Versions registered to be pulled whose pull has not happened or failed yet. */
    List<Row> toPull(int limit) {
        return jdbc.sql(SELECT + " where v.source = 'PULL' and v.sha256 is null and v.pull_error is null"
                        + " order by v.id limit " + limit)
                .query(RecordRows.of(Row.class))
                .list();
    }

    /** Sets the artifact of a version that was waiting for its pull; false if another node did it. */
    boolean pulled(long id, String sha256) {
        return jdbc.sql("update app_versions set sha256 = :sha, pull_error = null where id = :id and sha256 is null")
                        .param("id", id)
                        .param("sha", sha256)
                        .update()
                == 1;
    }

    void pullFailed(long id, @Nullable String error) {
        jdbc.sql("update app_versions set pull_error = :error where id = :id")
                .param("id", id)
                .param("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .update();
    }
}

package dev.warden.server.notifications;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Webhook endpoints in SQL; the secrets are stored sealed. */
@Repository
class WebhookRows {
    private final JdbcClient jdbc;

    WebhookRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long id,
            @Nullable String partnerId,
            String url,
            String description,
            String eventTypes,
            boolean storefront,
            boolean enabled,
            String secret,
            @Nullable String previousSecret,
            @Nullable OffsetDateTime previousUntil,
            OffsetDateTime createdAt,
            String createdBy,
            OffsetDateTime updatedAt) {}

    private static final String COLUMNS = "id, partner_id, url, description, event_types, storefront, enabled, secret,"
            + " previous_secret, previous_until, created_at, created_by, updated_at";

    long insert(
            @Nullable String partner,
            String url,
            String description,
            String events,
            boolean storefront,
            String sealedSecret,
            String by,
            Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into webhook_endpoints (partner_id, url, description, event_types, storefront, enabled,
                            secret, created_at, created_by, updated_at)
                        values (:partner, :url, :description, :events, :storefront, true, :secret, :now, :by, :now)
                        """)
                .param("partner", partner)
                .param("url", url)
                .param("description", description)
                .param("events", events)
                .param("storefront", storefront)
                .param("secret", sealedSecret)
                .param("by", by)
                .param("now", utc(now))
                .update(key, "id");
        return Objects.requireNonNull(key.getKeyAs(Number.class)).longValue();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = :id")
                .param("id", id)
                .query(RecordRows.of(Row.class))
                .optional();
    }

    /** Endpoints, oldest first: a partner's own, or all when {@code partner} is null. */
    List<Row> list(@Nullable String partner) {
        var spec = jdbc.sql("select " + COLUMNS + " from webhook_endpoints"
                + (partner == null ? "" : " where partner_id = :partner") + " order by id");
        if (partner != null) {
            spec = spec.param("partner", partner);
        }
        return spec.query(RecordRows.of(Row.class)).list();
    }

    /** The enabled endpoints that may hear about this partner's events: the operator's and its own. */
    List<Row> listeners(@Nullable String partner) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where enabled"
                        + " and (partner_id is null or partner_id = :partner) order by id")
                .param("partner", partner == null ? "" : partner)
                .query(RecordRows.of(Row.class))
                .list();
    }

    void update(
            long id, String url, String description, String events, boolean storefront, boolean enabled, Instant now) {
        jdbc.sql("update webhook_endpoints set url = :url, description = :description, event_types = :events,"
                        + " storefront = :storefront, enabled = :enabled, updated_at = :now where id = :id")
                .param("id", id)
                .param("url", url)
                .param("description", description)
                .param("events", events)
                .param("storefront", storefront)
                .param("enabled", enabled)
                .param("now", utc(now))
                .update();
    }

    void rotate(
            long id,
            String sealedSecret,
            @Nullable String sealedPrevious,
            @Nullable Instant previousUntil,
            Instant now) {
        jdbc.sql("update webhook_endpoints set secret = :secret, previous_secret = :previous,"
                        + " previous_until = :until, updated_at = :now where id = :id")
                .param("id", id)
                .param("secret", sealedSecret)
                .param("previous", sealedPrevious)
                .param("until", previousUntil == null ? null : utc(previousUntil))
                .param("now", utc(now))
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from webhook_endpoints where id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }
}

package dev.warden.server.notifications;

import static dev.warden.server.shared.Timestamps.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notification settings in SQL: one row per partner that set them, and one for the operator. */
@Repository
class NotificationSettingRows {
    private final JdbcClient jdbc;

    NotificationSettingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean digest(String scope) {
        return jdbc.sql("select digest from notification_settings where scope = :scope")
                .param("scope", scope)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    void set(String scope, boolean digest, String by, Instant now) {
        int changed = jdbc.sql("update notification_settings set digest = :d, updated_at = :now, updated_by = :by"
                        + " where scope = :scope")
                .param("d", digest)
                .param("now", utc(now))
                .param("by", by)
                .param("scope", scope)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into notification_settings (scope, digest, updated_at, updated_by)"
                            + " values (:scope, :d, :now, :by)")
                    .param("d", digest)
                    .param("now", utc(now))
                    .param("by", by)
                    .param("scope", scope)
                    .update();
        }
    }
}

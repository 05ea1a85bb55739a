package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.server.shared.RecordRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The transparency settings row, and the actions taken that the public page may show. */
@Repository
class TransparencyRows {
    private final JdbcClient jdbc;

    TransparencyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record SettingsRow(boolean enabled, String actions, int delayDays, OffsetDateTime updatedAt, String updatedBy) {}

    /** An action taken, with what its case was about; nothing else of the case is read. */
    record TakenRow(
            String action,
            String status,
            OffsetDateTime appliedAt,
            @Nullable OffsetDateTime undoneAt,
            String rule,
            String subjectType,
            String subjectId,
            String partnerId) {}

    Optional<SettingsRow> settings() {
        return jdbc.sql("select enabled, actions, delay_days, updated_at, updated_by from transparency_settings"
                        + " where id = 1")
                .query(RecordRows.of(SettingsRow.class))
                .optional();
    }

    void save(boolean enabled, String actions, int delayDays, String by, Instant now) {
        Map<String, Object> params =
                Map.of("enabled", enabled, "actions", actions, "delay", delayDays, "now", utc(now), "by", by);
        int changed = jdbc.sql("update transparency_settings set enabled = :enabled, actions = :actions,"
                        + " delay_days = :delay, updated_at = :now, updated_by = :by where id = 1")
                .params(params)
                .update();
        if (changed == 0) {
            jdbc.sql("insert into transparency_settings (id, enabled, actions, delay_days, updated_at, updated_by)"
                            + " values (1, :enabled, :actions, :delay, :now, :by)")
                    .params(params)
                    .update();
        }
    }

    /**
     * Ladder steps, escalations and terminations of these kinds that took effect at or before
     * {@code appliedBefore} and were not refused (in effect, lifted or reversed), newest first.
     */
    List<TakenRow> taken(Collection<String> actions, Instant appliedBefore, int limit) {
        if (actions.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select a.action, a.status, a.applied_at, a.undone_at, c.rule, c.subject_type,"
                        + " c.subject_id, a.partner_id from enforcement_actions a"
                        + " join enforcement_cases c on c.id = a.case_id"
                        + " where a.origin <> 'LIFT' and a.status in ('APPLIED', 'LIFTED', 'REVERSED')"
                        + " and a.action in (:actions) and a.applied_at <= :before"
                        + " order by a.applied_at desc, a.id desc limit :limit")
                .param("actions", actions)
                .param("before", utc(appliedBefore))
                .param("limit", limit)
                .query(RecordRows.of(TakenRow.class))
                .list();
    }
}

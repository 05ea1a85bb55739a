package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The table of partners' appeals against actions in effect (grounds are checked to 4,000 characters). */
@Repository
class AppealRows {
    static final String APPEAL_COLUMNS = "id, action_id, partner_id, status, grounds, filed_by, filed_at,"
            + " decided_by, decided_at, decision_note";

    private final JdbcClient jdbc;

    AppealRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AppealRow(
            long id,
            long actionId,
            String partnerId,
            String status,
            String grounds,
            String filedBy,
            OffsetDateTime filedAt,
            @Nullable String decidedBy,
            @Nullable OffsetDateTime decidedAt,
            @Nullable String decisionNote) {
        AppealStatus appealStatus() {
            return AppealStatus.valueOf(status);
        }
    }

    Optional<AppealRow> findAppeal(long id) {
        return jdbc.sql("select " + APPEAL_COLUMNS + " from enforcement_appeals where id = :id")
                .param("id", id)
                .query(RecordRows.of(AppealRow.class))
                .optional();
    }

    List<AppealRow> appealsOf(long actionId) {
        return appealsOf(List.of(actionId));
    }

    /** The appeals of these actions, oldest first. */
    List<AppealRow> appealsOf(Collection<Long> actionIds) {
        if (actionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + APPEAL_COLUMNS + " from enforcement_appeals where action_id in (:a) order by id")
                .param("a", actionIds)
                .query(RecordRows.of(AppealRow.class))
                .list();
    }

    List<AppealRow> appeals(SqlFilter filter, Paging paging) {
        return jdbc.sql("select " + APPEAL_COLUMNS + " from enforcement_appeals" + filter.where()
                        + " order by id desc limit " + paging.size() + " offset " + paging.offset())
                .params(filter.params())
                .query(RecordRows.of(AppealRow.class))
                .list();
    }

    long countAppeals(SqlFilter filter) {
        return jdbc.sql("select count(*) from enforcement_appeals" + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    long insertAppeal(long actionId, PartnerId partner, String grounds, String filedBy, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into enforcement_appeals (action_id, partner_id, status, grounds, filed_by, filed_at)"
                        + " values (:a, :p, 'OPEN', :grounds, :by, :at)")
                .param("a", actionId)
                .param("p", partner.value())
                .param("grounds", grounds)
                .param("by", filedBy)
                .param("at", utc(at))
                .update(key, "id");
        return Objects.requireNonNull(key.getKeyAs(Number.class)).longValue();
    }

    boolean decideAppeal(long id, AppealStatus status, String by, @Nullable String note, Instant at) {
        return jdbc.sql("update enforcement_appeals set status = :status, decided_by = :by, decided_at = :at,"
                                + " decision_note = :note where id = :id and status = 'OPEN'")
                        .param("status", status.name())
                        .param("by", by)
                        .param("at", utc(at))
                        .param("note", note)
                        .param("id", id)
                        .update()
                == 1;
    }
}

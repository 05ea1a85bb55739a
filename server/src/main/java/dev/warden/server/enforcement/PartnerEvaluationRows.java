package dev.warden.server.enforcement;

import static dev.warden.server.shared.Timestamps.utc;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** As of which moment each partner was last evaluated. */
@Repository
class PartnerEvaluationRows {
    private final JdbcClient jdbc;

    PartnerEvaluationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an evaluation as of {@code asOf}; called with the partner's row locked. */
    void evaluated(PartnerId partner, Instant asOf) {
        int updated = jdbc.sql("update partner_evaluations set evaluated_at = :at where partner_id = :p")
                .param("p", partner.value())
                .param("at", utc(asOf))
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "insert into partner_evaluations (partner_id, evaluated_at) values (:p, :at) on conflict do nothing")
                    .param("p", partner.value())
                    .param("at", utc(asOf))
                    .update();
        }
    }

    /** As of when each of these partners was last evaluated; a partner never evaluated is absent. */
    Map<PartnerId, Instant> evaluatedAt(Collection<PartnerId> partners) {
        Map<PartnerId, Instant> at = new HashMap<>();
        List<String> ids = partners.stream().map(PartnerId::value).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("select partner_id, evaluated_at from partner_evaluations where partner_id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query((rs, n) -> Map.entry(
                            PartnerId.of(rs.getString("partner_id")),
                            rs.getObject("evaluated_at", OffsetDateTime.class).toInstant()))
                    .list()
                    .forEach(e -> at.put(e.getKey(), e.getValue()));
        }
        return at;
    }
}

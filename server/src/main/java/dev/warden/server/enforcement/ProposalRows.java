package dev.warden.server.enforcement;

import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.shared.RecordRows;
import dev.warden.server.shared.SqlFilter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The approval queue's reads: proposals counted by action and read one action's group at a time,
 * filtered and ordered in the database. Filters name the actions table {@code a}.
 */
@Repository
class ProposalRows {
    /** The ladder's steps in order, then anything else (by name): the order of the queue's groups. */
    private static final String LADDER_RANK = Arrays.stream(EnforcementAction.values())
                    .map(a -> " when '" + a.name() + "' then " + a.ordinal())
                    .collect(Collectors.joining("", "case a.action", " else "))
            + EnforcementAction.values().length + " end";

    private final JdbcClient jdbc;

    ProposalRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} of the proposals matching {@code filter} (which names one action), from
     * {@code offset} on, in {@code order}: read along one of the queue's indexes.
     */
    List<ActionRow> group(SqlFilter filter, String order, long offset, int limit) {
        return jdbc.sql("select " + CaseRows.ACTION_COLUMNS + " from enforcement_actions a" + filter.where()
                        + " order by " + order + " limit " + limit + " offset " + offset)
                .params(filter.params())
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    /** How many proposals match {@code filter}, by action, in the ladder's order. */
    Map<String, Long> countByAction(SqlFilter filter) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select a.action, count(*) from enforcement_actions a" + filter.where() + " group by a.action"
                        + " order by min(" + LADDER_RANK + "), a.action")
                .params(filter.params())
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}

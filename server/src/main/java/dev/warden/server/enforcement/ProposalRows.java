package dev.warden.server.enforcement;

import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.shared.Paging;
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
 * The approval queue's reads: proposals filtered, ordered and paged in the database, and counted by
 * action and by rule. Filters name the actions table {@code a}.
 */
@Repository
class ProposalRows {
    /** The ladder's steps in order, then anything else (by name): the queue's groups. */
    private static final String LADDER_RANK = Arrays.stream(EnforcementAction.values())
                    .map(a -> " when '" + a.name() + "' then " + a.ordinal())
                    .collect(Collectors.joining("", "case a.action", " else "))
            + EnforcementAction.values().length + " end";

    private final JdbcClient jdbc;

    ProposalRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the proposals matching {@code filter}: by the ladder's order of actions, then {@code order}. */
    List<ActionRow> page(SqlFilter filter, String order, Paging paging) {
        return jdbc.sql("select " + CaseRows.ACTION_COLUMNS + " from enforcement_actions a" + filter.where()
                        + " order by " + LADDER_RANK + ", a.action, " + order + " limit " + paging.size()
                        + " offset " + paging.offset())
                .params(filter.params())
                .query(RecordRows.of(ActionRow.class))
                .list();
    }

    /** How many proposals match {@code filter}, by action, in the ladder's order. */
    Map<String, Long> countByAction(SqlFilter filter) {
        return counts(
                "select a.action, count(*) from enforcement_actions a" + filter.where() + " group by a.action"
                        + " order by min(" + LADDER_RANK + "), a.action",
                filter);
    }

    /** How many proposals match {@code filter}, by their case's rule, in the rules' order. */
    Map<String, Long> countByRule(SqlFilter filter) {
        return counts(
                "select c.rule, count(*) from enforcement_actions a join enforcement_cases c on c.id = a.case_id"
                        + filter.where() + " group by c.rule order by c.rule",
                filter);
    }

    private Map<String, Long> counts(String sql, SqlFilter filter) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).params(filter.params()).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}

package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.compliance.Rule;
import dev.warden.core.compliance.Rules;
import dev.warden.server.enforcement.CaseRows.ActionRow;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.SqlFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approval queue: the proposals awaiting a decision, filtered by action, rule and partner, grouped by
 * action in the ladder's order, ordered within each and paged, all in the database, however many wait
 * (a first evaluation of a large marketplace proposes tens of thousands of warnings at once).
 */
@Service
public class ProposalQueue {
    /** The orders within each action's group. */
    public enum Order {
        // Each names the columns that are the same throughout a group first: H2 then reads the group along
        // the queue's (status, action, proposed_at or due_at, id) indexes, as PostgreSQL does either way.
        OLDEST("a.status, a.action, a.proposed_at, a.id"),
        NEWEST("a.status desc, a.action desc, a.proposed_at desc, a.id desc"),
        DUE("a.status, a.action, a.due_at, a.id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** What an approver asks for; a null filter means any. */
    public record Query(
            @Nullable String action,
            @Nullable String rule,
            @Nullable PartnerId partner,
            Order order) {}

    /**
     * One page of the queue, with the count of proposals waiting by action in the ladder's order (those
     * matching the other filters: the action filter's choices), and in all.
     */
    public record Result(Page<ActionView> page, Map<String, Long> byAction, long waiting) {}

    /** The rules a proposal's case can have: every rule's, and a termination proposed by a person. */
    public static final List<String> RULES = Stream.concat(
                    Rules.ALL.stream().map(Rule::id), Stream.of(Escalations.TERMINATION))
            .sorted()
            .toList();

    private static final Query ANY = new Query(null, null, null, Order.OLDEST);

    private final ProposalRows rows;
    private final EnforcementCases cases;

    ProposalQueue(ProposalRows rows, EnforcementCases cases) {
        this.rows = rows;
        this.cases = cases;
    }

    @Transactional(readOnly = true)
    public Result read(Query query, Paging paging, Actor actor) {
        PartnerScope scope = PartnerScope.of(query.partner(), actor);
        if (scope.none()) {
            return new Result(Page.of(List.of(), paging, 0), Map.of(), 0);
        }
        Map<String, Long> byAction = countByAction(query, scope);
        long matching = query.action() == null ? sum(byAction) : byAction.getOrDefault(query.action(), 0L);
        long waiting = query.rule() == null && query.partner() == null
                ? sum(byAction)
                : sum(countByAction(ANY, PartnerScope.of(null, actor)));
        // The page, from the counts: the groups it spans, in the ladder's order, each read from its index.
        List<ActionRow> page = new ArrayList<>();
        long skip = paging.offset();
        for (Map.Entry<String, Long> group : byAction.entrySet()) {
            int room = paging.size() - page.size();
            if (room == 0) {
                break;
            }
            if (query.action() != null && !query.action().equals(group.getKey())) {
                continue;
            }
            if (skip >= group.getValue()) {
                skip -= group.getValue();
                continue;
            }
            SqlFilter one = filter(query, scope).when(group.getKey(), "a.action = :action", "action");
            page.addAll(rows.group(one, query.order().sql, skip, room));
            skip = 0;
        }
        return new Result(Page.of(cases.actionViews(page, actor), paging, matching), byAction, waiting);
    }

    /**
     * The proposals matching the query's partner and rule, counted by action. Without a partner filter the
     * counts cover the whole queue or one rule's share of it (62,000 proposals after a first evaluation of
     * a million tickets: 55 to 75 ms on PostgreSQL on every page), so they are kept as the home page's
     * figures are, and counted again once a proposal is made or decided on this node ({@link
     * EnforcementCases#forget}). One partner's are counted on every page, as are those of a rule Warden
     * does not have (none match it; kept, every text asked for would take memory).
     */
    private Map<String, Long> countByAction(Query query, PartnerScope scope) {
        SqlFilter filter = filter(query, scope);
        if (scope.value() != null || (query.rule() != null && !RULES.contains(query.rule()))) {
            return rows.countByAction(filter);
        }
        return cases.kept(
                "queue/" + (query.rule() == null ? "" : query.rule()),
                () -> Collections.unmodifiableMap(rows.countByAction(filter)));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The proposals matching the query's partner and rule (its action is read group by group). */
    private static SqlFilter filter(Query query, PartnerScope scope) {
        return new SqlFilter()
                .always("a.status = 'PROPOSED'")
                .when(scope.value(), "a.partner_id = :partner", "partner")
                .when(
                        query.rule(),
                        "exists (select 1 from enforcement_cases c where c.id = a.case_id and c.rule = :rule)",
                        "rule");
    }
}

package dev.warden.server.enforcement;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.PartnerScope;
import dev.warden.server.shared.SqlFilter;
import java.util.List;
import java.util.Map;
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
        OLDEST("a.proposed_at, a.id"),
        NEWEST("a.proposed_at desc, a.id desc"),
        DUE("a.due_at, a.id");

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
     * One page of the queue, with the count of proposals waiting by action (matching the other filters:
     * the action filter's choices), by rule (likewise), and in all.
     */
    public record Result(Page<ActionView> page, Map<String, Long> byAction, Map<String, Long> byRule, long waiting) {}

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
            return new Result(Page.of(List.of(), paging, 0), Map.of(), Map.of(), 0);
        }
        Map<String, Long> byAction = rows.countByAction(filter(query, scope, false, true));
        Map<String, Long> byRule = rows.countByRule(filter(query, scope, true, false));
        long matching = query.action() == null ? sum(byAction) : byAction.getOrDefault(query.action(), 0L);
        long waiting = query.rule() == null && query.partner() == null
                ? sum(byAction)
                : sum(rows.countByAction(filter(ANY, PartnerScope.of(null, actor), true, true)));
        List<ActionView> items = matching == 0
                ? List.of()
                : cases.actionViews(rows.page(filter(query, scope, true, true), query.order().sql, paging), actor);
        return new Result(Page.of(items, paging, matching), byAction, byRule, waiting);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static SqlFilter filter(Query query, PartnerScope scope, boolean byAction, boolean byRule) {
        return new SqlFilter()
                .always("a.status = 'PROPOSED'")
                .when(scope.value(), "a.partner_id = :partner", "partner")
                .when(byAction ? query.action() : null, "a.action = :action", "action")
                .when(
                        byRule ? query.rule() : null,
                        "exists (select 1 from enforcement_cases c where c.id = a.case_id and c.rule = :rule)",
                        "rule");
    }
}

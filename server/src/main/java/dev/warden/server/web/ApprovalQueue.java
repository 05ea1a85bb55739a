package dev.warden.server.web;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import dev.warden.server.enforcement.ProposalQueue;
import dev.warden.server.shared.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The approval queue as an approver reads it: one page of the proposals matching the filters, grouped
 * by action in the ladder's order (warnings first, the severe steps last), with how many wait of each
 * action for the filter's choices. Public for the page's expressions.
 */
public record ApprovalQueue(
        Map<String, List<ActionView>> groups,
        Page<ActionView> page,
        long waiting,
        Map<String, Long> byAction,
        List<String> rules) {

    /** The filters and order of the page; blank means any. */
    public record Filter(
            @Nullable String action,
            @Nullable String rule,
            @Nullable String partner,
            String sort) {
        static final List<String> SORTS = List.of("oldest", "newest", "due");

        /** The filters as the query gives them: blanks as any, an unknown order as the oldest first. */
        static Filter of(
                @Nullable String action, @Nullable String rule, @Nullable String partner, @Nullable String sort) {
            return new Filter(
                    blank(action),
                    blank(rule),
                    blank(partner),
                    sort == null || !SORTS.contains(sort) ? "oldest" : sort);
        }

        private static @Nullable String blank(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        public boolean any() {
            return action != null || rule != null || partner != null;
        }

        /**
         * The query for the queue, or null when the partner filter is not a partner id (nothing can
         * match it).
         */
        ProposalQueue.@Nullable Query query() {
            if (partner != null && !PartnerId.isValid(partner)) {
                return null;
            }
            return new ProposalQueue.Query(
                    action,
                    rule,
                    partner == null ? null : PartnerId.of(partner),
                    ProposalQueue.Order.valueOf(sort.toUpperCase(Locale.ROOT)));
        }
    }

    static ApprovalQueue of(ProposalQueue.Result result) {
        Map<String, List<ActionView>> groups = new LinkedHashMap<>();
        for (ActionView a : result.page().items()) {
            groups.computeIfAbsent(a.action(), k -> new ArrayList<>()).add(a);
        }
        return new ApprovalQueue(groups, result.page(), result.waiting(), result.byAction(), ProposalQueue.RULES);
    }

    /** How many proposals of {@code action} match the other filters. */
    public long count(String action) {
        return byAction.getOrDefault(action, 0L);
    }

    /** Warnings can be approved together: a warning changes nothing in the marketplace but tells the partner. */
    public static boolean bulk(String action) {
        return EnforcementAction.WARNING.name().equals(action);
    }
}

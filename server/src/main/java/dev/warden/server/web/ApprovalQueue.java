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
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

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

    /**
     * The queue as it was shown when a decision was posted from it (the forms carry its filters and page
     * as {@code queue*} fields), so that the answer shows the same queue, with or without JavaScript.
     */
    public record Shown(
            @Nullable String queueAction,
            @Nullable String queueRule,
            @Nullable String queuePartner,
            @Nullable String queueSort,
            @Nullable String queuePage) {

        Filter filter() {
            return Filter.of(queueAction, queueRule, queuePartner, queueSort);
        }

        int page() {
            return queuePage != null && queuePage.matches("[0-9]{1,6}") ? Integer.parseInt(queuePage) : 0;
        }

        /** Puts the filters and page in the model, for a page drawn in answer (a refusal). */
        void into(Model model) {
            model.addAttribute("filter", filter());
            model.addAttribute("pageNumber", page());
        }

        /** The redirect back to the queue as it was shown, saying what was {@code done}. */
        String redirect(String done) {
            Filter f = filter();
            UriComponentsBuilder to =
                    UriComponentsBuilder.fromPath("/approvals").queryParam("done", done);
            if (f.action() != null) {
                to.queryParam("action", f.action());
            }
            if (f.rule() != null) {
                to.queryParam("rule", f.rule());
            }
            if (f.partner() != null) {
                to.queryParam("partner", f.partner());
            }
            if (!f.sort().equals("oldest")) {
                to.queryParam("sort", f.sort());
            }
            if (page() > 0) {
                to.queryParam("page", page());
            }
            return "redirect:" + to.encode().build().toUriString();
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

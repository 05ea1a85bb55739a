package dev.warden.server.web;

import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.EnforcementViews.ActionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The approval queue as an approver reads it: filtered by action, rule and partner, sorted, and grouped
 * by action in the ladder's order (warnings first, the severe steps last), with the choices each filter
 * offers taken from what waits. Public for the page's expressions.
 */
public record ApprovalQueue(
        Map<String, List<ActionView>> groups,
        int shown,
        int waiting,
        List<String> actions,
        List<String> rules,
        List<String> partners) {

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
            return value == null || value.isBlank() ? null : value;
        }

        public boolean any() {
            return action != null || rule != null || partner != null;
        }
    }

    static ApprovalQueue of(List<ActionView> proposals, Filter f) {
        Comparator<ActionView> order = switch (f.sort()) {
            case "newest" -> Comparator.comparing(ActionView::proposedAt).reversed();
            case "due" -> Comparator.comparing(ActionView::dueAt);
            default -> Comparator.comparing(ActionView::proposedAt);
        };
        List<ActionView> kept = proposals.stream()
                .filter(a -> f.action() == null || a.action().equals(f.action()))
                .filter(a -> f.rule() == null || a.rule().equals(f.rule()))
                .filter(a -> f.partner() == null || a.subject().partner().equals(f.partner()))
                .sorted(order.thenComparing(ActionView::id))
                .toList();
        Map<String, List<ActionView>> groups = new LinkedHashMap<>();
        for (String action : ladderOrder(proposals)) {
            List<ActionView> of =
                    kept.stream().filter(a -> a.action().equals(action)).toList();
            if (!of.isEmpty()) {
                groups.put(action, of);
            }
        }
        return new ApprovalQueue(
                groups,
                kept.size(),
                proposals.size(),
                ladderOrder(proposals),
                proposals.stream()
                        .map(ActionView::rule)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                        .stream()
                        .toList(),
                proposals.stream()
                        .map(a -> a.subject().partner())
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                        .stream()
                        .toList());
    }

    /** The actions waiting, in the ladder's order; lifts and anything unknown after. */
    private static List<String> ladderOrder(List<ActionView> proposals) {
        List<String> out = new ArrayList<>();
        for (EnforcementAction a : EnforcementAction.values()) {
            if (proposals.stream().anyMatch(p -> p.action().equals(a.name()))) {
                out.add(a.name());
            }
        }
        proposals.stream()
                .map(ActionView::action)
                .filter(a -> !out.contains(a))
                .distinct()
                .sorted()
                .forEach(out::add);
        return out;
    }

    /** Warnings can be approved together: a warning changes nothing in the marketplace but tells the partner. */
    public static boolean bulk(String action) {
        return EnforcementAction.WARNING.name().equals(action);
    }
}

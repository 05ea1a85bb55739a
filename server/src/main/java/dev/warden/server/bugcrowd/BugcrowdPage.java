package dev.warden.server.bugcrowd;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One page of Bugcrowd's {@code GET /submissions} (JSON:API): each submission with what it includes (its
 * target's name, its CVSS score, its rewards) resolved from the page's {@code included} resources.
 */
final class BugcrowdPage {
    /** The fields asked for: only those Warden uses, each documented by Bugcrowd's API. */
    static final String SUBMISSION_FIELDS = String.join(
            ",",
            "title",
            "state",
            "severity",
            "duplicate",
            "submitted_at",
            "last_transitioned_to_triaged_at",
            "last_transitioned_to_unresolved_at",
            "last_transitioned_to_resolved_at",
            "last_transitioned_to_not_applicable_at",
            "last_transitioned_to_not_reproducible_at",
            "last_transitioned_to_out_of_scope_at",
            "last_transitioned_to_wont_fix_at",
            "target",
            "cvss_vector",
            "monetary_rewards",
            "duplicate_of");

    static final String INCLUDE = "target,cvss_vector,monetary_rewards,duplicate_of";

    /** States of a submission found not to be a vulnerability to fix. */
    static final java.util.Set<String> INVALID =
            java.util.Set.of("not_applicable", "not_reproducible", "out_of_scope", "informational");

    /** A submission as Bugcrowd describes it. */
    record Seen(
            String id,
            String title,
            String state,
            @Nullable Integer priority,
            @Nullable Double cvssScore,
            @Nullable String target,
            boolean duplicate,
            @Nullable String duplicateOf,
            Instant submittedAt,
            @Nullable Instant triagedAt,
            @Nullable Instant decidedAt,
            @Nullable Instant resolvedAt,
            @Nullable Instant firstRewardAt,
            @Nullable Instant lastRewardAt,
            long rewardsCents) {

        boolean invalid() {
            return INVALID.contains(state);
        }

        /** Accepted as a vulnerability in Bugcrowd: triaged or further along, fixed or not. */
        boolean accepted() {
            return state.equals("triaged")
                    || state.equals("unresolved")
                    || state.equals("resolved")
                    || state.equals("wont_fix");
        }
    }

    /** The page's submissions, and the total Bugcrowd reports for the query (when it says). */
    record Parsed(List<Seen> submissions, List<String> skipped, long totalHits) {}

    private BugcrowdPage() {}

    static Parsed parse(JsonNode page) {
        Map<String, JsonNode> included = new HashMap<>();
        for (JsonNode r : page.path("included")) {
            included.put(r.path("type").asString("") + ":" + r.path("id").asString(""), r);
        }
        List<Seen> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        JsonNode data = page.path("data");
        for (JsonNode s : data.isObject() ? java.util.List.of(data) : data) {
            String id = s.path("id").asString("");
            JsonNode a = s.path("attributes");
            Instant submitted = instant(a.path("submitted_at"));
            if (id.isBlank() || id.length() > 64 || submitted == null) {
                skipped.add(id.isBlank() ? "(no id)" : clip(id, 64));
                continue;
            }
            JsonNode rel = s.path("relationships");
            JsonNode target = related(included, rel.path("target"));
            JsonNode cvss = related(included, rel.path("cvss_vector"));
            long cents = 0;
            Instant first = null;
            Instant last = null;
            for (JsonNode ref : rel.path("monetary_rewards").path("data")) {
                JsonNode reward =
                        included.get("monetary_reward:" + ref.path("id").asString(""));
                JsonNode ra = reward == null ? null : reward.path("attributes");
                if (ra == null
                        || !ra.path("cancelled_at").isMissingNode()
                                && !ra.path("cancelled_at").isNull()) {
                    continue; // not included, or cancelled
                }
                cents += ra.path("amount_cents").asLong(0);
                Instant at = instant(ra.path("rewarded_at"));
                if (at == null) {
                    at = instant(ra.path("created_at"));
                }
                if (at != null) {
                    first = first == null || at.isBefore(first) ? at : first;
                    last = last == null || at.isAfter(last) ? at : last;
                }
            }
            Instant triaged = instant(a.path("last_transitioned_to_triaged_at"));
            Instant decided = Stream.of(
                            triaged,
                            instant(a.path("last_transitioned_to_unresolved_at")),
                            instant(a.path("last_transitioned_to_resolved_at")),
                            instant(a.path("last_transitioned_to_not_applicable_at")),
                            instant(a.path("last_transitioned_to_not_reproducible_at")),
                            instant(a.path("last_transitioned_to_out_of_scope_at")),
                            instant(a.path("last_transitioned_to_wont_fix_at")))
                    .filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo)
                    .orElse(null);
            JsonNode severity = a.path("severity");
            Integer priority = severity.isIntegralNumber() && severity.asInt() >= 1 && severity.asInt() <= 5
                    ? severity.asInt()
                    : null;
            double score =
                    cvss == null ? 0 : cvss.path("attributes").path("score").asDouble(0);
            String state = a.path("state")
                    .asString("new")
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace('-', '_');
            String targetName = target == null
                    ? null
                    : target.path("attributes").path("name").asString(null);
            String duplicateOf =
                    rel.path("duplicate_of").path("data").path("id").asString(null);
            out.add(new Seen(
                    id,
                    clip(a.path("title").asString("(no title)").strip(), 300),
                    clip(state, 40),
                    priority,
                    score > 0 && score <= 10 ? score : null,
                    targetName == null ? null : clip(targetName.strip(), 300),
                    a.path("duplicate").asBoolean(false),
                    duplicateOf == null || duplicateOf.length() > 64 ? null : duplicateOf,
                    submitted,
                    triaged,
                    decided,
                    instant(a.path("last_transitioned_to_resolved_at")),
                    first,
                    last,
                    cents));
        }
        return new Parsed(out, skipped, page.path("meta").path("total_hits").asLong(-1));
    }

    /** The code of the program a single submission's answer names (with {@code include=program}), if any. */
    static @Nullable String programCode(JsonNode answer) {
        JsonNode ref = answer.path("data").path("relationships").path("program").path("data");
        for (JsonNode r : answer.path("included")) {
            if (r.path("type").asString("").equals("program")
                    && r.path("id").asString("").equals(ref.path("id").asString(null))) {
                return r.path("attributes").path("code").asString(null);
            }
        }
        return null;
    }

    /**
     * The ids of the submissions a webhook delivery is about: every resource or reference of type
     * {@code submission} in it (the event's resource, the included submission, a blocker's submission),
     * at most {@code max}, each a UUID as Bugcrowd's ids are.
     */
    static java.util.Set<String> submissionIds(JsonNode delivery, int max) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>();
        todo.add(delivery);
        int visited = 0;
        while (!todo.isEmpty() && ids.size() < max && visited++ < 10_000) {
            JsonNode n = todo.poll();
            if (n.isObject() && n.path("type").asString("").equals("submission")) {
                String id = n.path("id").asString("");
                if (id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                    ids.add(id.toLowerCase(Locale.ROOT));
                }
            }
            if (n.isContainer()) {
                n.forEach(todo::add);
            }
        }
        return ids;
    }

    private static @Nullable JsonNode related(Map<String, JsonNode> included, JsonNode relationship) {
        JsonNode ref = relationship.path("data");
        if (!ref.isObject()) {
            return null;
        }
        return included.get(ref.path("type").asString("") + ":" + ref.path("id").asString(""));
    }

    static @Nullable Instant instant(JsonNode node) {
        if (!node.isString() || node.asString().isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(node.asString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}

package dev.warden.core.obligations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Drafts the notice to affected customers from the operator's communication template (docs/policy
 * section 7), filling in the incident's facts. Placeholders are written {@code {{name}}}; a template
 * naming an unknown placeholder is refused, so a notice never goes out with a hole in it.
 */
public final class CustomerNotice {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

    /** The placeholders a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "partner",
            "apps",
            "incidentId",
            "title",
            "category",
            "awareDate",
            "reportedDate",
            "containedDate",
            "status",
            "customersAffected",
            "rootCause",
            "remediation",
            "prevention");

    private CustomerNotice() {}

    /** The placeholders in a template that Warden cannot fill, sorted; empty when the template is usable. */
    public static Set<String> unknownPlaceholders(String template) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /**
     * The notice for this incident.
     *
     * @param appNames the affected apps' names, in the incident's order
     */
    public static String draft(String template, Incident incident, String partnerName, List<String> appNames) {
        Set<String> unknown = unknownPlaceholders(template);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the template uses unknown placeholders " + unknown);
        }
        Map<String, String> values = values(incident, partnerName, appNames);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> values(Incident incident, String partnerName, List<String> appNames) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("partner", partnerName);
        v.put("apps", String.join(", ", appNames));
        v.put("incidentId", incident.id());
        v.put("title", incident.title());
        v.put("category", incident.category().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        v.put("awareDate", date(incident.awareAt()));
        Instant reported = incident.reportedAt();
        v.put("reportedDate", reported == null ? "not yet reported" : date(reported));
        v.put("containedDate", incident.containedAt() == null ? "not yet contained" : date(incident.containedAt()));
        v.put("status", incident.containedAt() == null ? "under investigation" : "contained");
        v.put("customersAffected", String.valueOf(incident.customersAffectedNow()));
        IncidentReview review = incident.review().orElse(null);
        v.put("rootCause", review == null ? "still under investigation" : review.rootCause());
        v.put("remediation", review == null ? latestPlan(incident) : review.remediation());
        v.put("prevention", review == null ? "to follow in our post-incident review" : review.prevention());
        return v;
    }

    private static String latestPlan(Incident incident) {
        List<String> plans = new ArrayList<>();
        incident.events().stream()
                .filter(e -> e.type() == IncidentEvent.Type.REMEDIATION_PLAN)
                .forEach(e -> plans.add(String.valueOf(e.text())));
        return plans.isEmpty() ? "a remediation plan is being prepared" : plans.get(plans.size() - 1);
    }

    private static String date(java.time.@Nullable Instant instant) {
        return instant == null
                ? ""
                : LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}

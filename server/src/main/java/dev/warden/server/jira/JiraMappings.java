package dev.warden.server.jira;

import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.validation.Fields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Warden's statuses and severities are named in the Jira project: a Jira status per ticket status
 * (the policy's statuses, named as the operator's tracker shows them, by default) and a Jira priority
 * per severity. Jira's names are matched without regard to case.
 */
record JiraMappings(Map<String, String> statuses, Map<String, String> priorities) {

    JiraMappings {
        statuses = Map.copyOf(statuses);
        priorities = Map.copyOf(priorities);
    }

    /** The policy's statuses and Jira's standard priorities. */
    static JiraMappings defaults() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (TicketStatus s : TicketStatus.values()) {
            String words = s.name().replace('_', ' ').toLowerCase(Locale.ROOT);
            statuses.put(s.name(), Character.toUpperCase(words.charAt(0)) + words.substring(1));
        }
        Map<String, String> priorities = new LinkedHashMap<>();
        priorities.put(Severity.CRITICAL.name(), "Highest");
        priorities.put(Severity.HIGH.name(), "High");
        priorities.put(Severity.MEDIUM.name(), "Medium");
        priorities.put(Severity.LOW.name(), "Low");
        return new JiraMappings(statuses, priorities);
    }

    /** These mappings with what was given laid over them, entry by entry; each given name checked. */
    JiraMappings with(@Nullable Map<String, String> statuses, @Nullable Map<String, String> priorities, Fields errors) {
        Map<String, String> s = new LinkedHashMap<>(defaults().statuses());
        s.putAll(this.statuses);
        Map<String, String> p = new LinkedHashMap<>(defaults().priorities());
        p.putAll(this.priorities);
        if (statuses != null) {
            statuses.forEach((k, v) -> put(s, k, v, "/statuses", errors));
        }
        if (priorities != null) {
            priorities.forEach((k, v) -> put(p, k, v, "/priorities", errors));
        }
        return new JiraMappings(s, p);
    }

    private static void put(Map<String, String> into, String key, @Nullable String value, String at, Fields errors) {
        if (!into.containsKey(key)) {
            errors.error(at + "/" + key, "is not one of " + String.join(", ", into.keySet()));
        } else if (value == null || value.isBlank() || value.length() > 100) {
            errors.error(at + "/" + key, "needs the name used in Jira (1 to 100 characters)");
        } else {
            into.put(key, value.strip());
        }
    }

    String status(TicketStatus status) {
        return statuses.getOrDefault(status.name(), status.name());
    }

    String priority(Severity severity) {
        return priorities.getOrDefault(severity.name(), severity.name());
    }

    /** The ticket status a Jira status name stands for, if any. */
    Optional<TicketStatus> statusOf(String jiraStatus) {
        return statuses.entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(jiraStatus.strip()))
                .map(e -> TicketStatus.valueOf(e.getKey()))
                .findFirst();
    }

    String statusesJson() {
        return JsonMapper.shared().writeValueAsString(new java.util.TreeMap<>(statuses));
    }

    String prioritiesJson() {
        return JsonMapper.shared().writeValueAsString(new java.util.TreeMap<>(priorities));
    }

    static JiraMappings read(String statusesJson, String prioritiesJson) {
        TypeReference<Map<String, String>> map = new TypeReference<>() {};
        return new JiraMappings(
                JsonMapper.shared().readValue(statusesJson, map),
                JsonMapper.shared().readValue(prioritiesJson, map));
    }
}

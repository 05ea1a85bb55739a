package dev.warden.server.enforcement;

import java.util.List;
import java.util.Map;

/**
 * Open enforcement cases counted.
 *
 * @param byRule open cases per rule id, sorted by rule
 * @param byPartner open cases per partner id
 */
public record OpenCases(Map<String, Long> byRule, Map<String, Long> byPartner) {

    public long total() {
        return byRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code n} partners with the most open cases, most first (ties by id). */
    public List<Map.Entry<String, Long>> worstPartners(int n) {
        return byPartner.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .toList();
    }
}

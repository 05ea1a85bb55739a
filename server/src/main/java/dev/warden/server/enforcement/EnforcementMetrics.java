package dev.warden.server.enforcement;

import dev.warden.server.shared.CountRows;
import dev.warden.server.shared.Metrics;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Enforcement's gauges: cases (a violation each) by rule and status, actions by kind and status. */
@Component
class EnforcementMetrics {
    EnforcementMetrics(Metrics metrics, CountRows counts) {
        metrics.counted(
                "warden.enforcement.cases",
                "Enforcement cases (one per violation and subject) by rule and status",
                List.of("rule", "status"),
                () -> counts.grouped(
                        "select rule, status, count(*) from enforcement_cases group by rule, status", Map.of()));
        metrics.counted(
                "warden.enforcement.actions",
                "Enforcement actions by action and status",
                List.of("action", "status"),
                () -> counts.grouped(
                        "select action, status, count(*) from enforcement_actions group by action, status", Map.of()));
    }
}

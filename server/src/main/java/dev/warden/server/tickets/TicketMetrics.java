package dev.warden.server.tickets;

import dev.warden.server.shared.CountRows;
import dev.warden.server.shared.Metrics;
import dev.warden.server.shared.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The tickets' gauges: by status and severity, overdue now, breached. */
@Component
class TicketMetrics {
    TicketMetrics(Metrics metrics, CountRows counts, Clock clock) {
        metrics.counted(
                "warden.tickets",
                "Tickets by status and severity",
                List.of("status", "severity"),
                () -> counts.grouped(
                        "select status, severity, count(*) from tickets group by status, severity", Map.of()));
        metrics.counted(
                "warden.tickets.overdue",
                "Open tickets past their due date, by severity",
                List.of("severity"),
                () -> counts.grouped(
                        "select severity, count(*) from tickets where open_due_at < :now group by severity",
                        Map.of("now", Timestamps.utc(clock.instant()))));
        metrics.counted(
                "warden.tickets.breached",
                "Tickets whose due date passed while they were open (breaches recorded), by severity",
                List.of("severity"),
                () -> counts.grouped(
                        "select severity, count(*) from tickets where breached_at is not null group by severity",
                        Map.of()));
    }
}

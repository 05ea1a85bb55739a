package dev.warden.server.tickets;

import dev.warden.server.shared.CountRows;
import dev.warden.server.shared.Metrics;
import dev.warden.server.shared.Timestamps;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The tickets' gauges: by status and severity, overdue now, breached. The three are counted by one
 * grouped query (one scan of the tickets table, not three: bench/metrics-counts.sh), taken once per
 * refresh for the first family and shared by the two after it.
 */
@Component
class TicketMetrics {
    static final String COUNTS = """
            select status, severity, count(*),
                sum(case when open_due_at < :now then 1 else 0 end),
                sum(case when breached_at is not null then 1 else 0 end)
            from tickets group by status, severity""";

    private final CountRows counts;
    private final Clock clock;
    private @Nullable Map<List<String>, long[]> last;

    TicketMetrics(Metrics metrics, CountRows counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
        metrics.counted(
                "warden.tickets",
                "Tickets by status and severity",
                List.of("status", "severity"),
                () -> bySeverity(0, true));
        metrics.counted(
                "warden.tickets.overdue",
                "Open tickets past their due date, by severity",
                List.of("severity"),
                () -> bySeverity(1, false));
        metrics.counted(
                "warden.tickets.breached",
                "Tickets whose due date passed while they were open (breaches recorded), by severity",
                List.of("severity"),
                () -> bySeverity(2, false));
    }

    /** One of the counts, by status and severity or by severity alone (zeros left out, as a filter would). */
    private Map<List<String>, Long> bySeverity(int which, boolean withStatus) {
        Map<List<String>, Long> out = new HashMap<>();
        rows(which == 0).forEach((key, values) -> {
            if (values[which] > 0 || withStatus) {
                out.merge(withStatus ? key : List.of(key.get(1)), values[which], Long::sum);
            }
        });
        return out;
    }

    /**
     * The counts: taken again for the first family (Metrics refreshes the families in the order they
     * were registered), and the same rows for the two after it.
     */
    private synchronized Map<List<String>, long[]> rows(boolean again) {
        Map<List<String>, long[]> rows = last;
        if (again || rows == null) {
            rows = counts.grouped(COUNTS, Map.of("now", Timestamps.utc(clock.instant())), 3);
            last = rows;
        }
        return rows;
    }
}

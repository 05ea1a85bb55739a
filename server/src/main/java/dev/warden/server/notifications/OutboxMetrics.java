package dev.warden.server.notifications;

import dev.warden.server.shared.CountRows;
import dev.warden.server.shared.Metrics;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The outbox's gauge: messages by channel and status (PENDING and SENDING are the backlog). */
@Component
class OutboxMetrics {
    OutboxMetrics(Metrics metrics, CountRows counts) {
        metrics.counted(
                "warden.outbox.messages",
                "Outbox messages by channel and status",
                List.of("channel", "status"),
                () -> counts.grouped(
                        "select channel, status, count(*) from outbox group by channel, status", Map.of()));
    }
}

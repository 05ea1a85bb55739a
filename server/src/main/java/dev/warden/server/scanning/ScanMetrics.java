package dev.warden.server.scanning;

import dev.warden.server.shared.CountRows;
import dev.warden.server.shared.Metrics;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The scans' gauges: scans by status, and the bytes they read (their rate is the scan throughput). */
@Component
class ScanMetrics {
    ScanMetrics(Metrics metrics, CountRows counts) {
        metrics.counted(
                "warden.scans",
                "Artifact scans by status",
                List.of("status"),
                () -> counts.grouped("select status, count(*) from scans group by status", Map.of()));
        metrics.counted(
                "warden.scans.bytes",
                "Bytes of artifacts read by scans, by status",
                List.of("status"),
                () -> counts.grouped(
                        "select status, coalesce(sum(bytes_done), 0) from scans group by status", Map.of()));
    }
}

package dev.warden.server.tickets;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Files attached to tickets ({@code warden.attachments.*}; docs/tickets.md#attachments).
 *
 * @param folder where they are kept, one file per content hash
 * @param maxSize the largest file accepted
 * @param maxPerTicket how many one ticket may carry
 * @param scanTimeLimit how long the scan of one file may take while its upload waits; a scan stopped
 *     at the limit keeps the file, marked as not scanned in full
 */
@ConfigurationProperties("warden.attachments")
public record AttachmentSettings(Path folder, DataSize maxSize, int maxPerTicket, Duration scanTimeLimit) {
    public AttachmentSettings {
        if (maxSize.toBytes() < 1 || maxSize.toMegabytes() > 512) {
            throw new IllegalArgumentException("warden.attachments.max-size must be 1 byte to 512MB");
        }
        if (maxPerTicket < 1 || maxPerTicket > 1000) {
            throw new IllegalArgumentException("warden.attachments.max-per-ticket must be 1 to 1000");
        }
        if (scanTimeLimit.isNegative() || scanTimeLimit.isZero()) {
            throw new IllegalArgumentException("warden.attachments.scan-time-limit must be positive");
        }
    }
}

package dev.warden.server.audit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit trail's signed checkpoints go ({@code warden.audit.checkpoint.*}).
 *
 * @param keyFile the Ed25519 key pair that signs checkpoints, created on first start; kept outside
 *     the database so that someone who can change the database cannot sign a checkpoint
 * @param file the append-only file of signed checkpoints, one JSON object per line
 * @param interval how often the chain's head is checkpointed (when it has moved)
 * @param webhookUrl where each new checkpoint is also POSTed as JSON, if set, so a copy lives on
 *     another machine
 */
@ConfigurationProperties("warden.audit.checkpoint")
public record CheckpointSettings(
        Path keyFile,
        Path file,
        Duration interval,
        @Nullable URI webhookUrl) {
    public CheckpointSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("warden.audit.checkpoint.interval must be positive");
        }
        if (webhookUrl != null && !("https".equals(webhookUrl.getScheme()) || "http".equals(webhookUrl.getScheme()))) {
            throw new IllegalArgumentException("warden.audit.checkpoint.webhook-url must be an http(s) URL");
        }
    }
}

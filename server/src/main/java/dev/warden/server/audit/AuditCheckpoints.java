package dev.warden.server.audit;

import dev.warden.core.audit.Checkpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anchors the audit chain outside the database: signs its head with a key kept in a file (never in
 * the database) and appends the signed checkpoint to a file, and to a webhook when one is set. A
 * chain later shortened, or rewritten and rehashed, no longer matches a checkpoint, which
 * {@link AuditTrail#verify()} reports.
 */
@Service
public class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final AuditRows rows;
    private final CheckpointSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(WEBHOOK_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private CheckpointLog.@Nullable Signed undelivered;

    AuditCheckpoints(AuditRows rows, CheckpointSettings settings, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Signs the chain's head and appends it to the checkpoint file, unless the latest checkpoint already
     * names it (or the chain is empty). Then sends the latest checkpoint to the webhook if it has not
     * reached it yet. Returns the checkpoint written, if any.
     */
    public synchronized Optional<Checkpoint> take() {
        CheckpointKey key = CheckpointKey.loadOrCreate(settings.keyFile());
        AuditRows.Head head = rows.head();
        // Only the last line is read: the file grows by a line every few minutes, for years.
        Checkpoint latest = CheckpointLog.last(settings.file());
        Checkpoint written = null;
        if (head.seq() > 0
                && (latest == null
                        || latest.seq() != head.seq()
                        || !latest.hash().equals(head.hash()))) {
            written = new Checkpoint(head.seq(), head.hash(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            CheckpointLog.Signed line = CheckpointLog.sign(written, key);
            CheckpointLog.append(settings.file(), line);
            undelivered = line;
        }
        deliver();
        return Optional.ofNullable(written);
    }

    /**
     * The checkpoints to hold the chain to, read before the chain is (so none can name an entry the
     * reading has not reached). Without a key file there can be no checkpoint to check.
     */
    CheckpointLog.Reading read() {
        CheckpointKey key = Files.exists(settings.keyFile()) ? CheckpointKey.load(settings.keyFile()) : null;
        return CheckpointLog.read(settings.file(), key);
    }

    /** The public half of the signing key, as PEM, for whoever checks checkpoints elsewhere. */
    public String publicKey() {
        return CheckpointKey.loadOrCreate(settings.keyFile()).publicPem();
    }

    /** Sends the last checkpoint not yet delivered; a failure is logged and retried on the next run. */
    private void deliver() {
        URI url = settings.webhookUrl();
        CheckpointLog.Signed line = undelivered;
        if (url == null || line == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(WEBHOOK_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Warden audit checkpoint")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(line.json())))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                undelivered = null;
            } else {
                log.warn("audit checkpoint webhook {} answered {}; retrying on the next run", url, status);
            }
        } catch (IOException e) {
            log.warn("audit checkpoint webhook {} failed: {}; retrying on the next run", url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

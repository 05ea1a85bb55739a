package dev.warden.server.notifications;

import dev.warden.server.shared.OutboundAddresses;
import dev.warden.server.shared.SecretBox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Posts an outbox row to its webhook endpoint, signed by the Standard Webhooks scheme: headers
 * {@code webhook-id} (the same on every attempt of a message, so a receiver drops a repeat),
 * {@code webhook-timestamp} (this attempt's, in seconds) and {@code webhook-signature}. Any 2xx is an
 * acknowledgement; anything else, a timeout or a refused connection is tried again later, except 410
 * Gone. Redirects are not followed (a redirect could lead past the address guard), and the endpoint's
 * address is checked against the guard again right before each attempt.
 */
@Component
class WebhookChannel {
    private static final int KEEP_OF_ANSWER = 300;

    private final WebhookRows endpoints;
    private final SecretBox box;
    private final OutboundAddresses guard;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    WebhookChannel(
            WebhookRows endpoints,
            SecretBox box,
            OutboundAddresses guard,
            Clock clock,
            @Value("${warden.webhooks.connect-timeout:5s}") Duration connectTimeout,
            @Value("${warden.webhooks.timeout:10s}") Duration timeout) {
        this.endpoints = endpoints;
        this.box = box;
        this.guard = guard;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The {@code webhook-id} of a message: derived from its idempotency key, so stable across attempts. */
    static String messageId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Delivers the row; returns the endpoint's HTTP status. */
    int send(OutboxRows.Row row) throws NotSent {
        long id = Webhooks.endpointOf(row.recipient());
        WebhookRows.Row endpoint =
                endpoints.find(id).orElseThrow(() -> new NotSent("the webhook endpoint was deleted", false));
        if (!endpoint.enabled()) {
            throw new NotSent("the webhook endpoint is disabled", false);
        }
        URI uri;
        try {
            uri = guard.parse(endpoint.url());
            guard.check(uri);
        } catch (OutboundAddresses.Refused e) {
            boolean unresolved = String.valueOf(e.getMessage()).endsWith("does not resolve");
            throw new NotSent("the address is refused: " + e.getMessage(), unresolved);
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(box.open(endpoint.secret()));
        Instant now = clock.instant();
        if (endpoint.previousSecret() != null
                && endpoint.previousUntil() != null
                && endpoint.previousUntil().toInstant().isAfter(now)) {
            secrets.add(box.open(endpoint.previousSecret()));
        }
        // The timestamp is the real time of this attempt: it is what the receiver checks for replays.
        long timestamp = Instant.now().getEpochSecond();
        String messageId = messageId(row.idempotencyKey());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Warden-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secrets, messageId, timestamp, row.bodyText()))
                .POST(HttpRequest.BodyPublishers.ofString(row.bodyText(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new NotSent("no answer within " + timeout.toSeconds() + " s", true);
        } catch (IOException e) {
            throw new NotSent("could not connect: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("interrupted while sending", true);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            close(response.body());
            return status;
        }
        String answer = firstOf(response.body());
        String said = answer.isBlank() ? "" : ": " + answer;
        if (status == 410) {
            throw new NotSent("the endpoint answered 410 Gone" + said, false, status);
        }
        throw new NotSent("the endpoint answered " + status + said, true, status);
    }

    /**
     * The start of an error answer's body, for the delivery log, waited for a few seconds at most (a
     * receiver that sends its headers and then nothing does not hold the worker); the rest is not read.
     */
    private static String firstOf(InputStream body) {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                byte[] start = body.readNBytes(KEEP_OF_ANSWER);
                return new String(start, StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ")
                        .strip();
            } catch (IOException e) {
                return "";
            }
        });
        try {
            return read.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            close(body);
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }
}

package dev.warden.server.notifications;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.OutboundAddresses;
import dev.warden.server.shared.SecretBox;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook endpoints and the events posted to them (docs/webhooks.md), signed by the Standard Webhooks
 * scheme. An administrator's endpoint hears every partner's events (the storefront, a SIEM, a chat
 * bridge); a partner's hears only its own. An event is queued in the outbox, in the transaction of what
 * happened, once per endpoint listening for its type; the storefront endpoints also get every
 * enforcement effect, and an effect counts as applied on the storefront only once one acknowledged it.
 */
@Service
public class Webhooks {
    /** The events an endpoint may subscribe to. */
    public static final List<String> EVENT_TYPES = List.of(
            "ticket.assigned",
            "ticket.due_soon",
            "ticket.overdue",
            "ticket.extension_requested",
            "ticket.extension_decided",
            "enforcement.proposed",
            "enforcement.warning",
            "enforcement.applied",
            "enforcement.lifted",
            "enforcement.appeal_decided",
            "verification.requested",
            "verification.info_requested",
            "verification.verified",
            "verification.rejected",
            "obligation.due_soon",
            "submission.decided",
            "domain.expiring",
            "incident.recorded");
    /** Events about the operator's own deliberation, which a partner's endpoint never hears. */
    static final List<String> OPERATOR_ONLY = List.of("enforcement.proposed");

    /** The storefront's events: the effects it must apply. */
    static final List<String> STOREFRONT_EVENTS = List.of("enforcement.applied", "enforcement.lifted");

    static final String TEST_EVENT = "webhook.test";
    private static final Duration LONGEST_OVERLAP = Duration.ofDays(7);
    private static final int MAX_PAYLOAD = 19_000;

    /** An endpoint as the API and pages show it: never its secret. */
    public record Endpoint(
            long id,
            @Nullable String partner,
            String url,
            String description,
            List<String> events,
            boolean storefront,
            boolean enabled,
            @Nullable Instant previousSecretValidUntil,
            Instant createdAt,
            String createdBy,
            Instant updatedAt) {
        static Endpoint of(WebhookRows.Row r) {
            return new Endpoint(
                    r.id(),
                    r.partnerId(),
                    r.url(),
                    r.description(),
                    Webhooks.events(r.eventTypes()),
                    r.storefront(),
                    r.enabled(),
                    Timestamps.instant(r.previousUntil()),
                    Objects.requireNonNull(Timestamps.instant(r.createdAt())),
                    r.createdBy(),
                    Objects.requireNonNull(Timestamps.instant(r.updatedAt())));
        }
    }

    /** An endpoint with its signing secret, shown this once (when made, and when the secret is rotated). */
    public record WithSecret(Endpoint endpoint, String secret) {}

    /**
     * What a person sets on an endpoint.
     *
     * @param partner an administrator's endpoint for one partner's events only; a partner's endpoint is its own
     * @param events event types, or {@code *} for all
     * @param storefront whether the endpoint is the storefront, which applies enforcement effects
     */
    @Schema(name = "WebhookInput")
    public record Input(
            @Nullable String partner,
            @Nullable String url,
            @Nullable String description,
            @Nullable List<String> events,
            @Nullable Boolean storefront,
            @Nullable Boolean enabled) {}

    /** Where an action's effect stands on one storefront endpoint. */
    public record StorefrontDelivery(
            long endpoint,
            String event,
            String status,
            int attempts,
            @Nullable Instant acknowledgedAt,
            @Nullable String lastError,
            long message) {
        public boolean acknowledged() {
            return status.equals("SENT");
        }
    }

    private final WebhookRows rows;
    private final OutboxRows outboxRows;
    private final Outbox outbox;
    private final SecretBox box;
    private final OutboundAddresses guard;
    private final Partners partners;
    private final AuditTrail audit;
    private final Clock clock;

    Webhooks(
            WebhookRows rows,
            OutboxRows outboxRows,
            Outbox outbox,
            SecretBox box,
            OutboundAddresses guard,
            Partners partners,
            AuditTrail audit,
            Clock clock) {
        this.rows = rows;
        this.outboxRows = outboxRows;
        this.outbox = outbox;
        this.box = box;
        this.guard = guard;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes an endpoint; its secret is in the answer and never shown again. */
    @Transactional
    public WithSecret create(Input in, Actor by) {
        String partner = by.isPartner() ? Objects.requireNonNull(by.partner()).value() : in.partner();
        Checked c = check(in, partner, by, null);
        String secret = WebhookSignature.newSecret();
        long id = rows.insert(
                partner, c.url, c.description, c.events, c.storefront, box.seal(secret), by.name(), clock.instant());
        Endpoint made = Endpoint.of(rows.find(id).orElseThrow());
        audit.record(by, "WEBHOOK_CREATED", "webhook", String.valueOf(id), partnerId(partner), describe(made));
        return new WithSecret(made, secret);
    }

    /** The endpoints the actor may see: a partner's own, or all. */
    @Transactional(readOnly = true)
    public List<Endpoint> list(Actor by) {
        return rows.list(by.isPartner() ? Objects.requireNonNull(by.partner()).value() : null).stream()
                .map(Endpoint::of)
                .toList();
    }

    @Transactional(readOnly = true)
    public Endpoint get(long id, Actor by) {
        return Endpoint.of(visible(id, by));
    }

    /** Changes an endpoint's address, description, events or whether it is enabled. */
    @Transactional
    public Endpoint update(long id, Input in, Actor by) {
        WebhookRows.Row row = visible(id, by);
        Checked c = check(in, row.partnerId(), by, row);
        boolean enabled = in.enabled() == null ? row.enabled() : in.enabled();
        rows.update(id, c.url, c.description, c.events, c.storefront, enabled, clock.instant());
        Endpoint changed = Endpoint.of(rows.find(id).orElseThrow());
        audit.record(
                by, "WEBHOOK_CHANGED", "webhook", String.valueOf(id), partnerId(row.partnerId()), describe(changed));
        return changed;
    }

    /**
     * Gives an endpoint a new secret. The old one keeps signing alongside it for {@code overlap} (at most
     * a week; zero ends it at once), so the receiver can switch without losing an event.
     */
    @Transactional
    public WithSecret rotate(long id, Duration overlap, Actor by) {
        WebhookRows.Row row = visible(id, by);
        if (overlap.isNegative() || overlap.compareTo(LONGEST_OVERLAP) > 0) {
            new Fields("invalid rotation")
                    .error("/overlapHours", "must be between 0 and " + LONGEST_OVERLAP.toHours())
                    .check();
        }
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        boolean keep = !overlap.isZero();
        rows.rotate(id, box.seal(secret), keep ? row.secret() : null, keep ? now.plus(overlap) : null, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousSecretValidFor", overlap.toString());
        audit.record(by, "WEBHOOK_SECRET_ROTATED", "webhook", String.valueOf(id), partnerId(row.partnerId()), details);
        return new WithSecret(Endpoint.of(rows.find(id).orElseThrow()), secret);
    }

    @Transactional
    public void delete(long id, Actor by) {
        WebhookRows.Row row = visible(id, by);
        rows.delete(id);
        audit.record(
                by,
                "WEBHOOK_DELETED",
                "webhook",
                String.valueOf(id),
                partnerId(row.partnerId()),
                Map.of("url", row.url()));
    }

    /** Queues a {@code webhook.test} event to this endpoint alone; returns the outbox message's id. */
    @Transactional
    public long test(long id, Actor by) {
        WebhookRows.Row row = visible(id, by);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint", id);
        data.put("requestedBy", by.name());
        String key = "webhook:test:" + UUID.randomUUID();
        enqueue(row, TEST_EVENT, key, data);
        return outboxRows.withKeyPrefix(key + "|").get(0).id();
    }

    /**
     * Queues an event to every enabled endpoint listening for its type that may hear about this partner,
     * in the caller's transaction. {@code key} identifies the event: the same key is queued once per
     * endpoint however often it is published. Returns how many endpoints it was queued to.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int publish(String type, @Nullable PartnerId partner, String key, Map<String, ?> data) {
        int queued = 0;
        for (WebhookRows.Row row : rows.listeners(partner == null ? null : partner.value())) {
            if (row.partnerId() != null && OPERATOR_ONLY.contains(type)) {
                continue;
            }
            List<String> wanted = events(row.eventTypes());
            if (wanted.contains("*") || wanted.contains(type) || row.storefront() && STOREFRONT_EVENTS.contains(type)) {
                queued += enqueue(row, type, "webhook:" + key, data);
            }
        }
        return queued;
    }

    /** How an action's effect (or its lift) went on each storefront endpoint it was sent to. */
    @Transactional(readOnly = true)
    public List<StorefrontDelivery> storefront(long actionId, boolean lifted) {
        List<StorefrontDelivery> out = new ArrayList<>();
        for (OutboxRows.Row r :
                outboxRows.withKeyPrefix("webhook:action:" + actionId + (lifted ? ":lifted|" : ":applied|"))) {
            long endpoint = endpointOf(r.recipient());
            boolean storefront =
                    rows.find(endpoint).map(WebhookRows.Row::storefront).orElse(false);
            if (storefront) {
                out.add(new StorefrontDelivery(
                        endpoint,
                        r.event(),
                        r.status(),
                        r.attempts(),
                        Timestamps.instant(r.sentAt()),
                        r.lastError(),
                        r.id()));
            }
        }
        return out;
    }

    /** The endpoint id in an outbox recipient {@code webhook:<id>}. */
    static long endpointOf(String recipient) {
        return Long.parseLong(recipient.substring(recipient.indexOf(':') + 1));
    }

    private int enqueue(WebhookRows.Row row, String type, String key, Map<String, ?> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", clock.instant().toString());
        payload.put("data", data);
        String json = JsonMapper.shared().writeValueAsString(payload);
        if (json.length() > MAX_PAYLOAD) {
            throw new IllegalStateException("a " + type + " event of " + json.length() + " characters is too large");
        }
        return outbox.enqueue(new Outbox.Message(
                key,
                Outbox.Channel.WEBHOOK,
                type,
                row.partnerId(),
                List.of("webhook:" + row.id()),
                type + " to " + row.url(),
                json,
                null,
                null));
    }

    private WebhookRows.Row visible(long id, Actor by) {
        return rows.find(id)
                .filter(r -> !by.isPartner()
                        || Objects.requireNonNull(by.partner()).value().equals(r.partnerId()))
                .orElseThrow(() -> new NotFoundException("webhook endpoint " + id));
    }

    private record Checked(String url, String description, String events, boolean storefront) {}

    private Checked check(Input in, @Nullable String partner, Actor by, WebhookRows.@Nullable Row current) {
        Fields f = new Fields("invalid webhook endpoint");
        String url = in.url() != null ? in.url().strip() : current != null ? current.url() : null;
        f.requireText("/url", url, "is required: where to post the events").maxLength("/url", url, 2000);
        // The address is checked when it is given: disabling an endpoint whose name no longer resolves
        // must still work (every delivery checks it again anyway).
        boolean newAddress = current == null || !Objects.equals(url, current.url());
        if (newAddress && url != null && !url.isBlank() && url.length() <= 2000) {
            try {
                URI uri = guard.parse(url);
                guard.check(uri);
            } catch (OutboundAddresses.Refused e) {
                f.error("/url", String.valueOf(e.getMessage()));
            }
        }
        String description =
                in.description() != null ? in.description().strip() : current != null ? current.description() : "";
        f.maxLength("/description", description, 300);
        List<String> events = in.events() != null
                ? in.events().stream().map(String::strip).distinct().toList()
                : current != null ? events(current.eventTypes()) : List.of();
        boolean storefront = in.storefront() != null ? in.storefront() : current != null && current.storefront();
        if (events.isEmpty() && !storefront) {
            f.error("/events", "name at least one event type, or * for all");
        }
        for (String e : events) {
            if (!e.equals("*") && !EVENT_TYPES.contains(e)) {
                f.error("/events", "'" + e + "' is not an event type; one of " + EVENT_TYPES + " or *");
            } else if (partner != null && OPERATOR_ONLY.contains(e)) {
                f.error("/events", "'" + e + "' is the operator's own: a partner's endpoint does not hear it");
            }
        }
        if (storefront && by.isPartner()) {
            throw new ForbiddenException("only an administrator makes the storefront's endpoint");
        }
        if (storefront && partner != null) {
            f.error("/storefront", "the storefront endpoint hears every partner: leave partner empty");
        }
        if (partner != null
                && current == null
                && partners.find(PartnerId.of(partner)).isEmpty()) {
            f.error("/partner", "no partner '" + partner + "'");
        }
        f.check();
        List<String> all = new ArrayList<>(events);
        if (storefront) {
            STOREFRONT_EVENTS.stream()
                    .filter(e -> !all.contains(e) && !all.contains("*"))
                    .forEach(all::add);
        }
        return new Checked(Objects.requireNonNull(url), description, String.join(",", all), storefront);
    }

    private static List<String> events(String column) {
        return column.isBlank() ? List.of() : Arrays.asList(column.split(","));
    }

    private static @Nullable PartnerId partnerId(@Nullable String partner) {
        return partner == null ? null : PartnerId.of(partner);
    }

    private static Map<String, Object> describe(Endpoint e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", e.url());
        d.put("events", e.events());
        d.put("storefront", e.storefront());
        d.put("enabled", e.enabled());
        return d;
    }
}

package dev.warden.server.notifications;

import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/webhooks}: endpoints that receive Warden's events, signed by the Standard Webhooks scheme. */
@RestController
@Tag(name = "Webhooks", description = "Endpoints that receive Warden's events as signed HTTP posts")
class WebhookApiController {
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final EnforcementCases cases;

    WebhookApiController(Webhooks webhooks, Outbox outbox, EnforcementCases cases) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.cases = cases;
    }

    @GetMapping("/api/v1/webhooks")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "List webhook endpoints", description = "A partner sees its own; an administrator all.")
    List<Webhooks.Endpoint> list(Actor actor) {
        return webhooks.list(actor);
    }

    @GetMapping("/api/v1/webhooks/event-types")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "The event types an endpoint may subscribe to")
    List<String> eventTypes() {
        return Webhooks.EVENT_TYPES;
    }

    @PostMapping("/api/v1/webhooks")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Add a webhook endpoint",
            description = "Body: url (https, a public address), description, events (types or *), storefront"
                    + " (administrators only: the endpoint that applies enforcement effects), partner (an"
                    + " administrator's endpoint for one partner only). The answer holds the signing secret"
                    + " (whsec_...), shown this once.")
    ResponseEntity<Webhooks.WithSecret> create(@RequestBody Webhooks.Input input, Actor actor) {
        return ResponseEntity.status(HttpStatus.CREATED).body(webhooks.create(input, actor));
    }

    @GetMapping("/api/v1/webhooks/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "One webhook endpoint")
    Webhooks.Endpoint get(@PathVariable long id, Actor actor) {
        return webhooks.get(id, actor);
    }

    @PutMapping("/api/v1/webhooks/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Change a webhook endpoint", description = "Fields left out keep their value.")
    Webhooks.Endpoint update(@PathVariable long id, @RequestBody Webhooks.Input input, Actor actor) {
        return webhooks.update(id, input, actor);
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete a webhook endpoint", description = "Messages still queued for it die.")
    ResponseEntity<Void> delete(@PathVariable long id, Actor actor) {
        webhooks.delete(id, actor);
        return ResponseEntity.noContent().build();
    }

    /** A rotation's body. */
    record Rotation(@Nullable Integer overlapHours) {}

    @PostMapping("/api/v1/webhooks/{id}/rotate-secret")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Give the endpoint a new signing secret",
            description = "Body: overlapHours (default 24, at most 168): how long the previous secret keeps"
                    + " signing alongside the new one. The answer holds the new secret, shown this once.")
    Webhooks.WithSecret rotate(
            @PathVariable long id, @RequestBody(required = false) @Nullable Rotation body, Actor actor) {
        int hours = body == null || body.overlapHours() == null ? 24 : body.overlapHours();
        return webhooks.rotate(id, Duration.ofHours(hours), actor);
    }

    @PostMapping("/api/v1/webhooks/{id}/test")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(
            summary = "Send a test event",
            description = "Queues a webhook.test event to this endpoint; the answer names the outbox message,"
                    + " whose delivery log says how it went.")
    ResponseEntity<Map<String, Object>> test(@PathVariable long id, Actor actor) {
        long message = webhooks.test(id, actor);
        return ResponseEntity.accepted().body(Map.of("message", message));
    }

    /** Where an action's effect and its lift stand on the storefront endpoints. */
    record OnStorefront(
            boolean applied, List<Webhooks.StorefrontDelivery> effect, List<Webhooks.StorefrontDelivery> lift) {}

    @GetMapping("/api/v1/enforcement/actions/{id}/storefront")
    @Requires(Permission.ENFORCEMENT_READ)
    @Operation(
            summary = "Whether the storefront applied an action's effect",
            description = "applied is true once every storefront endpoint acknowledged the effect (answered"
                    + " 2xx); effect and lift list the deliveries with their state, attempts and last error.")
    OnStorefront storefront(@PathVariable long id, Actor actor) {
        cases.getAction(id, actor);
        List<Webhooks.StorefrontDelivery> effect = webhooks.storefront(id, false);
        return new OnStorefront(
                !effect.isEmpty() && effect.stream().allMatch(Webhooks.StorefrontDelivery::acknowledged),
                effect,
                webhooks.storefront(id, true));
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(
            summary = "What was posted to this endpoint",
            description = "Messages newest first, each with its delivery state; GET /api/v1/webhooks/{id}/deliveries/"
                    + "{message} adds every attempt with the endpoint's answer.")
    Page<Outbox.Delivery> deliveries(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        webhooks.get(id, actor);
        return outbox.toRecipient("webhook:" + id, new Paging(page, size));
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries/{message}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    @Operation(summary = "One message posted to this endpoint, with its delivery attempts")
    Outbox.Detail delivery(@PathVariable long id, @PathVariable long message, Actor actor) {
        webhooks.get(id, actor);
        Outbox.Detail detail = outbox.detail(message);
        if (!detail.message().recipient().equals("webhook:" + id)) {
            throw new NotFoundException("message " + message + " of webhook endpoint " + id);
        }
        return detail;
    }
}

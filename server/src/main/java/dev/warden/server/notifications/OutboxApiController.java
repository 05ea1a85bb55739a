package dev.warden.server.notifications;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/outbox}: what Warden sent to whom, when, and how delivery went. */
@RestController
@Tag(name = "Notifications", description = "The outbox of mails Warden sends, and their delivery")
class OutboxApiController {
    private static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "DEAD", "HELD", "DIGESTED");

    private final Outbox outbox;

    OutboxApiController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/outbox")
    @Requires(Permission.AUDIT_READ)
    @Operation(
            summary = "List the outbox",
            description = "Messages newest first, each with its recipient, subject, delivery status (PENDING,"
                    + " SENDING, SENT, DEAD; HELD for a daily digest, DIGESTED once in one), attempts, next"
                    + " attempt and last error. Filter: status.")
    Page<Outbox.Delivery> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            Actor actor) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameterException(
                    "status", "must be one of PENDING, SENDING, SENT, DEAD, HELD, DIGESTED");
        }
        return outbox.list(status, new Paging(page, size), actor);
    }

    @GetMapping("/api/v1/outbox/{id}")
    @Requires(Permission.AUDIT_READ)
    @Operation(
            summary = "One message with its delivery attempts",
            description = "Each attempt: when, SENT or FAILED, the HTTP status a webhook endpoint answered,"
                    + " what went wrong, how long it took.")
    Outbox.Detail get(@PathVariable long id) {
        return outbox.detail(id);
    }

    @PostMapping("/api/v1/outbox/{id}/retry")
    @Requires(Permission.OUTBOX_MANAGE)
    @Operation(
            summary = "Send a message again now",
            description = "For a dead message (or one waiting for its next attempt). 409 when it was sent or is"
                    + " being sent.")
    ResponseEntity<Void> retry(@PathVariable long id) {
        if (!outbox.retry(id)) {
            throw new ConflictException("message " + id + " is not waiting or dead: it was sent or is being sent");
        }
        return ResponseEntity.accepted().build();
    }
}

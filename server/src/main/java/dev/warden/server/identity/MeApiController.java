package dev.warden.server.identity;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me}: who the caller is and what it may do; people change their password here. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The calling user or client")
class MeApiController {
    private final Users users;

    MeApiController(Users users) {
        this.users = users;
    }

    /** The caller as the API describes it. */
    record Me(String kind, String id, String name, @Nullable String partner, List<String> permissions) {}

    /** A password change: the current password and the new one. */
    record PasswordChange(
            @Nullable String currentPassword, @Nullable String newPassword) {}

    @GetMapping
    @SignedIn(evenBeforePasswordChange = true)
    @Operation(
            summary = "Who am I",
            description = "Kind (USER or CLIENT), id, partner if limited to one, and permissions.")
    Me me(Actor actor) {
        return new Me(
                actor.kind().name(),
                actor.id(),
                actor.name(),
                actor.partner() == null ? null : actor.partner().value(),
                actor.permissions().stream().map(Permission::scope).sorted().toList());
    }

    @PostMapping("/password")
    @SignedIn(evenBeforePasswordChange = true)
    @Operation(
            summary = "Change my password",
            description = "People only. At least 12 characters; not containing the username.")
    ResponseEntity<Void> changePassword(Actor actor, @RequestBody PasswordChange change) {
        if (actor.kind() != Actor.Kind.USER) {
            throw new dev.warden.server.shared.ForbiddenException("API clients have secrets, not passwords");
        }
        users.changeOwnPassword(
                actor.id(),
                change.currentPassword() == null ? "" : change.currentPassword(),
                change.newPassword() == null ? "" : change.newPassword());
        return ResponseEntity.noContent().build();
    }
}

package dev.warden.server.identity;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users}: people and their roles (administrators only). */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People, their roles and partner; administrators only")
@Requires(Permission.USERS_MANAGE)
class UserApiController {
    private final Users users;

    UserApiController(Users users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List users")
    List<User> list() {
        return users.list();
    }

    @GetMapping("/{username}")
    @Operation(summary = "Get a user")
    User get(@PathVariable String username) {
        return users.get(username);
    }

    @PostMapping
    @Operation(
            summary = "Create a user",
            description = "Body: username, displayName, roles, and partner for a PARTNER user. The answer holds a"
                    + " temporaryPassword, shown once; the person must change it at first sign-in.")
    ResponseEntity<Users.CreatedUser> create(@RequestBody Users.NewUser request, Actor actor) {
        Users.CreatedUser created = users.create(request, actor);
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + created.user().username()))
                .body(created);
    }

    @PutMapping("/{username}")
    @Operation(
            summary = "Change a user's name, roles, partner or enabled flag",
            description = "Fields left out stay as they are.")
    User update(@PathVariable String username, @RequestBody Users.UserChange change, Actor actor) {
        return users.update(username, change, actor);
    }

    @PostMapping("/{username}/password-reset")
    @Operation(summary = "Reset a user's password", description = "Answers a new temporaryPassword, shown once.")
    Map<String, String> resetPassword(@PathVariable String username, Actor actor) {
        return Map.of("temporaryPassword", users.resetPassword(username, actor));
    }
}

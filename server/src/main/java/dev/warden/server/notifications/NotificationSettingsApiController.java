package dev.warden.server.notifications;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/notification-settings}: whether low-urgency notices come as one daily digest. */
@RestController
@Tag(name = "Notifications")
class NotificationSettingsApiController {
    private final NotificationSettings settings;

    NotificationSettingsApiController(NotificationSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/notification-settings")
    @Requires(Permission.NOTIFICATIONS_MANAGE)
    @Operation(
            summary = "Notification settings",
            description = "scope: operator (default) or a partner id; a partner's caller always gets its own.")
    NotificationSettings.Setting get(@RequestParam(required = false) @Nullable String scope, Actor actor) {
        return settings.get(scope, actor);
    }

    /** The body of a change. */
    @Schema(name = "NotificationSettingsChange")
    record Change(boolean digest) {}

    @PutMapping("/api/v1/notification-settings")
    @Requires(Permission.NOTIFICATIONS_MANAGE)
    @Operation(
            summary = "Change notification settings",
            description = "Body: digest (true: reminders and approvals waiting come as one mail a day). The"
                    + " other security notices are always sent at once.")
    NotificationSettings.Setting set(
            @RequestParam(required = false) @Nullable String scope, @RequestBody Change change, Actor actor) {
        return settings.set(scope, change.digest(), actor);
    }
}

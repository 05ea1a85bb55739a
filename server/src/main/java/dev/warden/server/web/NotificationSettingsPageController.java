package dev.warden.server.web;

import dev.warden.server.notifications.NotificationSettings;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Notification settings in the console and the portal: the daily digest, and what is sent where. */
@Controller
class NotificationSettingsPageController {
    private final NotificationSettings settings;
    private final String smtp;
    private final String from;
    private final String publicUrl;

    NotificationSettingsPageController(
            NotificationSettings settings,
            @Value("${spring.mail.host:}") String smtp,
            @Value("${warden.mail.from:warden@localhost}") String from,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl) {
        this.settings = settings;
        this.smtp = smtp;
        this.from = from;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/settings/notifications")
    @Requires(Permission.NOTIFICATIONS_MANAGE)
    String show(
            @RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("setting", settings.get(scope, actor));
        model.addAttribute("digestible", NotificationSettings.digestible());
        model.addAttribute("smtp", smtp.isBlank() ? null : smtp);
        model.addAttribute("from", from);
        model.addAttribute("publicUrl", publicUrl);
        model.addAttribute("done", Forms.said(done));
        return "notification-settings";
    }

    @PostMapping("/settings/notifications")
    @Requires(Permission.NOTIFICATIONS_MANAGE)
    String save(
            @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "false") boolean digest,
            Actor actor,
            RedirectAttributes redirect) {
        NotificationSettings.Setting saved = settings.set(Forms.blankToNull(scope), digest, actor);
        redirect.addAttribute("scope", saved.scope());
        return Forms.back("/settings/notifications", redirect, "notification-settings", () -> {});
    }
}

package dev.warden.server.web;

import dev.warden.core.obligations.BadgeAward;
import dev.warden.server.obligations.BadgeAwards;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Cloud Fortified badge from the app's page: the partner applies, an analyst decides and reviews. */
@Controller
class BadgePageController {
    private final BadgeAwards badges;

    BadgePageController(BadgeAwards badges) {
        this.badges = badges;
    }

    @PostMapping("/apps/{key}/badges/cloud-fortified")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String step(
            @PathVariable String key,
            @RequestParam(required = false) BadgeAward.@Nullable Type type,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/apps/" + key,
                redirect,
                type == null ? "badge" : "badge-" + type.name().toLowerCase(java.util.Locale.ROOT),
                () -> badges.step(key, "CLOUD_FORTIFIED", new BadgeAwards.Step(type, Forms.blankToNull(note)), actor));
    }
}

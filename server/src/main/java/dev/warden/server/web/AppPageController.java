package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.server.catalog.Apps;
import dev.warden.server.enforcement.Enforcement;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An app: its listings and their state (hidden or paused by enforcement), badges, and its cases. */
@Controller
class AppPageController {
    private final Apps apps;
    private final Enforcement enforcement;
    private final Clock clock;

    AppPageController(Apps apps, Enforcement enforcement, Clock clock) {
        this.apps = apps;
        this.enforcement = enforcement;
        this.clock = clock;
    }

    @GetMapping("/apps/{key}")
    @Requires(Permission.CATALOG_READ)
    String app(@PathVariable String key, Actor actor, Model model) {
        App app = (AppKey.isValid(key) ? apps.find(AppKey.of(key)) : java.util.Optional.<Versioned<App>>empty())
                .map(Versioned::value)
                .filter(a -> actor.canSee(a.partner()))
                .orElseThrow(() -> new NotFoundException("No app '" + key + "'"));
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("app", app);
        if (actor.can(Permission.ENFORCEMENT_READ)) {
            model.addAttribute(
                    "cases",
                    enforcement
                            .cases(null, null, null, key, new Paging(0, 50), actor)
                            .items());
        }
        return "app";
    }
}

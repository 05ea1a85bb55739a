package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.server.catalog.Apps;
import dev.warden.server.enforcement.Enforcement;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.obligations.TokenUses;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An app: its listings and their state (hidden or paused by enforcement), badges, and its cases. */
@Controller
class AppPageController {
    private final Apps apps;
    private final Enforcement enforcement;
    private final TokenUses tokenUses;
    private final Clock clock;

    AppPageController(Apps apps, Enforcement enforcement, TokenUses tokenUses, Clock clock) {
        this.tokenUses = tokenUses;
        this.apps = apps;
        this.enforcement = enforcement;
        this.clock = clock;
    }

    @PostMapping("/apps/{key}/token-use/declaration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String declare(
            @PathVariable String key,
            @RequestParam(defaultValue = "false") boolean collects,
            @RequestParam(defaultValue = "false") boolean transmits,
            @RequestParam(defaultValue = "false") boolean stores,
            Actor actor) {
        tokenUses.declare(key, new ObligationRequests.Declaration(collects, transmits, stores), actor);
        return "redirect:/apps/" + key + "?declared";
    }

    @GetMapping("/apps/{key}")
    @Requires(Permission.CATALOG_READ)
    String app(
            @PathVariable String key,
            @RequestParam(required = false) @org.jspecify.annotations.Nullable String declared,
            Actor actor,
            Model model) {
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
        if (actor.can(Permission.OBLIGATIONS_READ)) {
            model.addAttribute("tokenUse", tokenUses.get(key, actor));
        }
        model.addAttribute("canDeclare", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("done", declared != null ? "Declaration saved." : null);
        return "app";
    }
}

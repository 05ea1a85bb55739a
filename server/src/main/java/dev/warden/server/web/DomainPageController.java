package dev.warden.server.web;

import dev.warden.server.domains.DomainViews;
import dev.warden.server.domains.DomainWatch;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The domains page (docs/console.md): the hosts of the apps' redirect URIs, failing ones first with
 * since when and which apps; a host's page with its history and a check on demand. A partner sees its
 * own apps' hosts.
 */
@Controller
class DomainPageController {
    private final DomainViews views;
    private final DomainWatch watch;
    private final Clock clock;

    DomainPageController(DomainViews views, DomainWatch watch, Clock clock) {
        this.views = views;
        this.watch = watch;
        this.clock = clock;
    }

    @GetMapping("/domains")
    @Requires(Permission.CATALOG_READ)
    String list(
            @RequestParam(defaultValue = "false") boolean failing,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("failing", failing);
        model.addAttribute("hosts", views.list(null, failing, new Paging(page, 100), actor));
        model.addAttribute("registrations", views.registrations(null, true, new Paging(0, 100), actor));
        return "domains";
    }

    @GetMapping("/domains/{host}")
    @Requires(Permission.CATALOG_READ)
    String host(
            @PathVariable String host,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("host", views.host(host, actor));
        model.addAttribute("canCheck", actor.can(Permission.DOMAINS_CHECK));
        model.addAttribute("canAccept", actor.can(Permission.CATALOG_WRITE));
        model.addAttribute("done", Forms.said(done));
        return "domain";
    }

    @PostMapping("/domains/{host}/accept-transfer")
    @Requires(Permission.CATALOG_WRITE)
    String accept(
            @PathVariable String host,
            @RequestParam(defaultValue = "") String domain,
            Actor actor,
            RedirectAttributes redirect) {
        String back = "/domains/" + views.host(host, actor).host();
        return Forms.back(back, redirect, "transfer-accepted", () -> watch.accept(domain, actor));
    }

    @PostMapping("/domains/{host}/check")
    @Requires(Permission.DOMAINS_CHECK)
    String check(@PathVariable String host, Actor actor, RedirectAttributes redirect) {
        String back = "/domains/" + views.host(host, actor).host();
        return Forms.back(back, redirect, "domain-checked", () -> watch.checkNow(host, actor));
    }
}

package dev.warden.server.web;

import dev.warden.core.catalog.Badge;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.Verification;
import dev.warden.server.catalog.AppQuery;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.obligations.Verifications;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The lists of apps, bug bounty programs and verifications, with their filters and paging. */
@Controller
class CatalogListPageController {
    private static final int PAGE_SIZE = 25;
    private static final java.util.List<String> APP_SORTS = java.util.List.of("name", "key", "partner");

    private final Apps apps;
    private final BountyPrograms programs;
    private final Verifications verifications;
    private final Clock clock;

    CatalogListPageController(Apps apps, BountyPrograms programs, Verifications verifications, Clock clock) {
        this.apps = apps;
        this.programs = programs;
        this.verifications = verifications;
        this.clock = clock;
    }

    @GetMapping("/apps")
    @Requires(Permission.CATALOG_READ)
    String apps(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable Badge badge,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable ListingState state,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        PartnerId only = Forms.partnerFilter(partner, actor);
        model.addAttribute("actor", actor);
        model.addAttribute(
                "page",
                apps.list(
                                new AppQuery(
                                        only,
                                        hosting,
                                        state,
                                        null,
                                        badge,
                                        Forms.blankToNull(q),
                                        APP_SORTS.contains(sort) ? sort : "name"),
                                new Paging(Math.max(0, page), PAGE_SIZE),
                                actor)
                        .map(Versioned::value));
        model.addAttribute("badges", Badge.values());
        model.addAttribute("hostings", Hosting.values());
        model.addAttribute("states", ListingState.values());
        model.addAttribute(
                "f",
                java.util.Map.of(
                        "q", q == null ? "" : q,
                        "partner", partner == null ? "" : partner,
                        "badge", badge == null ? "" : badge.name(),
                        "hosting", hosting == null ? "" : hosting.name(),
                        "state", state == null ? "" : state.name(),
                        "sort", APP_SORTS.contains(sort) ? sort : "name"));
        return "apps";
    }

    @GetMapping("/programs")
    @Requires(Permission.OBLIGATIONS_READ)
    String programs(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) BountyProgram.@Nullable Status status,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute(
                "page",
                programs.list(Forms.partnerOrNull(partner), status, new Paging(Math.max(0, page), PAGE_SIZE), actor)
                        .map(Versioned::value));
        model.addAttribute("statuses", BountyProgram.Status.values());
        model.addAttribute("status", status);
        model.addAttribute("partner", partner);
        return "programs";
    }

    @GetMapping("/verifications")
    @Requires(Permission.OBLIGATIONS_READ)
    String verifications(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) Verification.@Nullable State state,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute(
                "page",
                verifications.list(
                        Forms.partnerOrNull(partner), state, new Paging(Math.max(0, page), PAGE_SIZE), actor));
        model.addAttribute("states", Verification.State.values());
        model.addAttribute("state", state);
        model.addAttribute("partner", partner);
        return "verifications";
    }
}

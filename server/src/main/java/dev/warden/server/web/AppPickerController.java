package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.PartnerId;
import dev.warden.server.catalog.Apps;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The apps of the partner an operator's form names, to tick (the incident and bug bounty program forms
 * ask for a partner, then for some of its apps): fetched as the partner is typed or chosen.
 */
@Controller
class AppPickerController {
    private static final Set<String> LEGENDS = Set.of("Apps affected", "Apps it covers");

    private final Apps apps;

    AppPickerController(Apps apps) {
        this.apps = apps;
    }

    @GetMapping("/app-picker")
    @Requires(Permission.CATALOG_READ)
    String picker(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String legend,
            Actor actor,
            Model model) {
        String id = partner == null ? "" : partner.strip();
        List<App> found = List.of();
        if (PartnerId.isValid(id) && actor.canSee(PartnerId.of(id))) {
            found = apps.ofPartner(PartnerId.of(id));
        }
        model.addAttribute("pickerApps", found);
        model.addAttribute("pickerPartner", id.isEmpty() ? null : id);
        // Only the forms' own words: a link cannot put others on the page.
        model.addAttribute("pickerLegend", legend != null && LEGENDS.contains(legend) ? legend : "Apps");
        return "app-picker :: picker";
    }
}

package dev.warden.server.web;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Bug bounty programs from the browser: registering one, and one program's page with what it covers,
 * how healthy it is, its history, and the form that keeps it up to date (the partner's figures; the
 * operator also sets its status).
 */
@Controller
class ProgramPageController {
    private final BountyPrograms programs;
    private final Apps apps;
    private final History history;
    private final Clock clock;
    private final List<dev.warden.server.obligations.MeasuredPrograms> measured;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    ProgramPageController(
            dev.warden.server.catalog.PartnerChoices partnerChoices,
            BountyPrograms programs,
            Apps apps,
            History history,
            Clock clock,
            List<dev.warden.server.obligations.MeasuredPrograms> measured) {
        this.measured = List.copyOf(measured);
        this.partnerChoices = partnerChoices;
        this.programs = programs;
        this.apps = apps;
        this.history = history;
        this.clock = clock;
    }

    @GetMapping("/programs/new")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String registrationForm(Actor actor, Model model) {
        return registrationForm(actor, model, List.of());
    }

    @PostMapping("/programs")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String register(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(defaultValue = "") String platform,
            @RequestParam(required = false) @Nullable List<String> apps,
            @RequestParam(required = false) BountyProgram.@Nullable Visibility visibility,
            @RequestParam(defaultValue = "") String publicOn,
            @RequestParam(defaultValue = "") String launchedOn,
            @RequestParam(defaultValue = "false") boolean funded,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    programs.create(
                            request(partner, platform, apps, visibility, publicOn, launchedOn, funded, null, null, ""),
                            actor);
                    return "redirect:/?done=program";
                },
                errors -> registrationForm(actor, model, errors));
    }

    private String registrationForm(Actor actor, Model model, List<String> errors) {
        PartnerId own = actor.partner();
        model.addAttribute("actor", actor);
        model.addAttribute("apps", own == null ? List.of() : apps.ofPartner(own));
        model.addAttribute("visibilities", BountyProgram.Visibility.values());
        model.addAttribute("errors", errors);
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "program-new";
    }

    /** A program as both forms send it; dates as typed (a bad one is refused for its field). */
    private static ObligationRequests.ProgramRequest request(
            @Nullable String partner,
            String platform,
            @Nullable List<String> apps,
            BountyProgram.@Nullable Visibility visibility,
            String publicOn,
            String launchedOn,
            boolean funded,
            BountyProgram.@Nullable Status status,
            @Nullable Double medianTriageDays,
            String lastActivityOn) {
        return new ObligationRequests.ProgramRequest(
                Forms.blankToNull(partner),
                Forms.blankToNull(platform),
                apps,
                visibility,
                Forms.date("publicOn", publicOn),
                Forms.date("launchedOn", launchedOn),
                funded,
                status,
                medianTriageDays,
                Forms.date("lastActivityOn", lastActivityOn),
                null);
    }

    @GetMapping("/programs/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    String program(
            @PathVariable String id, @RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        return page(programs.get(id, actor), actor, model, Forms.said(done), List.of());
    }

    @PostMapping("/programs/{id}")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String update(
            @PathVariable String id,
            @RequestParam(defaultValue = "-1") int version,
            @RequestParam(defaultValue = "") String platform,
            @RequestParam(required = false) @Nullable List<String> apps,
            @RequestParam(required = false) BountyProgram.@Nullable Visibility visibility,
            @RequestParam(defaultValue = "") String publicOn,
            @RequestParam(defaultValue = "") String launchedOn,
            @RequestParam(defaultValue = "false") boolean funded,
            @RequestParam(required = false) BountyProgram.@Nullable Status status,
            @RequestParam(defaultValue = "") String medianTriageDays,
            @RequestParam(defaultValue = "") String lastActivityOn,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    programs.replace(
                            id,
                            request(
                                    null,
                                    platform,
                                    apps,
                                    visibility,
                                    publicOn,
                                    launchedOn,
                                    funded,
                                    status,
                                    days(medianTriageDays),
                                    lastActivityOn),
                            version < 0 ? OptionalInt.empty() : OptionalInt.of(version),
                            actor);
                    return "redirect:/programs/" + id + "?done=program-updated";
                },
                errors -> page(programs.get(id, actor), actor, model, null, errors));
    }

    private String page(
            Versioned<BountyProgram> program, Actor actor, Model model, @Nullable String done, List<String> errors) {
        BountyProgram g = program.value();
        PartnerId owner = g.partner();
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("g", g);
        model.addAttribute("version", program.version());
        model.addAttribute("done", done);
        model.addAttribute("errors", errors);
        model.addAttribute("canEdit", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("canSetStatus", actor.can(Permission.OBLIGATIONS_MANAGE));
        model.addAttribute("partnerApps", apps.ofPartner(owner));
        model.addAttribute("visibilities", BountyProgram.Visibility.values());
        model.addAttribute("statuses", BountyProgram.Status.values());
        // Figures Warden measured itself (from Bugcrowd): the rules judge by these, not the partner's.
        model.addAttribute(
                "measured",
                measured.stream()
                        .map(m -> m.of(owner).get(g.id()))
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null));
        history.addTo(model, actor, "bounty_program", g.id());
        return "program";
    }

    private static @Nullable Double days(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("/medianTriageDays", "is a number of days, such as 4.5");
        }
    }
}

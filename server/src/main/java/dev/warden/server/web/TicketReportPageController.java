package dev.warden.server.web;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.tickets.TicketDetails;
import dev.warden.server.tickets.TicketRequests;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * New tickets in the browser: the operator reports one, a partner discloses a vulnerability in its own
 * app; both with the description, CWE and affected versions (which the operator changes on the ticket's
 * page).
 */
@Controller
class TicketReportPageController {
    private final TicketDetails details;
    private final AppChoices appChoices;

    TicketReportPageController(TicketDetails details, AppChoices appChoices) {
        this.details = details;
        this.appChoices = appChoices;
    }

    /** What the form was sent with, to show again after a refusal. */
    record ReportForm(
            @Nullable TicketType type,
            String app,
            @Nullable Hosting hosting,
            String title,
            String cvss,
            String note,
            String description,
            String cwe,
            String affectedVersions) {
        static final ReportForm EMPTY = new ReportForm(null, "", null, "", "", "", "", "", "");
    }

    @GetMapping("/tickets/new")
    @Requires(Permission.TICKETS_REPORT)
    String reportForm(Actor actor, Model model) {
        return form(actor, model, List.of(), ReportForm.EMPTY, false);
    }

    @GetMapping("/tickets/disclose")
    @Requires(Permission.TICKETS_RESPOND)
    String disclosureForm(Actor actor, Model model) {
        return form(actor, model, List.of(), ReportForm.EMPTY, true);
    }

    @PostMapping("/tickets")
    @Requires(Permission.TICKETS_REPORT)
    String report(
            @RequestParam(required = false) @Nullable TicketType type,
            @RequestParam(defaultValue = "") String app,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String cvss,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String cwe,
            @RequestParam(defaultValue = "") String affectedVersions,
            Actor actor,
            Model model) {
        ReportForm form = new ReportForm(type, app, hosting, title, cvss, note, description, cwe, affectedVersions);
        return Forms.submit(
                () -> "redirect:/tickets/"
                        + details.report(
                                        new TicketRequests.Report(
                                                type,
                                                Forms.blankToNull(app),
                                                hosting,
                                                Forms.blankToNull(title),
                                                Forms.blankToNull(cvss),
                                                null,
                                                Forms.blankToNull(note)),
                                        new TicketDetails.Change(description, cwe, affectedVersions),
                                        actor)
                                .key()
                        + "?done=Reported.",
                errors -> form(actor, model, errors, form, false));
    }

    @PostMapping("/tickets/disclosures")
    @Requires(Permission.TICKETS_RESPOND)
    String disclose(
            @RequestParam(defaultValue = "") String app,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String cvss,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String cwe,
            @RequestParam(defaultValue = "") String affectedVersions,
            Actor actor,
            Model model) {
        ReportForm form =
                new ReportForm(TicketType.SECURITY, app, hosting, title, cvss, "", description, cwe, affectedVersions);
        return Forms.submit(
                () -> "redirect:/tickets/"
                        + details.disclose(
                                        new TicketDetails.Disclosure(
                                                Forms.blankToNull(app),
                                                hosting,
                                                Forms.blankToNull(title),
                                                Forms.blankToNull(cvss),
                                                null,
                                                description,
                                                cwe,
                                                affectedVersions),
                                        actor)
                                .key()
                        + "?done=Disclosed.",
                errors -> form(actor, model, errors, form, true));
    }

    private String form(Actor actor, Model model, List<String> errors, ReportForm form, boolean disclosure) {
        model.addAttribute("form", form);
        model.addAttribute("apps", appChoices.of(actor));
        model.addAttribute("actor", actor);
        model.addAttribute("types", TicketType.values());
        model.addAttribute("hostings", Hosting.values());
        model.addAttribute("errors", errors);
        model.addAttribute("disclosure", disclosure);
        return "ticket-new";
    }
}

package dev.warden.server.web;

import dev.warden.core.catalog.Partner;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.Tier;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.PartnerQuery;
import dev.warden.server.catalog.Partners;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementRequests;
import dev.warden.server.enforcement.Escalations;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.obligations.Verifications;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Partners: a searchable list, and one partner with its apps, obligations and open cases. */
@Controller
class PartnerPageController {
    private final Partners partners;
    private final Apps apps;
    private final EnforcementCases cases;
    private final Escalations escalations;
    private final BountyPrograms programs;
    private final Verifications verifications;
    private final Incidents incidents;
    private final dev.warden.server.obligations.IncidentProcesses processes;
    private final History history;
    private final Clock clock;
    private final dev.warden.server.tickets.TicketLists tickets;

    PartnerPageController(
            Partners partners,
            Apps apps,
            EnforcementCases cases,
            Escalations escalations,
            BountyPrograms programs,
            Verifications verifications,
            Incidents incidents,
            dev.warden.server.obligations.IncidentProcesses processes,
            History history,
            Clock clock,
            dev.warden.server.tickets.TicketLists tickets) {
        this.tickets = tickets;
        this.history = history;
        this.partners = partners;
        this.apps = apps;
        this.cases = cases;
        this.escalations = escalations;
        this.programs = programs;
        this.verifications = verifications;
        this.incidents = incidents;
        this.processes = processes;
        this.clock = clock;
    }

    @GetMapping("/partners")
    @Requires(Permission.CATALOG_READ)
    String list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Tier tier,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute(
                "page",
                partners.list(
                                new PartnerQuery(
                                        null, tier, null, Forms.blankToNull(q), sort.equals("id") ? "id" : "name"),
                                new Paging(Math.max(0, page), 25),
                                actor)
                        .map(Versioned::value));
        // Open cases per partner (the home page's kept counts): who is most out of compliance, at a glance.
        model.addAttribute(
                "openCases",
                actor.can(Permission.ENFORCEMENT_READ)
                        ? cases.openCases(actor).byPartner()
                        : java.util.Map.<String, Long>of());
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("tier", tier);
        model.addAttribute("q", q);
        model.addAttribute("sort", sort.equals("id") ? "id" : "name");
        return "partners";
    }

    @GetMapping("/partners/{id}")
    @Requires(Permission.CATALOG_READ)
    String partner(
            @PathVariable String id, @RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        // A refusal of a form posted from this page arrives as a flash attribute.
        Object problem = model.getAttribute("problem");
        return page(id, actor, model, done, problem == null ? List.of() : List.of(String.valueOf(problem)));
    }

    @PostMapping("/partners/{id}/verifications")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    String requestVerification(@PathVariable String id, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    verifications.request(new ObligationRequests.RequestVerification(id, null), actor);
                    return "redirect:/partners/" + id + "?done=verification";
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/partners/{id}/termination")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String proposeTermination(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String reviewBy,
            @RequestParam(required = false) java.time.@Nullable LocalDate reviewOn,
            @RequestParam(defaultValue = "") String reviewOutcome,
            @RequestParam(required = false) @Nullable Integer migrationWindowDays,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    escalations.proposeTermination(
                            new EnforcementRequests.Termination(
                                    id,
                                    Forms.blankToNull(reason),
                                    new EnforcementRequests.Termination.Review(
                                            Forms.blankToNull(reviewBy), reviewOn, Forms.blankToNull(reviewOutcome)),
                                    migrationWindowDays),
                            actor);
                    return "redirect:/partners/" + id + "?done=termination";
                },
                errors -> page(id, actor, model, null, errors));
    }

    private String page(String id, Actor actor, Model model, @Nullable String done, List<String> errors) {
        Partner partner = partners.visible(id, actor).value();
        PartnerId partnerId = partner.id();
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("p", partner);
        model.addAttribute("apps", apps.ofPartner(partnerId));
        model.addAttribute("done", Forms.said(done));
        model.addAttribute("errors", errors);
        if (actor.can(Permission.TICKETS_READ)) {
            // Its open tickets, soonest due first; the tickets list has them all.
            model.addAttribute(
                    "openTickets",
                    tickets.page(
                            new dev.warden.server.tickets.TicketQuery(
                                    partnerId, null, null, null, null, null, true, null, null, null, null, "dueAt"),
                            new Paging(0, 20),
                            null,
                            null,
                            actor));
        }
        if (actor.can(Permission.ENFORCEMENT_READ)) {
            model.addAttribute(
                    "cases",
                    cases.cases(partnerId, CaseStatus.OPEN, null, null, new Paging(0, 100), actor)
                            .items());
        }
        if (actor.can(Permission.OBLIGATIONS_READ)) {
            model.addAttribute("coverage", programs.coverage(id, actor));
            model.addAttribute(
                    "programs",
                    programs.list(partnerId, null, new Paging(0, 50), actor).items());
            model.addAttribute(
                    "verifications",
                    verifications
                            .list(partnerId, null, new Paging(0, 10), actor)
                            .items());
            model.addAttribute(
                    "changes",
                    verifications
                            .changes(partnerId, null, new Paging(0, 10), actor)
                            .items());
            model.addAttribute(
                    "incidents",
                    incidents.list(partnerId, null, new Paging(0, 10), actor).items());
            model.addAttribute("process", processes.get(id, actor));
            model.addAttribute("elements", dev.warden.core.obligations.IncidentProcess.Element.values());
        }
        model.addAttribute("canRequestVerification", actor.can(Permission.OBLIGATIONS_MANAGE));
        model.addAttribute("canRecordChange", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("canTerminate", actor.can(Permission.ENFORCEMENT_MANAGE));
        model.addAttribute("canEditPartner", actor.can(Permission.CATALOG_WRITE));
        history.addTo(model, actor, "partner", id);
        model.addAttribute("changeKinds", dev.warden.core.obligations.EntityChange.Kind.values());
        return "partner";
    }
}

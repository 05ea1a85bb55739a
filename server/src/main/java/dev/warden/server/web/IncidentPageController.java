package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.IncidentCategory;
import dev.warden.core.obligations.IncidentEvent;
import dev.warden.core.obligations.IncidentPriority;
import dev.warden.core.obligations.IncidentReview;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.enforcement.CaseReconciliation;
import dev.warden.server.enforcement.EnforcementRequests;
import dev.warden.server.enforcement.Escalations;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.obligations.ObligationRequests;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Incidents in the browser: the list, reporting one, and following it up with updates. */
@Controller
class IncidentPageController {
    private final Incidents incidents;
    private final Apps apps;
    private final History history;
    private final Escalations escalations;
    private final CaseReconciliation reconciliation;
    private final Clock clock;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    IncidentPageController(
            dev.warden.server.catalog.PartnerChoices partnerChoices,
            Incidents incidents,
            Apps apps,
            History history,
            Escalations escalations,
            CaseReconciliation reconciliation,
            Clock clock) {
        this.partnerChoices = partnerChoices;
        this.escalations = escalations;
        this.reconciliation = reconciliation;
        this.history = history;
        this.incidents = incidents;
        this.apps = apps;
        this.clock = clock;
    }

    /** An incident's states as lists filter on them. */
    private static final List<String> STATES = List.of("OPEN", "CONTAINED", "CLOSED");

    @GetMapping("/incidents")
    @Requires(Permission.OBLIGATIONS_READ)
    String list(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        PartnerId only = Forms.partnerFilter(partner, actor);
        String known = state != null && STATES.contains(state) ? state : null;
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("page", incidents.list(only, known, new Paging(Math.max(0, page), 25), actor));
        model.addAttribute("states", STATES);
        model.addAttribute("state", known);
        model.addAttribute("partner", partner);
        return "incidents";
    }

    @GetMapping("/incidents/new")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String form(Actor actor, Model model) {
        return form(actor, model, List.of());
    }

    @PostMapping("/incidents")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String report(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable List<String> apps,
            @RequestParam(required = false) @Nullable IncidentCategory category,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String awareAt,
            @RequestParam(defaultValue = "false") boolean activeExploitation,
            @RequestParam(defaultValue = "0") long customersAffected,
            @RequestParam(defaultValue = "false") boolean enterpriseCustomers,
            @RequestParam(defaultValue = "false") boolean unreported,
            @RequestParam(required = false) @Nullable IncidentPriority priority,
            Actor actor,
            Model model) {
        Instant aware;
        try {
            aware = awareAt.isBlank() ? null : LocalDateTime.parse(awareAt).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return form(actor, model, List.of("When you became aware: a date and time, in UTC"));
        }
        return Forms.submit(
                () -> "redirect:/incidents/"
                        + incidents
                                .report(
                                        new ObligationRequests.ReportIncident(
                                                Forms.blankToNull(partner),
                                                apps,
                                                category,
                                                title,
                                                aware,
                                                null,
                                                activeExploitation,
                                                customersAffected,
                                                unreported,
                                                unreported ? null : priority,
                                                enterpriseCustomers),
                                        actor)
                                .incident()
                                .id()
                        + (unreported ? "?recorded" : "?reported"),
                errors -> form(actor, model, errors));
    }

    @GetMapping("/incidents/{id}")
    @Requires(Permission.OBLIGATIONS_READ)
    String incident(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reported,
            @RequestParam(required = false) @Nullable String recorded,
            @RequestParam(required = false) @Nullable Integer paused,
            Actor actor,
            Model model) {
        String done = reported != null
                ? "Incident reported. Post updates until it is contained."
                : recorded != null
                        ? "Incident recorded. The partner's security contacts are asked to report it."
                        : paused != null
                                ? "Emergency pause proposed for " + paused
                                        + " app(s): each needs two approvers (Approvals)."
                                : null;
        return page(id, actor, model, done, List.of());
    }

    @PostMapping("/incidents/{id}/report")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String partnerReport(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable IncidentPriority priority,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    incidents.partnerReport(id, new ObligationRequests.PartnerReport(priority, null), actor);
                    return "redirect:/incidents/" + id + "?reported";
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/incidents/{id}/events")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String addEvent(
            @PathVariable String id,
            @RequestParam(required = false) IncidentEvent.@Nullable Type type,
            @RequestParam(defaultValue = "") String text,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    incidents.addEvent(
                            id,
                            new ObligationRequests.IncidentEventRequest(type, Forms.blankToNull(text), null, null),
                            actor);
                    return "redirect:/incidents/" + id;
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/incidents/{id}/emergency-pause")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String emergencyPause(
            @PathVariable String id, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    escalations.incidentPartner(id, actor).ifPresent(reconciliation::evaluate);
                    int proposed = escalations
                            .proposeEmergencyPause(
                                    new EnforcementRequests.EmergencyPause(id, Forms.blankToNull(note)), actor)
                            .size();
                    return "redirect:/incidents/" + id + "?paused=" + proposed;
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/incidents/{id}/review")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    String review(@PathVariable String id, @RequestParam Map<String, String> form, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    IncidentReview review;
                    try {
                        review = new IncidentReview(
                                form.getOrDefault("summary", ""),
                                form.getOrDefault("timeline", ""),
                                form.getOrDefault("rootCause", ""),
                                form.getOrDefault("impact", ""),
                                form.getOrDefault("customersAffected", ""),
                                form.getOrDefault("remediation", ""),
                                form.getOrDefault("prevention", ""));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException("", "every section of the review is needed: " + e.getMessage());
                    }
                    incidents.addEvent(
                            id,
                            new ObligationRequests.IncidentEventRequest(IncidentEvent.Type.REVIEW, null, null, review),
                            actor);
                    return "redirect:/incidents/" + id;
                },
                errors -> page(id, actor, model, null, errors));
    }

    private String page(String id, Actor actor, Model model, @Nullable String done, List<String> errors) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("i", incidents.get(id, actor));
        history.addTo(model, actor, "incident", id);
        model.addAttribute("done", done);
        model.addAttribute("errors", errors);
        model.addAttribute("canRespond", actor.can(Permission.OBLIGATIONS_RESPOND));
        model.addAttribute("canPause", actor.can(Permission.ENFORCEMENT_MANAGE));
        model.addAttribute("priorities", IncidentPriority.values());
        model.addAttribute(
                "types",
                List.of(
                        IncidentEvent.Type.UPDATE,
                        IncidentEvent.Type.CONTAINED,
                        IncidentEvent.Type.REMEDIATION_PLAN,
                        IncidentEvent.Type.CUSTOMERS_NOTIFIED));
        return "incident";
    }

    private String form(Actor actor, Model model, List<String> errors) {
        PartnerId partner = actor.partner();
        List<App> own = partner == null ? List.of() : apps.ofPartner(partner);
        model.addAttribute("actor", actor);
        model.addAttribute("apps", own);
        model.addAttribute("categories", IncidentCategory.values());
        model.addAttribute("priorities", IncidentPriority.values());
        model.addAttribute("errors", errors);
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "incident-new";
    }
}

package dev.warden.server.web;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.server.catalog.Apps;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementViews.CaseView;
import dev.warden.server.enforcement.EvaluationFailures;
import dev.warden.server.enforcement.OpenCases;
import dev.warden.server.obligations.BountyPrograms;
import dev.warden.server.obligations.Incidents;
import dev.warden.server.obligations.Verifications;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.SignedIn;
import dev.warden.server.tickets.OpenTickets;
import dev.warden.server.tickets.SlaMonth;
import dev.warden.server.tickets.TicketLists;
import dev.warden.server.tickets.TicketOverview;
import dev.warden.server.tickets.TicketQuery;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: for the operator, "where do we stand?" at a glance; for a partner, its apps and
 * their standing, its tickets with the time left, what to do next about each violation, its bug bounty
 * coverage, verification and incidents.
 */
@Controller
class DashboardPageController {
    private static final Logger log = LoggerFactory.getLogger(DashboardPageController.class);
    private static final Paging ONE = new Paging(0, 1);
    // Weeks of coming due dates, months of SLA attainment, and proposals listed on the operator's page.
    private static final int WEEKS = 8;
    private static final int MONTHS = 6;
    private static final int AWAITING = 5;

    private final TicketOverview overview;
    private final EnforcementCases cases;
    private final Apps apps;
    private final Incidents incidents;
    private final BountyPrograms programs;
    private final Verifications verifications;
    private final dev.warden.server.obligations.IncidentProcesses processes;
    private final EvaluationFailures evaluationFailures;
    private final Clock clock;
    private final TicketLists ticketLists;
    private final dev.warden.server.policy.Policies policies;

    private final dev.warden.server.reviews.Submissions submissions;

    DashboardPageController(
            TicketOverview overview,
            EnforcementCases cases,
            Apps apps,
            Incidents incidents,
            BountyPrograms programs,
            Verifications verifications,
            dev.warden.server.obligations.IncidentProcesses processes,
            EvaluationFailures evaluationFailures,
            Clock clock,
            dev.warden.server.policy.Policies policies,
            TicketLists ticketLists,
            dev.warden.server.reviews.Submissions submissions) {
        this.submissions = submissions;
        this.ticketLists = ticketLists;
        this.policies = policies;
        this.overview = overview;
        this.cases = cases;
        this.apps = apps;
        this.incidents = incidents;
        this.programs = programs;
        this.verifications = verifications;
        this.processes = processes;
        this.evaluationFailures = evaluationFailures;
        this.clock = clock;
    }

    /**
     * Counts the operator's figures as the server starts serving, in the background: with a million tickets
     * the first count takes seconds, and the first person to open the console after a start should not
     * wait for it. Not for a command run without the web side ({@code ./warden import}).
     */
    @EventListener(WebServerInitializedEvent.class)
    void countAhead() {
        Actor warden = Actor.system("home-page");
        Thread ahead = new Thread(
                () -> {
                    try {
                        overview.open(WEEKS, warden);
                        overview.attainment(MONTHS, warden);
                        cases.openCases(warden);
                        cases.awaiting(AWAITING, warden);
                    } catch (RuntimeException e) {
                        log.debug("counting the home page's figures ahead failed; the first visit counts them", e);
                    }
                },
                "warden-figures-ahead");
        ahead.setDaemon(true);
        ahead.start();
    }

    @GetMapping("/")
    @SignedIn
    String home(
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        model.addAttribute("done", Forms.said(done));
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("canManageUsers", actor.can(Permission.USERS_MANAGE));
        model.addAttribute("canManageClients", actor.can(Permission.CLIENTS_MANAGE));
        PartnerId partner = actor.partner();
        if (partner != null) {
            return portal(partner, actor, model);
        }
        if (actor.can(Permission.TICKETS_READ)) {
            // One pass over the open tickets gives every count on the page.
            OpenTickets open = overview.open(WEEKS, actor);
            model.addAttribute("bySeverity", open.bySeverity());
            model.addAttribute("overdue", open.overdue());
            if (actor.can(Permission.TICKETS_MANAGE)) {
                // The operator's own work queue: decisions and reviews that wait on the operator.
                Map<String, Long> waiting = new LinkedHashMap<>();
                for (TicketStatus s : List.of(TicketStatus.EXTENSION_REQUESTED, TicketStatus.NEEDS_SECURITY_REVIEW)) {
                    waiting.put(s.name(), open.inStatus(s.name()));
                }
                model.addAttribute("waitingOnUs", waiting);
            }
            // Tickets coming due in each of the next eight weeks.
            Map<String, Long> perWeek = new LinkedHashMap<>();
            for (int week = 1; week <= open.dueByWeek().size(); week++) {
                perWeek.put("week " + week, open.dueByWeek().get(week - 1));
            }
            model.addAttribute("perWeek", perWeek);
            model.addAttribute(
                    "maxPerWeek",
                    Math.max(
                            1,
                            perWeek.values().stream()
                                    .mapToLong(Long::longValue)
                                    .max()
                                    .orElse(1)));
            List<SlaMonth> sla = overview.attainment(MONTHS, actor);
            model.addAttribute("sla", sla);
            model.addAttribute("breachesThisMonth", sla.get(sla.size() - 1).breached());
            model.addAttribute("thisMonth", sla.get(sla.size() - 1).month());
            model.addAttribute("dueSoon", open.dueByWeek().get(0));
            model.addAttribute(
                    "overdueTickets",
                    ticketLists.first(
                            new TicketQuery(null, null, null, null, null, null, true, true, null, null, null, "dueAt"),
                            5,
                            actor));
        }
        if (actor.can(Permission.OBLIGATIONS_MANAGE)) {
            model.addAttribute("submissionsWaiting", submissions.waiting(actor));
            // "Assigned to me": the open security reviews this person took on.
            model.addAttribute(
                    "reviewsAssignedToMe",
                    submissions
                            .list(
                                    new dev.warden.server.reviews.Submissions.Query(null, true, null, null, "me", null),
                                    new Paging(0, 1),
                                    actor)
                            .totalItems());
        }
        if (actor.can(Permission.ENFORCEMENT_READ)) {
            model.addAttribute("evaluationFailures", evaluationFailures.list(actor));
            model.addAttribute("awaiting", cases.awaiting(AWAITING, actor));
            OpenCases open = cases.openCases(actor);
            Map<String, Long> byRule = open.byRule();
            model.addAttribute("byRule", byRule);
            model.addAttribute(
                    "maxByRule",
                    byRule.values().stream().mapToLong(Long::longValue).max().orElse(1));
            model.addAttribute("worstPartners", open.worstPartners(5));
            model.addAttribute("openCases", open.total());
        }
        if (actor.can(Permission.OBLIGATIONS_READ)) {
            model.addAttribute(
                    "openIncidents", incidents.list(null, "OPEN", ONE, actor).totalItems());
        }
        return "dashboard";
    }

    private String portal(PartnerId partner, Actor actor, Model model) {
        model.addAttribute("partner", partner.value());
        model.addAttribute("apps", apps.ofPartner(partner));
        model.addAttribute(
                "restrictions",
                actor.can(Permission.ENFORCEMENT_READ)
                        ? AppRestrictions.of(cases.actions(
                                        partner,
                                        dev.warden.core.enforcement.ActionStatus.APPLIED,
                                        null,
                                        null,
                                        new Paging(0, Paging.MAX_SIZE),
                                        actor)
                                .items())
                        : Map.of());
        model.addAttribute(
                "openTickets",
                ticketLists.first(
                        new TicketQuery(partner, null, null, null, null, null, true, null, null, null, null, "dueAt"),
                        20,
                        actor));
        // Most urgent first: by severity, then the longest-running; each with what the ladder does next.
        Formats fmt = new Formats(clock.instant());
        var policy = policies.inForce().inForceAt(clock.instant());
        model.addAttribute(
                "violations",
                cases.cases(partner, CaseStatus.OPEN, null, null, new Paging(0, 100), actor).items().stream()
                        // With the actions taken, so the ladder's outlook counts the steps already in effect.
                        .map(c -> cases.getCase(c.id(), actor))
                        .sorted(java.util.Comparator.comparingInt((CaseView c) -> severityRank(c.severity()))
                                .thenComparing(CaseView::beganAt))
                        .map(c -> {
                            String ladder = LadderOutlook.forCase(c, policy, clock.instant(), fmt);
                            return Map.<String, Object>of(
                                    "case", c, "next", Advice.next(c.rule()), "ladder", ladder == null ? "" : ladder);
                        })
                        .toList());
        if (actor.can(Permission.OBLIGATIONS_READ)) {
            model.addAttribute("coverage", programs.coverage(partner.value(), actor));
            model.addAttribute(
                    "verifications",
                    verifications.list(partner, null, new Paging(0, 3), actor).items());
            model.addAttribute(
                    "changes",
                    verifications
                            .changes(partner, null, new Paging(0, 10), actor)
                            .items());
            model.addAttribute("canRespond", actor.can(Permission.OBLIGATIONS_RESPOND));
            model.addAttribute("changeKinds", dev.warden.core.obligations.EntityChange.Kind.values());
            model.addAttribute(
                    "incidents",
                    incidents.list(partner, null, new Paging(0, 10), actor).items());
            model.addAttribute("process", processes.get(partner.value(), actor));
            model.addAttribute("elements", dev.warden.core.obligations.IncidentProcess.Element.values());
        }
        return "portal";
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "CRITICAL" -> 0;
            case "HIGH" -> 1;
            case "MEDIUM" -> 2;
            default -> 3;
        };
    }
}

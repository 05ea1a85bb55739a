package dev.warden.server.web;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.Justification;
import dev.warden.core.policy.EnforcementAction;
import dev.warden.server.enforcement.Appeals;
import dev.warden.server.enforcement.CaseReconciliation;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementRequests;
import dev.warden.server.enforcement.EnforcementViews;
import dev.warden.server.enforcement.Escalations;
import dev.warden.server.notifications.Webhooks;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Enforcement cases: the list with filters, and a case with its evidence, actions, votes and effects.
 * A partner sees its own cases and the actions taken against it, and appeals one here.
 */
@Controller
class CasePageController {
    private final EnforcementCases cases;
    private final Escalations escalations;
    private final Appeals appeals;
    private final CaseReconciliation reconciliation;
    private final History history;
    private final Policies policies;
    private final Webhooks webhooks;
    private final dev.warden.server.enforcement.CaseOutreach outreach;
    private final dev.warden.server.enforcement.TerminationReviews terminationReviews;
    private final Clock clock;

    CasePageController(
            EnforcementCases cases,
            Escalations escalations,
            Appeals appeals,
            CaseReconciliation reconciliation,
            History history,
            Policies policies,
            Webhooks webhooks,
            dev.warden.server.enforcement.CaseOutreach outreach,
            dev.warden.server.enforcement.TerminationReviews terminationReviews,
            Clock clock) {
        this.terminationReviews = terminationReviews;
        this.outreach = outreach;
        this.policies = policies;
        this.webhooks = webhooks;
        this.history = history;
        this.cases = cases;
        this.escalations = escalations;
        this.appeals = appeals;
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @GetMapping("/cases")
    @Requires(Permission.ENFORCEMENT_READ)
    String list(
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("canEvaluate", actor.can(Permission.ENFORCEMENT_MANAGE));
        PartnerId only = Forms.partnerOrNull(partner);
        Page<?> found =
                cases.cases(only, status, Forms.blankToNull(rule), null, new Paging(Math.max(0, page), 25), actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("page", found);
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("status", status);
        model.addAttribute("rule", rule);
        model.addAttribute("partner", partner);
        Map<String, @Nullable Object> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("rule", Forms.blankToNull(rule));
        filters.put("partner", only);
        model.addAttribute("export", new ExportLinks("/api/v1/enforcement/cases/export", filters));
        return "cases";
    }

    /** The evaluation the scheduler runs, now: for one partner (from its page) or every partner. */
    @PostMapping("/cases/evaluations")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String evaluate(@RequestParam(defaultValue = "") String partner, Actor actor, RedirectAttributes redirect) {
        PartnerId only = Forms.partnerOrNull(partner);
        EnforcementViews.EvaluationSummary s = reconciliation.evaluate(only);
        // A flash attribute (kept in the session for the next page), so a link cannot put words on the page.
        redirect.addFlashAttribute(
                "evaluated",
                s.violations() + " violations across " + s.partners()
                        + (s.partners() == 1 ? " partner: " : " partners: ") + s.opened() + " cases opened, "
                        + s.resolved() + " resolved, " + s.proposed() + " actions proposed."
                        + (s.failed().isEmpty()
                                ? ""
                                : " Evaluation failed for " + String.join(", ", s.failed())
                                        + " (logged; the others were evaluated)."));
        if (only != null) {
            redirect.addAttribute("partner", only.value());
        }
        return "redirect:/cases";
    }

    @GetMapping("/cases/{id}")
    @Requires(Permission.ENFORCEMENT_READ)
    String detail(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String appealed,
            @RequestParam(required = false) @Nullable String escalated,
            @RequestParam(required = false) @Nullable String lift,
            @RequestParam(required = false) @Nullable String outreach,
            Actor actor,
            Model model) {
        String done = appealed != null
                ? "Appeal filed. An approver who took no part decides it."
                : escalated != null
                        ? "Proposed ahead of the ladder: it waits for its approvers."
                        : lift != null
                                ? "Lift proposed: it waits for an approver."
                                : outreach != null ? "Outreach recorded: approvers see it on each proposal." : null;
        return page(id, actor, model, done, List.of());
    }

    @PostMapping("/cases/{id}/actions/{action}/appeal")
    @Requires(Permission.APPEALS_FILE)
    String appeal(
            @PathVariable long id,
            @PathVariable long action,
            @RequestParam(defaultValue = "") String grounds,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    appeals.appeal(action, grounds, actor);
                    return "redirect:/cases/" + id + "?appealed";
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/cases/{id}/escalations")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String escalate(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable EnforcementAction action,
            @RequestParam(required = false) @Nullable Justification justification,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    escalations.escalate(
                            id,
                            new EnforcementRequests.Escalation(action, justification, Forms.blankToNull(note)),
                            actor);
                    return "redirect:/cases/" + id + "?escalated";
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/cases/{id}/outreach")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String outreach(
            @PathVariable long id,
            @RequestParam(required = false) dev.warden.server.enforcement.CaseOutreach.@Nullable Channel channel,
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String summary,
            @RequestParam(defaultValue = "") String answer,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    outreach.record(
                            id,
                            new dev.warden.server.enforcement.CaseOutreach.Outreach(
                                    channel,
                                    null,
                                    Forms.blankToNull(reference),
                                    Forms.blankToNull(summary),
                                    Forms.blankToNull(answer),
                                    null),
                            actor);
                    return "redirect:/cases/" + id + "?outreach";
                },
                errors -> page(id, actor, model, null, errors));
    }

    @PostMapping("/cases/{id}/lift")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String lift(@PathVariable long id, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    escalations.proposeLift(id, Forms.blankToNull(note), actor);
                    return "redirect:/cases/" + id + "?lift";
                },
                errors -> page(id, actor, model, null, errors));
    }

    private String page(long id, Actor actor, Model model, @Nullable String done, List<String> errors) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        EnforcementViews.CaseView c = cases.getCase(id, actor);
        model.addAttribute("c", c);
        model.addAttribute("outreach", outreach.of(id, actor));
        model.addAttribute("termination", terminationReviews.of(id, actor).orElse(null));
        model.addAttribute("channels", dev.warden.server.enforcement.CaseOutreach.Channel.values());
        List<String> subjects = new java.util.ArrayList<>(List.of("case", String.valueOf(id)));
        if (c.actions() != null) {
            c.actions().forEach(a -> subjects.addAll(List.of("action", String.valueOf(a.id()))));
        }
        history.addTo(model, actor, subjects.toArray(String[]::new));
        // Where each action's effect (and lift) stands on the storefront, for actions sent there.
        java.util.Map<Long, List<Webhooks.StorefrontDelivery>> onStorefront = new java.util.HashMap<>();
        if (c.actions() != null) {
            for (EnforcementViews.ActionView a : c.actions()) {
                List<Webhooks.StorefrontDelivery> sent = new java.util.ArrayList<>(webhooks.storefront(a.id(), false));
                sent.addAll(webhooks.storefront(a.id(), true));
                if (!sent.isEmpty()) {
                    onStorefront.put(a.id(), sent);
                }
            }
        }
        model.addAttribute("onStorefront", onStorefront);
        model.addAttribute("now", clock.instant());
        model.addAttribute("canAppeal", actor.can(Permission.APPEALS_FILE) && actor.isPartner());
        boolean manage = actor.can(Permission.ENFORCEMENT_MANAGE);
        model.addAttribute("canEscalate", manage && c.status() == CaseStatus.OPEN);
        model.addAttribute("canLift", manage && c.status() == CaseStatus.RESOLVED);
        model.addAttribute("canOutreach", manage && c.status() != CaseStatus.CLOSED);
        model.addAttribute(
                "skippable",
                policies.inForce().inForceAt(clock.instant()).enforcement().skippableFor().stream()
                        .sorted()
                        .toList());
        model.addAttribute("justifications", Justification.values());
        model.addAttribute("next", Advice.next(c.rule()));
        model.addAttribute(
                "ladderNext",
                LadderOutlook.forCase(
                        c,
                        policies.inForce().inForceAt(clock.instant()),
                        clock.instant(),
                        new Formats(clock.instant())));
        model.addAttribute("done", done);
        model.addAttribute("errors", errors);
        return "case";
    }
}

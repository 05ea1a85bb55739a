package dev.warden.server.web;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.server.enforcement.Appeals;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementDecisions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The approval queue: every proposed action with its reason and the votes so far (the second approver
 * sees who approved first), and the forms to approve or reject.
 */
@Controller
class ApprovalPageController {
    private final EnforcementCases cases;
    private final EnforcementDecisions decisions;
    private final Appeals appeals;
    private final Clock clock;

    private final dev.warden.server.policy.Policies policies;
    private final dev.warden.server.enforcement.CaseOutreach outreach;

    ApprovalPageController(
            EnforcementCases cases,
            EnforcementDecisions decisions,
            Appeals appeals,
            Clock clock,
            dev.warden.server.policy.Policies policies,
            dev.warden.server.enforcement.CaseOutreach outreach) {
        this.outreach = outreach;
        this.policies = policies;
        this.cases = cases;
        this.decisions = decisions;
        this.appeals = appeals;
        this.clock = clock;
    }

    @GetMapping("/approvals")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String queue(@RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        return page(actor, model, done, List.of());
    }

    @PostMapping("/approvals/{id}/approve")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String comment, Actor actor, Model model) {
        return Forms.submit(
                () -> "redirect:/approvals?done="
                        + (decisions
                                                .approve(id, Forms.blankToNull(comment), actor)
                                                .status()
                                        == ActionStatus.APPLIED
                                ? "applied"
                                : "approved"),
                errors -> page(actor, model, null, errors));
    }

    @PostMapping("/approvals/{id}/reject")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String reject(@PathVariable long id, @RequestParam(defaultValue = "") String comment, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    decisions.reject(id, Forms.blankToNull(comment), actor);
                    return "redirect:/approvals?done=rejected";
                },
                errors -> page(actor, model, null, errors));
    }

    @PostMapping("/appeals/{id}/{decision}")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String decideAppeal(
            @PathVariable long id,
            @PathVariable String decision,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            Model model) {
        return Forms.submit(
                () -> {
                    String text = Forms.blankToNull(note);
                    if (decision.equals("uphold")) {
                        appeals.upholdAppeal(id, text, actor);
                    } else if (decision.equals("deny")) {
                        appeals.denyAppeal(id, text, actor);
                    } else {
                        throw new dev.warden.server.shared.NotFoundException("No such decision '" + decision + "'");
                    }
                    return "redirect:/approvals?done=appeal";
                },
                errors -> page(actor, model, null, errors));
    }

    private String page(Actor actor, Model model, @Nullable String done, List<String> errors) {
        java.time.Instant now = clock.instant();
        Formats fmt = new Formats(now);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", fmt);
        var proposals = cases.actions(null, ActionStatus.PROPOSED, new Paging(0, Paging.MAX_SIZE), actor)
                .items();
        model.addAttribute("proposals", proposals);
        model.addAttribute(
                "outreach",
                outreach.ofCases(proposals.stream().map(a -> a.caseId()).collect(java.util.stream.Collectors.toSet())));
        var policy = policies.inForce().inForceAt(now);
        java.util.Map<Long, String> consequences = new java.util.HashMap<>();
        for (var a : proposals) {
            String c = LadderOutlook.afterApproval(a, policy, now, fmt);
            if (c != null) {
                consequences.put(a.id(), c);
            }
        }
        model.addAttribute("consequences", consequences);
        // A person who has voted sees that the proposal waits for someone else, not a form that would refuse.
        model.addAttribute(
                "votedOn",
                proposals.stream()
                        .filter(a -> a.votes() != null
                                && a.votes().stream().anyMatch(v -> v.voter().equals(actor.id())))
                        .map(a -> a.id())
                        .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute(
                "done",
                done == null
                        ? null
                        : switch (done) {
                            case "applied" -> "Approved: the action is applied.";
                            case "approved" -> "Approved: it still needs another approver.";
                            case "rejected" -> "Rejected.";
                            case "appeal" -> "Appeal decided.";
                            default -> null;
                        });
        model.addAttribute("errors", errors);
        model.addAttribute(
                "appeals",
                cases.appeals(null, AppealStatus.OPEN, new Paging(0, Paging.MAX_SIZE), actor)
                        .items());
        return "approvals";
    }
}

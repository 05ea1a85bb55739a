package dev.warden.server.web;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.server.catalog.PartnerChoices;
import dev.warden.server.enforcement.Appeals;
import dev.warden.server.enforcement.EnforcementCases;
import dev.warden.server.enforcement.EnforcementDecisions;
import dev.warden.server.enforcement.ProposalQueue;
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
    private final ProposalQueue proposalQueue;
    private final PartnerChoices partnerChoices;

    ApprovalPageController(
            EnforcementCases cases,
            EnforcementDecisions decisions,
            Appeals appeals,
            Clock clock,
            dev.warden.server.policy.Policies policies,
            dev.warden.server.enforcement.CaseOutreach outreach,
            ProposalQueue proposalQueue,
            PartnerChoices partnerChoices) {
        this.proposalQueue = proposalQueue;
        this.partnerChoices = partnerChoices;
        this.outreach = outreach;
        this.policies = policies;
        this.cases = cases;
        this.decisions = decisions;
        this.appeals = appeals;
        this.clock = clock;
    }

    @GetMapping("/approvals")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String queue(
            @RequestParam(required = false) @Nullable String done,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "0") int page,
            Actor actor,
            Model model) {
        model.addAttribute("filter", ApprovalQueue.Filter.of(action, rule, partner, sort));
        model.addAttribute("pageNumber", page);
        return page(actor, model, done, List.of());
    }

    /**
     * Approves the ticked warnings together, each as its own decision (audited and applied one by one):
     * only warnings, which change nothing in the marketplace. Those that cannot be approved are named.
     */
    @PostMapping("/approvals/warnings")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String approveWarnings(
            @RequestParam(name = "ids", required = false) @Nullable List<Long> ids,
            @RequestParam(defaultValue = "") String comment,
            ApprovalQueue.Shown shown,
            Actor actor,
            Model model) {
        shown.into(model);
        if (ids == null || ids.isEmpty()) {
            return page(actor, model, null, List.of("Tick the warnings to approve first."));
        }
        if (ids.size() > Paging.MAX_SIZE) {
            return page(actor, model, null, List.of("At most " + Paging.MAX_SIZE + " warnings at a time."));
        }
        List<String> errors = new java.util.ArrayList<>();
        int approved = 0;
        for (long id : ids) {
            String outcome = Forms.submit(
                    () -> {
                        dev.warden.server.enforcement.EnforcementViews.ActionView a;
                        try {
                            a = cases.getAction(id, actor);
                        } catch (dev.warden.server.shared.NotFoundException e) {
                            return "#" + id + ": no such action.";
                        }
                        if (!ApprovalQueue.bulk(a.action()) || a.status() != ActionStatus.PROPOSED) {
                            return "#" + id + " is a " + a.action() + " (" + a.status()
                                    + "): only proposed warnings are approved together; decide it on its own card.";
                        }
                        decisions.approve(id, Forms.blankToNull(comment), actor);
                        return "";
                    },
                    refused -> "#" + id + ": " + String.join("; ", refused));
            if (outcome.isEmpty()) {
                approved++;
            } else {
                errors.add(outcome);
            }
        }
        if (errors.isEmpty()) {
            return shown.redirect("warnings-" + approved);
        }
        model.addAttribute("done", approved == 0 ? null : approved + " warning(s) approved; the others were not:");
        return page(actor, model, null, errors);
    }

    @PostMapping("/approvals/{id}/approve")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String approve(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String comment,
            ApprovalQueue.Shown shown,
            Actor actor,
            Model model) {
        shown.into(model);
        return Forms.submit(
                () -> shown.redirect(
                        decisions.approve(id, Forms.blankToNull(comment), actor).status() == ActionStatus.APPLIED
                                ? "applied"
                                : "approved"),
                errors -> page(actor, model, null, errors));
    }

    @PostMapping("/approvals/{id}/reject")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String reject(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String comment,
            ApprovalQueue.Shown shown,
            Actor actor,
            Model model) {
        shown.into(model);
        return Forms.submit(
                () -> {
                    decisions.reject(id, Forms.blankToNull(comment), actor);
                    return shown.redirect("rejected");
                },
                errors -> page(actor, model, null, errors));
    }

    @PostMapping("/appeals/{id}/{decision}")
    @Requires(Permission.ENFORCEMENT_DECIDE)
    String decideAppeal(
            @PathVariable long id,
            @PathVariable String decision,
            @RequestParam(defaultValue = "") String note,
            ApprovalQueue.Shown shown,
            Actor actor,
            Model model) {
        shown.into(model);
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
                    return shown.redirect("appeal");
                },
                errors -> page(actor, model, null, errors));
    }

    private String page(Actor actor, Model model, @Nullable String done, List<String> errors) {
        java.time.Instant now = clock.instant();
        Formats fmt = new Formats(now);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", fmt);
        if (!model.containsAttribute("filter")) {
            model.addAttribute("filter", ApprovalQueue.Filter.of(null, null, null, null));
        }
        ApprovalQueue.Filter filter =
                (ApprovalQueue.Filter) java.util.Objects.requireNonNull(model.getAttribute("filter"));
        Object number = model.getAttribute("pageNumber");
        Paging paging = new Paging(number instanceof Integer n ? n : 0, Paging.DEFAULT_SIZE);
        List<String> shownErrors = new java.util.ArrayList<>(errors);
        ProposalQueue.Query query = filter.query();
        if (query == null) {
            shownErrors.add(
                    "Partner: '" + filter.partner()
                            + "' is not a partner id (lowercase letters, digits and dashes); the queue is shown for every partner.");
            filter = ApprovalQueue.Filter.of(filter.action(), filter.rule(), null, filter.sort());
            model.addAttribute("filter", filter);
            query = java.util.Objects.requireNonNull(filter.query());
        }
        ApprovalQueue queue = ApprovalQueue.of(proposalQueue.read(query, paging, actor));
        model.addAttribute("queue", queue);
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        var proposals = queue.page().items();
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
        // A partly refused bulk approval has already said what it did.
        if (done != null || !model.containsAttribute("done")) {
            model.addAttribute("done", said(done));
        }
        model.addAttribute("errors", shownErrors);
        model.addAttribute(
                "appeals",
                cases.appeals(null, AppealStatus.OPEN, new Paging(0, Paging.MAX_SIZE), actor)
                        .items());
        return "approvals";
    }

    /** The message for a decision just made ({@code done} from the redirect), or none for anything else. */
    private static @Nullable String said(@Nullable String done) {
        if (done == null) {
            return null;
        }
        if (done.matches("warnings-[0-9]{1,3}")) {
            return "Approved " + done.substring("warnings-".length())
                    + " warning(s): each partner is told and its window to fix begins.";
        }
        return switch (done) {
            case "applied" -> "Approved: the action is applied.";
            case "approved" -> "Approved: it still needs another approver.";
            case "rejected" -> "Rejected.";
            case "appeal" -> "Appeal decided.";
            default -> null;
        };
    }
}

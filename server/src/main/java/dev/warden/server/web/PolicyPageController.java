package dev.warden.server.web;

import dev.warden.core.policy.PolicyVersion;
import dev.warden.server.evaluation.DraftImpacts;
import dev.warden.server.policy.Policies;
import dev.warden.server.policy.StoredPolicy;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
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
 * The policy in force, its tables in plain language with the operator-set numbers marked; the versions
 * and drafts; and for a draft, what it would change on today's data before anyone publishes it.
 */
@Controller
class PolicyPageController {
    private final Policies policies;
    private final DraftImpacts impacts;
    private final Clock clock;

    PolicyPageController(Policies policies, DraftImpacts impacts, Clock clock) {
        this.policies = policies;
        this.impacts = impacts;
        this.clock = clock;
    }

    @GetMapping("/policy")
    @Requires(Permission.POLICY_READ)
    String policy(@RequestParam(required = false) @Nullable String published, Actor actor, Model model) {
        PolicyVersion v = policies.inForce().inForceAt(clock.instant());
        model.addAttribute("actor", actor);
        model.addAttribute("v", v);
        model.addAttribute("severities", dev.warden.core.cvss.Severity.values());
        model.addAttribute("hostings", dev.warden.core.catalog.Hosting.values());
        model.addAttribute("ladders", new java.util.TreeMap<>(v.enforcement().ladders()));
        model.addAttribute("approvals", new java.util.TreeMap<>(v.enforcement().approvals()));
        model.addAttribute("versions", policies.list(actor.can(Permission.POLICY_MANAGE)));
        model.addAttribute("done", published != null ? "Published: it takes effect on its effective date." : null);
        return "policy";
    }

    @GetMapping("/policy/drafts/{id}")
    @Requires(Permission.EVALUATIONS_RUN)
    String draft(@PathVariable String id, Actor actor, Model model) {
        return draftPage(id, actor, model, List.of());
    }

    @PostMapping("/policy/drafts/{id}/publish")
    @Requires(Permission.POLICY_MANAGE)
    String publish(@PathVariable String id, Actor actor, Model model) {
        return Forms.submit(
                () -> {
                    policies.publish(id, actor);
                    return "redirect:/policy?published";
                },
                errors -> draftPage(id, actor, model, errors));
    }

    private String draftPage(String id, Actor actor, Model model, List<String> errors) {
        StoredPolicy draft = policies.find(id)
                .filter(p -> p.status() == StoredPolicy.Status.DRAFT)
                .orElseThrow(() -> new NotFoundException("No draft '" + id + "'"));
        model.addAttribute("actor", actor);
        model.addAttribute("draft", draft);
        model.addAttribute("impact", impacts.impact(id, clock.instant(), actor));
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("canPublish", actor.can(Permission.POLICY_MANAGE));
        model.addAttribute("errors", errors);
        return "policy-draft";
    }
}

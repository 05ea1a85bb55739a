package dev.warden.server.web;

import dev.warden.core.policy.PolicyVersion;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The policy version in force, its tables in plain language, with the operator-set numbers marked. */
@Controller
class PolicyPageController {
    private final Policies policies;
    private final Clock clock;

    PolicyPageController(Policies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping("/policy")
    @Requires(Permission.POLICY_READ)
    String policy(Actor actor, Model model) {
        PolicyVersion v = policies.inForce().inForceAt(clock.instant());
        model.addAttribute("actor", actor);
        model.addAttribute("v", v);
        model.addAttribute("severities", dev.warden.core.cvss.Severity.values());
        model.addAttribute("hostings", dev.warden.core.catalog.Hosting.values());
        model.addAttribute("ladders", new java.util.TreeMap<>(v.enforcement().ladders()));
        model.addAttribute("approvals", new java.util.TreeMap<>(v.enforcement().approvals()));
        return "policy";
    }
}

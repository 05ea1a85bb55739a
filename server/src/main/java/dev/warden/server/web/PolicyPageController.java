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
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    String policy(
            @RequestParam(required = false) @Nullable String published,
            @RequestParam(required = false) @Nullable String deleted,
            Actor actor,
            Model model) {
        PolicyVersion v = policies.inForce().inForceAt(clock.instant());
        model.addAttribute("actor", actor);
        model.addAttribute("v", v);
        model.addAttribute("severities", dev.warden.core.cvss.Severity.values());
        model.addAttribute("hostings", dev.warden.core.catalog.Hosting.values());
        model.addAttribute("ladders", new java.util.TreeMap<>(v.enforcement().ladders()));
        model.addAttribute("approvals", new java.util.TreeMap<>(v.enforcement().approvals()));
        model.addAttribute("versions", policies.list(actor.can(Permission.POLICY_MANAGE)));
        model.addAttribute(
                "done",
                published != null
                        ? "Published: it takes effect on its effective date."
                        : deleted != null ? "Draft deleted." : null);
        model.addAttribute("canManage", actor.can(Permission.POLICY_MANAGE));
        return "policy";
    }

    @GetMapping("/policy/drafts/{id}")
    @Requires(Permission.EVALUATIONS_RUN)
    String draft(
            @PathVariable String id, @RequestParam(required = false) @Nullable String saved, Actor actor, Model model) {
        model.addAttribute("done", saved != null ? "Draft saved. Here is what it would change." : null);
        return draftPage(id, actor, model, List.of());
    }

    @GetMapping("/policy/drafts/new")
    @Requires(Permission.POLICY_MANAGE)
    String newDraft(@RequestParam(required = false) @Nullable String from, Actor actor, Model model) {
        StoredPolicy base = from == null
                ? policies.get(policies.inForce().inForceAt(clock.instant()).id())
                : policies.find(from).orElseThrow(() -> new NotFoundException("No policy version '" + from + "'"));
        // A new version needs a new id: suggest one, keeping everything else of the version it starts from.
        String suggested = "draft-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String document = base.document()
                .replaceFirst("(?m)^id:.*$", java.util.regex.Matcher.quoteReplacement("id: \"" + suggested + "\""));
        return editor(null, base.id(), document, actor, model, List.of());
    }

    @PostMapping("/policy/drafts")
    @Requires(Permission.POLICY_MANAGE)
    String createDraft(@RequestParam(defaultValue = "") String document, Actor actor, Model model) {
        return Forms.submit(
                () -> "redirect:/policy/drafts/"
                        + policies.createDraft(document, actor).id() + "?saved",
                errors -> editor(null, null, document, actor, model, errors));
    }

    @GetMapping("/policy/drafts/{id}/edit")
    @Requires(Permission.POLICY_MANAGE)
    String editDraft(@PathVariable String id, Actor actor, Model model) {
        return editor(id, null, draftOf(id).document(), actor, model, List.of());
    }

    @PostMapping("/policy/drafts/{id}")
    @Requires(Permission.POLICY_MANAGE)
    String saveDraft(
            @PathVariable String id, @RequestParam(defaultValue = "") String document, Actor actor, Model model) {
        return Forms.submit(
                () -> "redirect:/policy/drafts/"
                        + policies.replaceDraft(id, document, actor).id() + "?saved",
                errors -> editor(id, null, document, actor, model, errors));
    }

    @PostMapping("/policy/drafts/{id}/delete")
    @Requires(Permission.POLICY_MANAGE)
    String deleteDraft(@PathVariable String id, Actor actor) {
        draftOf(id);
        policies.deleteDraft(id, actor);
        return "redirect:/policy?deleted";
    }

    /** The editor: a new draft (id null, starting from version {@code base}) or an existing one. */
    private String editor(
            @Nullable String id,
            @Nullable String base,
            String document,
            Actor actor,
            Model model,
            List<String> errors) {
        model.addAttribute("actor", actor);
        model.addAttribute("id", id);
        model.addAttribute("pageTitle", id == null ? "Write a new policy version" : "Edit draft " + id);
        model.addAttribute("base", base);
        model.addAttribute("document", document);
        model.addAttribute("maxChars", Policies.MAX_DOCUMENT_CHARS);
        model.addAttribute("errors", errors);
        return "policy-edit";
    }

    private StoredPolicy draftOf(String id) {
        return policies.find(id)
                .filter(p -> p.status() == StoredPolicy.Status.DRAFT)
                .orElseThrow(() -> new NotFoundException("No draft '" + id + "'"));
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
        StoredPolicy draft = draftOf(id);
        model.addAttribute("actor", actor);
        model.addAttribute("draft", draft);
        model.addAttribute("canEdit", actor.can(Permission.POLICY_MANAGE));
        model.addAttribute("impact", impacts.impact(id, clock.instant(), actor));
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("canPublish", actor.can(Permission.POLICY_MANAGE));
        model.addAttribute("errors", errors);
        return "policy-draft";
    }
}

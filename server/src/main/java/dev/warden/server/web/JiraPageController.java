package dev.warden.server.web;

import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.server.jira.JiraConnections;
import dev.warden.server.jira.JiraPoll;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Jira connection in the console (administrators): its settings and mappings, a connection test,
 * a new webhook secret (shown once), a poll on demand, and its status — last push and poll, the last
 * error, the pushes waiting in the outbox.
 */
@Controller
class JiraPageController {
    private final JiraConnections connections;
    private final JiraPoll poll;
    private final Clock clock;

    JiraPageController(JiraConnections connections, JiraPoll poll, Clock clock) {
        this.connections = connections;
        this.poll = poll;
        this.clock = clock;
    }

    @GetMapping("/integrations/jira")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String show(@RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        return page(actor, model, Forms.said(done), List.of(), null);
    }

    @PostMapping("/integrations/jira")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String save(@RequestParam Map<String, String> form, Actor actor, Model model, RedirectAttributes redirect) {
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> priorities = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("status.")) {
                statuses.put(k.substring(7), v);
            } else if (k.startsWith("priority.")) {
                priorities.put(k.substring(9), v);
            }
        });
        JiraConnections.Input input = new JiraConnections.Input(
                Forms.blankToNull(form.get("siteUrl")),
                Forms.blankToNull(form.get("email")),
                Forms.blankToNull(form.get("apiToken")),
                Forms.blankToNull(form.get("projectKey")),
                Forms.blankToNull(form.get("issueType")),
                statuses,
                priorities,
                "true".equals(form.get("enabled")));
        return Forms.submit(
                () -> {
                    JiraConnections.Saved saved = connections.save(input, actor);
                    // A flash attribute: the secret is on the next page once, and in no URL.
                    if (saved.webhookSecret() != null) {
                        redirect.addFlashAttribute("secret", saved.webhookSecret());
                    }
                    return "redirect:/integrations/jira?done=jira-saved";
                },
                errors -> page(actor, model, null, errors, input));
    }

    @PostMapping("/integrations/jira/test")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String test(Actor actor, Model model) {
        model.addAttribute("test", connections.test(actor));
        return page(actor, model, null, List.of(), null);
    }

    @PostMapping("/integrations/jira/poll")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String pollNow(Actor actor, Model model) {
        model.addAttribute("polled", poll.poll());
        return page(actor, model, null, List.of(), null);
    }

    @PostMapping("/integrations/jira/webhook-secret")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String rotate(Actor actor, RedirectAttributes redirect) {
        redirect.addFlashAttribute("secret", connections.rotateWebhookSecret(actor));
        return "redirect:/integrations/jira?done=jira-secret";
    }

    private String page(
            Actor actor,
            Model model,
            @Nullable String done,
            List<String> errors,
            JiraConnections.@Nullable Input input) {
        JiraConnections.Status status;
        try {
            status = connections.status();
        } catch (NotFoundException none) {
            status = null;
        }
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("done", done);
        model.addAttribute("errors", errors);
        model.addAttribute("status", status);
        model.addAttribute("ticketStatuses", TicketStatus.values());
        model.addAttribute("severities", Severity.values());
        JiraConnections.Settings s = status == null ? JiraConnections.defaults() : status.settings();
        model.addAttribute(
                "form",
                input == null
                        ? new JiraConnections.Input(
                                s.siteUrl(),
                                s.email(),
                                null,
                                s.projectKey(),
                                s.issueType(),
                                s.statuses(),
                                s.priorities(),
                                s.enabled())
                        : input);
        return "jira";
    }
}

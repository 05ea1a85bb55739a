package dev.warden.server.web;

import dev.warden.server.bugcrowd.BugcrowdConnections;
import dev.warden.server.bugcrowd.BugcrowdLinks;
import dev.warden.server.bugcrowd.BugcrowdPull;
import dev.warden.server.bugcrowd.BugcrowdWebhook;
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
 * The Bugcrowd connection in the console (administrators): its settings, a connection test, a pull on
 * demand, the linked programs with their targets, what the pulls found in each (tickets, submissions
 * waiting and why, the program's measured health), and the last error.
 */
@Controller
class BugcrowdPageController {
    private static final int WAITING_SHOWN = 20;
    private final BugcrowdConnections connections;
    private final BugcrowdLinks links;
    private final BugcrowdPull pull;
    private final BugcrowdWebhook webhook;
    private final Clock clock;

    BugcrowdPageController(
            BugcrowdConnections connections,
            BugcrowdLinks links,
            BugcrowdPull pull,
            BugcrowdWebhook webhook,
            Clock clock) {
        this.connections = connections;
        this.links = links;
        this.pull = pull;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** The form's values, shown again when refused (never the token). */
    record Form(String apiUrl, String apiVersion, boolean enabled) {}

    /** The link form's values: the program code, the Warden program, targets one per line. */
    record LinkForm(String code, String programId, String targets) {}

    @GetMapping("/integrations/bugcrowd")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String show(@RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        return page(actor, model, Forms.said(done), List.of(), null, null);
    }

    @PostMapping("/integrations/bugcrowd")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String save(@RequestParam Map<String, String> form, Actor actor, Model model) {
        BugcrowdConnections.Input input = new BugcrowdConnections.Input(
                Forms.blankToNull(form.get("apiUrl")),
                Forms.blankToNull(form.get("apiToken")),
                Forms.blankToNull(form.get("apiVersion")),
                "true".equals(form.get("enabled")));
        Form shown = new Form(
                form.getOrDefault("apiUrl", ""),
                form.getOrDefault("apiVersion", ""),
                "true".equals(form.get("enabled")));
        return Forms.submit(
                () -> {
                    connections.save(input, actor);
                    return "redirect:/integrations/bugcrowd?done=bugcrowd-saved";
                },
                errors -> page(actor, model, null, errors, shown, null));
    }

    @PostMapping("/integrations/bugcrowd/programs")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String link(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String programId,
            @RequestParam(defaultValue = "") String targets,
            Actor actor,
            Model model) {
        LinkForm shown = new LinkForm(code, programId, targets);
        return Forms.submit(
                () -> {
                    links.link(code.strip(), new BugcrowdLinks.ProgramInput(programId, parseTargets(targets)), actor);
                    return "redirect:/integrations/bugcrowd?done=bugcrowd-linked";
                },
                errors -> page(actor, model, null, errors, null, shown));
    }

    @PostMapping("/integrations/bugcrowd/programs/unlink")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String unlink(@RequestParam String code, Actor actor) {
        links.unlink(code, actor);
        return "redirect:/integrations/bugcrowd?done=bugcrowd-unlinked";
    }

    @PostMapping("/integrations/bugcrowd/webhook-url")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String webhookUrl(Actor actor, RedirectAttributes redirect) {
        // A flash attribute: the address is on the next page once, and in no URL of this console.
        redirect.addFlashAttribute("webhookUrl", webhook.newUrl(actor));
        return "redirect:/integrations/bugcrowd?done=bugcrowd-webhook";
    }

    @PostMapping("/integrations/bugcrowd/webhook-secret")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String webhookSecret(@RequestParam(defaultValue = "") String secret, Actor actor, Model model) {
        if (secret.isBlank()) {
            return page(actor, model, null, List.of("Webhook secret: paste the secret Bugcrowd shows"), null, null);
        }
        return Forms.submit(
                () -> {
                    webhook.secret(secret, actor);
                    return "redirect:/integrations/bugcrowd?done=bugcrowd-digest-on";
                },
                errors -> page(actor, model, null, errors, null, null));
    }

    @PostMapping("/integrations/bugcrowd/webhook-secret/remove")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String noWebhookSecret(Actor actor) {
        webhook.secret(null, actor);
        return "redirect:/integrations/bugcrowd?done=bugcrowd-digest-off";
    }

    @PostMapping("/integrations/bugcrowd/test")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String test(Actor actor, Model model) {
        model.addAttribute("test", connections.test(actor));
        return page(actor, model, null, List.of(), null, null);
    }

    @PostMapping("/integrations/bugcrowd/pull")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    String pullNow(Actor actor, Model model) {
        model.addAttribute("pulled", pull.pull());
        return page(actor, model, null, List.of(), null, null);
    }

    /** Lines of {@code target name = app-key/CLOUD}; a line without "=" maps nothing and is reported. */
    static Map<String, String> parseTargets(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            out.put(
                    eq < 0 ? line.strip() : line.substring(0, eq).strip(),
                    eq < 0 ? "" : line.substring(eq + 1).strip());
        }
        return out;
    }

    private String page(
            Actor actor,
            Model model,
            @Nullable String done,
            List<String> errors,
            @Nullable Form form,
            @Nullable LinkForm linkForm) {
        BugcrowdConnections.Status status;
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
        Map<String, List<BugcrowdConnections.SubmissionView>> waiting = new LinkedHashMap<>();
        if (status != null) {
            status.programs()
                    .forEach(p -> waiting.put(p.code(), connections.submissions(p.code(), true, WAITING_SHOWN)));
        }
        model.addAttribute("waiting", waiting);
        model.addAttribute(
                "form",
                form != null
                        ? form
                        : status == null
                                ? new Form(BugcrowdConnections.DEFAULT_URL, BugcrowdConnections.DEFAULT_VERSION, true)
                                : new Form(
                                        status.settings().apiUrl(),
                                        status.settings().apiVersion(),
                                        status.settings().enabled()));
        model.addAttribute("linkForm", linkForm != null ? linkForm : new LinkForm("", "", ""));
        return "bugcrowd";
    }
}

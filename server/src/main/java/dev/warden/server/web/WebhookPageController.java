package dev.warden.server.web;

import dev.warden.server.notifications.Outbox;
import dev.warden.server.notifications.Webhooks;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook endpoints in the console and the portal: the list, adding one (its secret shown once), and an
 * endpoint's page with its deliveries and attempts, a test event, a secret rotation, disabling and
 * deleting it. A partner manages its own endpoints; an administrator all, and the storefront.
 */
@Controller
class WebhookPageController {
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final Clock clock;

    private final dev.warden.server.catalog.PartnerChoices partnerChoices;

    WebhookPageController(
            dev.warden.server.catalog.PartnerChoices partnerChoices, Webhooks webhooks, Outbox outbox, Clock clock) {
        this.partnerChoices = partnerChoices;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping("/webhooks")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String list(@RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        model.addAttribute("done", Forms.said(done));
        return listPage(actor, model, List.of(), null);
    }

    private String listPage(Actor actor, Model model, List<String> errors, Webhooks.@Nullable Input input) {
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("endpoints", webhooks.list(actor));
        model.addAttribute("eventTypes", Webhooks.EVENT_TYPES);
        model.addAttribute("errors", errors);
        model.addAttribute("input", input == null ? new Webhooks.Input(null, "", "", List.of(), false, true) : input);
        model.addAttribute("partnerChoices", partnerChoices.of(actor));
        return "webhooks";
    }

    @PostMapping("/webhooks")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String create(
            @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(required = false) @Nullable List<String> events,
            @RequestParam(defaultValue = "false") boolean storefront,
            @RequestParam(defaultValue = "") String partner,
            Actor actor,
            Model model,
            RedirectAttributes redirect) {
        Webhooks.Input input = new Webhooks.Input(
                Forms.blankToNull(partner), url, description, events == null ? List.of() : events, storefront, true);
        return Forms.submit(
                () -> {
                    Webhooks.WithSecret made = webhooks.create(input, actor);
                    // A flash attribute: the secret is on the next page once, and in no URL.
                    redirect.addFlashAttribute("secret", made.secret());
                    return "redirect:/webhooks/" + made.endpoint().id();
                },
                errors -> listPage(actor, model, errors, input));
    }

    @GetMapping("/webhooks/{id}")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String detail(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable Long message,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        Webhooks.Endpoint endpoint = webhooks.get(id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("e", endpoint);
        model.addAttribute("page", outbox.toRecipient("webhook:" + id, new Paging(Math.max(0, page), 25)));
        Outbox.Detail shown = null;
        if (message != null) {
            Outbox.Detail d = outbox.detail(message);
            shown = d.message().recipient().equals("webhook:" + id) ? d : null;
        }
        model.addAttribute("shown", shown);
        model.addAttribute("done", Forms.said(done));
        return "webhook";
    }

    @PostMapping("/webhooks/{id}/test")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String test(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
        return Forms.back("/webhooks/" + id, redirect, "webhook-test", () -> webhooks.test(id, actor));
    }

    @PostMapping("/webhooks/{id}/rotate")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String rotate(
            @PathVariable long id,
            @RequestParam(defaultValue = "24") int overlapHours,
            Actor actor,
            RedirectAttributes redirect) {
        return Forms.back(
                "/webhooks/" + id,
                redirect,
                "webhook-rotated",
                () -> redirect.addFlashAttribute(
                        "secret",
                        webhooks.rotate(id, Duration.ofHours(overlapHours), actor)
                                .secret()));
    }

    @PostMapping("/webhooks/{id}/enabled")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String enable(@PathVariable long id, @RequestParam boolean enabled, Actor actor, RedirectAttributes redirect) {
        return Forms.back(
                "/webhooks/" + id,
                redirect,
                enabled ? "webhook-enabled" : "webhook-disabled",
                () -> webhooks.update(id, new Webhooks.Input(null, null, null, null, null, enabled), actor));
    }

    @PostMapping("/webhooks/{id}/delete")
    @Requires(Permission.WEBHOOKS_MANAGE)
    String delete(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
        return Forms.back("/webhooks", redirect, "webhook-deleted", () -> webhooks.delete(id, actor));
    }
}

package dev.warden.server.web;

import dev.warden.server.enforcement.Transparency;
import dev.warden.server.identity.ClientAddress;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.PerMinuteLimit;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.PublicEndpoint;
import dev.warden.server.shared.Requires;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public transparency page and its Atom feed (no sign-in; rate-limited per address; cacheable for a
 * minute), and the operator's settings for them.
 */
@Controller
class TransparencyPageController {
    private static final String CACHE = "public, max-age=60";

    private final Transparency transparency;
    private final ClientAddress addresses;
    private final PerMinuteLimit limit;
    private final String title;
    private final String publicUrl;

    TransparencyPageController(
            Transparency transparency,
            ClientAddress addresses,
            @Value("${warden.transparency.requests-per-minute:60}") int perMinute,
            @Value("${warden.transparency.title:Security enforcement actions}") String title,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl) {
        this.transparency = transparency;
        this.addresses = addresses;
        this.limit = new PerMinuteLimit(perMinute);
        this.title = title;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/transparency")
    @PublicEndpoint("the operator publishes the enforcement actions it took, for anyone to read")
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("title", title);
        long retry = limit.take(addresses.of(request), System.currentTimeMillis());
        if (retry > 0) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry));
            model.addAttribute("retry", retry);
            return "transparency";
        }
        Transparency.Published published = transparency.published().orElseThrow(TransparencyPageController::off);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE);
        model.addAttribute("published", published);
        model.addAttribute("fmt", new Formats(published.at()));
        return "transparency";
    }

    @GetMapping("/transparency/feed.atom")
    @PublicEndpoint("the transparency page as a feed, for anyone to follow")
    ResponseEntity<String> feed(HttpServletRequest request) {
        long retry = limit.take(addresses.of(request), System.currentTimeMillis());
        if (retry > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retry))
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Too many requests from your address; try again in " + retry + " seconds.\n");
        }
        Transparency.Published published = transparency.published().orElseThrow(TransparencyPageController::off);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, CACHE)
                .contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(TransparencyFeed.write(published, title, publicUrl + "/transparency"));
    }

    private static NotFoundException off() {
        return new NotFoundException("This marketplace does not publish its enforcement actions.");
    }

    @GetMapping("/settings/transparency")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String settings(@RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        return form(model, actor, transparency.settings(), List.of(), Forms.said(done));
    }

    @PostMapping("/settings/transparency")
    @Requires(Permission.ENFORCEMENT_MANAGE)
    String save(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) @Nullable List<String> actions,
            @RequestParam(defaultValue = "") String delayDays,
            Actor actor,
            Model model,
            RedirectAttributes redirect) {
        List<String> kinds = actions == null ? List.of() : actions;
        Transparency.Settings asked = new Transparency.Settings(enabled, kinds, 0, null, null);
        int delay;
        try {
            delay = Integer.parseInt(delayDays.strip());
        } catch (NumberFormatException e) {
            model.addAttribute("delayText", delayDays);
            return form(
                    model,
                    actor,
                    asked,
                    List.of("Days before publishing: a whole number of days, from 0 to " + Transparency.MAX_DELAY_DAYS
                            + "."),
                    null);
        }
        Transparency.Settings shown = new Transparency.Settings(enabled, kinds, delay, null, null);
        return Forms.submit(
                () -> {
                    transparency.change(new Transparency.Change(enabled, kinds, delay), actor);
                    redirect.addAttribute("done", "transparency-settings");
                    return "redirect:/settings/transparency";
                },
                errors -> form(model, actor, shown, errors, null));
    }

    private String form(
            Model model, Actor actor, Transparency.Settings settings, List<String> errors, @Nullable String done) {
        model.addAttribute("actor", actor);
        model.addAttribute("settings", settings);
        model.addAttribute("kinds", Transparency.kinds());
        model.addAttribute("errors", errors);
        model.addAttribute("done", done);
        model.addAttribute("pageUrl", publicUrl + "/transparency");
        model.addAttribute("fmt", new Formats(java.time.Instant.EPOCH));
        if (!model.containsAttribute("delayText")) {
            model.addAttribute("delayText", settings.delayDays() < 0 ? "" : Integer.toString(settings.delayDays()));
        }
        return "transparency-settings";
    }
}

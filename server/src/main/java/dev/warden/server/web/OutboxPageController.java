package dev.warden.server.web;

import dev.warden.server.notifications.Outbox;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox in the console: what Warden sent to whom, when, how delivery went; a dead one sent again. */
@Controller
class OutboxPageController {
    private static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "DEAD", "HELD", "DIGESTED");

    private final Outbox outbox;
    private final Clock clock;

    OutboxPageController(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping("/outbox")
    @Requires(Permission.AUDIT_READ)
    String list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable String done,
            Actor actor,
            Model model) {
        String shown = status != null && STATUSES.contains(status) ? status : null;
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("status", shown);
        model.addAttribute("statuses", STATUSES.stream().sorted().toList());
        model.addAttribute("page", outbox.list(shown, new Paging(Math.max(0, page), 50), actor));
        model.addAttribute("canRetry", actor.can(Permission.OUTBOX_MANAGE));
        model.addAttribute("done", Forms.said(done));
        return "outbox";
    }

    @PostMapping("/outbox/{id}/retry")
    @Requires(Permission.OUTBOX_MANAGE)
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        return Forms.back("/outbox", redirect, "outbox-retry", () -> {
            if (!outbox.retry(id)) {
                throw new dev.warden.server.shared.ConflictException(
                        "Message " + id + " was sent or is being sent; nothing to retry.");
            }
        });
    }
}

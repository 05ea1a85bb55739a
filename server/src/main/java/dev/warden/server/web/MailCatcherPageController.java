package dev.warden.server.web;

import dev.warden.server.notifications.Outbox;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The demo's mail catcher: in demo mode without a mail server, Warden keeps the mails it would send and
 * shows them here, so a person trying it reads what partners and the operator's people would receive.
 * A partner's person sees its own partner's mails. Outside demo mode the page does not exist.
 */
@Controller
class MailCatcherPageController {
    private final Outbox outbox;
    private final Clock clock;
    private final boolean demo;

    MailCatcherPageController(Outbox outbox, Clock clock, @Value("${warden.demo:false}") boolean demo) {
        this.outbox = outbox;
        this.clock = clock;
        this.demo = demo;
    }

    @GetMapping("/mail")
    @Requires(Permission.TICKETS_READ)
    String mails(@RequestParam(defaultValue = "0") int page, Actor actor, Model model) {
        if (!demo) {
            throw new NotFoundException("the mail catcher (demo mode only)");
        }
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("page", outbox.mails(new Paging(Math.max(0, page), 20), actor));
        return "mail";
    }
}

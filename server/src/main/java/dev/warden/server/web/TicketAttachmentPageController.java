package dev.warden.server.web;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.tickets.TicketAttachments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Attaching a file to a ticket, and removing one, from the ticket's page. A refusal goes back to the
 * page with its reason; the files themselves are downloaded through the API, never shown inline.
 */
@Controller
class TicketAttachmentPageController {
    private final TicketAttachments attachments;

    TicketAttachmentPageController(TicketAttachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping("/tickets/{key}/attachments")
    @Requires(Permission.TICKETS_RESPOND)
    String attach(
            @PathVariable String key,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Actor actor,
            RedirectAttributes redirect) {
        String ticket = TicketPageController.ticketKey(key).value();
        return Forms.submit(
                () -> {
                    if (file == null
                            || file.isEmpty()
                                    && (file.getOriginalFilename() == null
                                            || file.getOriginalFilename().isEmpty())) {
                        throw new dev.warden.core.validation.InvalidInputException(
                                "/file", "is required: choose a file");
                    }
                    try (InputStream in = file.getInputStream()) {
                        attachments.add(TicketPageController.ticketKey(key), file.getOriginalFilename(), in, actor);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the upload", e);
                    }
                    return done(ticket, "File attached.");
                },
                errors -> refused(ticket, errors, redirect));
    }

    @PostMapping("/tickets/{key}/attachments/{id}/remove")
    @Requires(Permission.TICKETS_RESPOND)
    String remove(@PathVariable String key, @PathVariable long id, Actor actor, RedirectAttributes redirect) {
        String ticket = TicketPageController.ticketKey(key).value();
        return Forms.submit(
                () -> {
                    attachments.remove(TicketPageController.ticketKey(key), id, actor);
                    return done(ticket, "Attachment removed.");
                },
                errors -> refused(ticket, errors, redirect));
    }

    private static String done(String ticket, String said) {
        return "redirect:/tickets/" + ticket + "?done=" + URLEncoder.encode(said, StandardCharsets.UTF_8)
                + "#attachments";
    }

    private static String refused(String ticket, java.util.List<String> errors, RedirectAttributes redirect) {
        // Kept in the session for the next page only: no link can put words in Warden's mouth.
        redirect.addFlashAttribute("problem", String.join("; ", errors));
        return "redirect:/tickets/" + ticket + "#attachments";
    }
}

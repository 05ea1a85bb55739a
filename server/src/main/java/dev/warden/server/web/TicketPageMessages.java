package dev.warden.server.web;

import dev.warden.core.tickets.TicketEvent;
import dev.warden.server.tickets.TicketView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The ticket page's words: what it says after each form went through, and each event's note. */
final class TicketPageMessages {
    /** The only messages a {@code done} parameter may show (nothing a link can make the page say). */
    static final Set<String> SAID = Set.of(
            "Reported.",
            "Triaged.",
            "Extension requested.",
            "Fix marked released: the operator verifies it next.",
            "Extension granted.",
            "Extension denied.",
            "Fix verified: the ticket is closed.",
            "Marked waiting for release.",
            "Severity reassessed; the due date follows it.",
            "Closed as a duplicate.",
            "Closed as not applicable.",
            "Reopened.",
            "Comment added.",
            "Details saved.",
            "Disclosed.",
            "File attached.",
            "Attachment removed.");

    private TicketPageMessages() {}

    /** Each event's note (or null), in the order of the history. */
    static List<@Nullable String> notes(TicketView t) {
        List<@Nullable String> notes = new ArrayList<>();
        for (TicketEvent e : t.events() == null ? List.<TicketEvent>of() : t.events()) {
            String note = JsonMapper.shared().valueToTree(e).path("note").asString("");
            notes.add(note.isBlank() ? null : note);
        }
        return notes;
    }
}

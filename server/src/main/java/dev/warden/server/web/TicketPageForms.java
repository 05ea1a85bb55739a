package dev.warden.server.web;

import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketEventType;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.tickets.TicketView;
import java.time.ZoneOffset;
import org.springframework.ui.Model;

/** Which forms a ticket's page offers this person, and the dates its extension pickers allow. */
final class TicketPageForms {
    private TicketPageForms() {}

    static void addTo(Model model, TicketView t, Actor actor, int maxDaysPerExtension) {
        // Which forms to offer comes from core's state machine, as does what the API accepts.
        boolean respond = actor.can(Permission.TICKETS_RESPOND);
        boolean manage = actor.can(Permission.TICKETS_MANAGE);
        TicketType type = t.type();
        TicketStatus status = t.status();
        model.addAttribute("canTriage", respond && TicketEventType.TRIAGED.possible(type, status));
        model.addAttribute(
                "canRequestExtension", respond && TicketEventType.EXTENSION_REQUESTED.possible(type, status));
        model.addAttribute("canRelease", respond && TicketEventType.RELEASED.possible(type, status));
        model.addAttribute(
                "canAcknowledge",
                respond && t.acknowledgement() != null && t.acknowledgement().at() == null && !status.closed());
        model.addAttribute("canDecideExtension", manage && TicketEventType.EXTENSION_APPROVED.possible(type, status));
        // The request beside the decision: what was asked, why, the plan, and whether this person filed it
        // (four eyes: whoever filed a request does not grant it).
        TicketEvent.ExtensionRequested pending = t.pendingExtension();
        model.addAttribute("pendingExtension", pending);
        model.addAttribute("filedIt", pending != null && pending.actor().equals(actor.id()));
        model.addAttribute(
                "proposedDay",
                pending == null
                        ? null
                        : pending.proposedDueAt().atOffset(ZoneOffset.UTC).toLocalDate());
        model.addAttribute(
                "earliestDay", t.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1));
        // The policy's cap on one extension, for the date pickers (the server checks it either way).
        model.addAttribute(
                "latestDay", t.dueAt().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(maxDaysPerExtension));
        model.addAttribute("canWaitForRelease", respond && TicketEventType.WAITING_FOR_RELEASE.possible(type, status));
        model.addAttribute("canReassess", manage && TicketEventType.SEVERITY_CHANGED.possible(type, status));
        model.addAttribute(
                "canClose",
                manage
                        && TicketEventType.MARKED_DUPLICATE.possible(type, status)
                        && TicketEventType.MARKED_NOT_APPLICABLE.possible(type, status));
        model.addAttribute("canReopen", manage && TicketEventType.REOPENED.possible(type, status));
        model.addAttribute("canVerify", manage && TicketEventType.VERIFIED_PATCHED.possible(type, status));
    }
}

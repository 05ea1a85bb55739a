package dev.warden.server.web;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.tickets.TicketDetails;
import dev.warden.server.tickets.TicketQuery;
import dev.warden.server.tickets.TicketRequests;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Tickets in the browser: a list with filters and paging, and a ticket with its history and the partner's steps. */
@Controller
class TicketPageController {
    private static final int PAGE_SIZE = 25;

    private final Tickets tickets;
    private final dev.warden.server.tickets.TicketLists lists;
    private final History history;
    private final Clock clock;

    private final dev.warden.server.policy.Policies policies;
    private final TicketDetails details;
    private final Markdown markdown;
    private final dev.warden.server.tickets.TicketAttachments attachments;

    TicketPageController(
            Tickets tickets,
            History history,
            Clock clock,
            dev.warden.server.policy.Policies policies,
            dev.warden.server.tickets.TicketLists lists,
            TicketDetails details,
            Markdown markdown,
            dev.warden.server.tickets.TicketAttachments attachments) {
        this.attachments = attachments;
        this.details = details;
        this.markdown = markdown;
        this.lists = lists;
        this.policies = policies;
        this.tickets = tickets;
        this.history = history;
        this.clock = clock;
    }

    @GetMapping("/tickets")
    @Requires(Permission.TICKETS_READ)
    String list(
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable Boolean open,
            @RequestParam(required = false) @Nullable Severity severity,
            @RequestParam(required = false) @Nullable TicketStatus status,
            @RequestParam(required = false) @Nullable Integer dueWithinDays,
            @RequestParam(required = false) @Nullable YearMonth breachedIn,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(defaultValue = "dueAt") String sort,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before,
            Actor actor,
            Model model) {
        PartnerId only = Forms.partnerFilter(partner, actor);
        boolean openOnly = open != null
                ? open
                : (overdue != null || dueWithinDays != null || (status == null && breachedIn == null));
        TicketQuery query = new TicketQuery(
                only,
                null,
                null,
                null,
                status,
                severity,
                openOnly ? Boolean.TRUE : null,
                overdue,
                dueWithinDays,
                breachedIn,
                Forms.blankToNull(q),
                List.of("dueAt", "-dueAt", "key", "reportedAt", "-score").contains(sort) ? sort : "dueAt",
                "me".equals(assignee) ? actor.id() : null);
        // Pages follow each other by cursor: the last one of a million tickets opens as fast as the first.
        Page<TicketView> found =
                lists.page(query, new Paging(0, PAGE_SIZE), Forms.blankToNull(after), Forms.blankToNull(before), actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("page", found);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute(
                "f",
                new TicketListFilters(
                        overdue,
                        openOnly,
                        severity,
                        status,
                        dueWithinDays,
                        breachedIn,
                        partner,
                        q,
                        sort,
                        "me".equals(assignee)));
        return "tickets";
    }

    @GetMapping("/tickets/{key}")
    @Requires(Permission.TICKETS_READ)
    String ticket(
            @PathVariable String key, @RequestParam(required = false) @Nullable String done, Actor actor, Model model) {
        // Only Warden's own messages: a link cannot put other words on the page. A refusal of a form posted
        // by another controller (an attachment) arrives as the flash attribute problem, kept for one page.
        Object problem = model.getAttribute("problem");
        return page(
                key,
                actor,
                model,
                done != null && TicketPageMessages.SAID.contains(done) ? done : null,
                problem == null ? List.of() : List.of(problem.toString()));
    }

    @PostMapping("/tickets/{key}/triage")
    @Requires(Permission.TICKETS_RESPOND)
    String triage(@PathVariable String key, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return act(
                key,
                actor,
                model,
                "Triaged.",
                () -> tickets.triage(ticketKey(key), new TicketRequests.Note(Forms.blankToNull(note)), actor));
    }

    @PostMapping("/tickets/{key}/extension-requests")
    @Requires(Permission.TICKETS_RESPOND)
    String requestExtension(
            @PathVariable String key,
            @RequestParam(required = false) @Nullable ExtensionReason reason,
            @RequestParam(defaultValue = "") String plan,
            @RequestParam(defaultValue = "") String proposedDue,
            Actor actor,
            Model model) {
        java.time.Instant due;
        try {
            due = proposedDue.isBlank() ? null : Forms.endOfDay(LocalDate.parse(proposedDue));
        } catch (DateTimeParseException e) {
            return page(key, actor, model, null, List.of("Proposed due date: use the form YYYY-MM-DD"));
        }
        java.time.Instant proposed = due;
        return act(
                key,
                actor,
                model,
                "Extension requested.",
                () -> tickets.requestExtension(
                        ticketKey(key),
                        new TicketRequests.Extension(reason, Forms.blankToNull(plan), proposed, null),
                        actor));
    }

    /** The partner's steps that only carry a note: acknowledging, waiting for release, released. */
    @PostMapping("/tickets/{key}/{step:acknowledgement|waiting-for-release|released}")
    @Requires(Permission.TICKETS_RESPOND)
    String partnerStep(
            @PathVariable String key,
            @PathVariable String step,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            Model model) {
        TicketRequests.Note n = new TicketRequests.Note(Forms.blankToNull(note));
        return switch (step) {
            case "acknowledgement" ->
                act(key, actor, model, "Acknowledged.", () -> tickets.acknowledge(ticketKey(key), n, actor));
            case "waiting-for-release" ->
                act(
                        key,
                        actor,
                        model,
                        "Marked waiting for release.",
                        () -> tickets.waitingForRelease(ticketKey(key), n, actor));
            default ->
                act(
                        key,
                        actor,
                        model,
                        "Fix marked released: the operator verifies it next.",
                        () -> tickets.released(ticketKey(key), n, actor));
        };
    }

    @PostMapping("/tickets/{key}/extension-requests/{decision}")
    @Requires(Permission.TICKETS_MANAGE)
    String decideExtension(
            @PathVariable String key,
            @PathVariable String decision,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "") String dueAt,
            Actor actor,
            Model model) {
        java.time.Instant granted;
        try {
            granted = dueAt.isBlank() || !decision.equals("approve") ? null : Forms.endOfDay(LocalDate.parse(dueAt));
        } catch (DateTimeParseException e) {
            return page(key, actor, model, null, List.of("Due date granted: use the form YYYY-MM-DD"));
        }
        TicketRequests.Decision d = new TicketRequests.Decision(granted, Forms.blankToNull(note));
        if (decision.equals("approve")) {
            return act(
                    key, actor, model, "Extension granted.", () -> tickets.approveExtension(ticketKey(key), d, actor));
        }
        if (decision.equals("deny")) {
            return act(key, actor, model, "Extension denied.", () -> tickets.denyExtension(ticketKey(key), d, actor));
        }
        throw new NotFoundException("No such decision '" + decision + "'");
    }

    @PostMapping("/tickets/{key}/patched")
    @Requires(Permission.TICKETS_MANAGE)
    String patched(@PathVariable String key, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return act(
                key,
                actor,
                model,
                "Fix verified: the ticket is closed.",
                () -> tickets.verifyPatched(ticketKey(key), new TicketRequests.Note(Forms.blankToNull(note)), actor));
    }

    @PostMapping("/tickets/{key}/severity")
    @Requires(Permission.TICKETS_MANAGE)
    String changeSeverity(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String cvss,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            Model model) {
        return act(
                key,
                actor,
                model,
                "Severity reassessed; the due date follows it.",
                () -> tickets.changeSeverity(
                        ticketKey(key),
                        new TicketRequests.Severity(Forms.blankToNull(cvss), null, Forms.blankToNull(note)),
                        actor));
    }

    @PostMapping("/tickets/{key}/close")
    @Requires(Permission.TICKETS_MANAGE)
    String close(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String as,
            @RequestParam(defaultValue = "") String of,
            @RequestParam(defaultValue = "") String note,
            Actor actor,
            Model model) {
        if (as.equals("duplicate")) {
            return act(
                    key,
                    actor,
                    model,
                    "Closed as a duplicate.",
                    () -> tickets.markDuplicate(
                            ticketKey(key),
                            new TicketRequests.Duplicate(Forms.blankToNull(of), Forms.blankToNull(note)),
                            actor));
        }
        return act(
                key,
                actor,
                model,
                "Closed as not applicable.",
                () -> tickets.markNotApplicable(
                        ticketKey(key), new TicketRequests.Note(Forms.blankToNull(note)), actor));
    }

    @PostMapping("/tickets/{key}/comments")
    @Requires(Permission.TICKETS_RESPOND)
    String comment(@PathVariable String key, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return act(
                key,
                actor,
                model,
                "Comment added.",
                () -> tickets.comment(ticketKey(key), new TicketRequests.Note(Forms.blankToNull(note)), actor));
    }

    @PostMapping("/tickets/{key}/reopen")
    @Requires(Permission.TICKETS_MANAGE)
    String reopen(@PathVariable String key, @RequestParam(defaultValue = "") String note, Actor actor, Model model) {
        return act(
                key,
                actor,
                model,
                "Reopened.",
                () -> tickets.reopen(ticketKey(key), new TicketRequests.Note(Forms.blankToNull(note)), actor));
    }

    @PostMapping("/tickets/{key}/details")
    @Requires(Permission.TICKETS_MANAGE)
    String details(
            @PathVariable String key,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String cwe,
            @RequestParam(defaultValue = "") String affectedVersions,
            Actor actor,
            Model model) {
        TicketDetails.Change change = new TicketDetails.Change(description, cwe, affectedVersions);
        return Forms.submit(
                () -> {
                    details.change(ticketKey(key), change, actor);
                    return "redirect:/tickets/" + ticketKey(key).value() + "?done=Details+saved.";
                },
                errors -> {
                    model.addAttribute("detailsForm", change);
                    return page(key, actor, model, null, errors);
                });
    }

    private String act(String key, Actor actor, Model model, String done, Supplier<TicketView> action) {
        if (!TicketPageMessages.SAID.contains(done)) {
            throw new IllegalArgumentException("not one of the ticket page's messages: " + done);
        }
        return Forms.submit(
                () -> "redirect:/tickets/" + action.get().key() + "?done="
                        + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8),
                errors -> page(key, actor, model, null, errors));
    }

    private String page(String key, Actor actor, Model model, @Nullable String done, List<String> errors) {
        TicketView t = tickets.get(ticketKey(key), actor);
        model.addAttribute("actor", actor);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("t", t);
        TicketDetails.Details d = details.get(ticketKey(t.key()), actor);
        model.addAttribute("details", d);
        model.addAttribute("descriptionHtml", markdown.html(d.description()));
        if (!model.containsAttribute("detailsForm")) {
            model.addAttribute("detailsForm", new TicketDetails.Change(d.description(), d.cwe(), d.affectedVersions()));
        }
        model.addAttribute("notes", TicketPageMessages.notes(t));
        model.addAttribute("attachments", attachments.list(ticketKey(t.key()), actor));
        model.addAttribute("attachmentMax", attachments.maxBytes());
        history.addTo(model, actor, "ticket", t.key());
        model.addAttribute("done", done);
        model.addAttribute("errors", errors);
        model.addAttribute("reasons", ExtensionReason.values());
        TicketPageForms.addTo(
                model,
                t,
                actor,
                policies.inForce().inForceAt(clock.instant()).extensions().maxDaysPerExtension());
        return "ticket";
    }

    static TicketKey ticketKey(String key) {
        if (!TicketKey.isValid(key)) {
            throw new NotFoundException("No ticket '" + key + "'");
        }
        return TicketKey.of(key);
    }
}

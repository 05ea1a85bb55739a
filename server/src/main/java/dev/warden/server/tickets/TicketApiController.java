package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Exports;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/tickets}: vulnerability tickets and every step of their life. */
@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Vulnerability tickets with SLA clocks from the policy version in force at report")
class TicketApiController {
    private final Tickets tickets;
    private final TicketLists lists;
    private final TicketOverview overview;
    private final Clock clock;

    TicketApiController(Tickets tickets, TicketLists lists, TicketOverview overview, Clock clock) {
        this.tickets = tickets;
        this.lists = lists;
        this.overview = overview;
        this.clock = clock;
    }

    @GetMapping
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "List tickets",
            description = "Filters: partner, app, type, hosting, status, severity, open, overdue, dueWithinDays,"
                    + " breachedIn (a month, 2026-11: came due in it and breached), q (title), assignee (an email,"
                    + " or me: tickets assigned to the caller, a partner's person who is one of its security"
                    + " contacts)."
                    + " sort: key (default), dueAt, reportedAt, score, partner; prefix - for descending."
                    + " Pages: page (from 0) and size, or a cursor: after=<next> for the following page,"
                    + " before=<previous> for the one in front; a cursor reads a page as fast at the end of a"
                    + " million tickets as at the start. A page number must start within the first 10,000"
                    + " tickets (warden.tickets.count-limit; 400 beyond): deeper pages are read by cursor.")
    Page<TicketView> list(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable TicketType type,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable TicketStatus status,
            @RequestParam(required = false) @Nullable Severity severity,
            @RequestParam(required = false) @Nullable Boolean open,
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable Integer dueWithinDays,
            @RequestParam(required = false) @Nullable YearMonth breachedIn,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before,
            Actor actor) {
        TicketQuery query = query(
                partner,
                app,
                type,
                hosting,
                status,
                severity,
                open,
                overdue,
                dueWithinDays,
                breachedIn,
                q,
                sort,
                assignee(assignee, actor));
        return lists.page(query, new Paging(page, size), after, before, actor);
    }

    @GetMapping("/export")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "Export tickets",
            description = "Every ticket the same filters and sort as the list select (partners: their own), as"
                    + " format=csv (default: RFC 4180, a header row, UTF-8) or format=json (an array of the"
                    + " list's objects), streamed as a download.")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable String app,
            @RequestParam(required = false) @Nullable TicketType type,
            @RequestParam(required = false) @Nullable Hosting hosting,
            @RequestParam(required = false) @Nullable TicketStatus status,
            @RequestParam(required = false) @Nullable Severity severity,
            @RequestParam(required = false) @Nullable Boolean open,
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable Integer dueWithinDays,
            @RequestParam(required = false) @Nullable YearMonth breachedIn,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String assignee,
            Actor actor) {
        TicketQuery query = query(
                partner,
                app,
                type,
                hosting,
                status,
                severity,
                open,
                overdue,
                dueWithinDays,
                breachedIn,
                q,
                sort,
                assignee(assignee, actor));
        return Exports.download(
                "tickets", Exports.Format.of(format), TicketExport.COLUMNS, lists.all(query, actor), clock);
    }

    /** {@code me} is the caller's own address (a person's username); anything else must be an email. */
    static @Nullable String assignee(@Nullable String assignee, Actor actor) {
        if (assignee == null || assignee.isBlank()) {
            return null;
        }
        if (assignee.strip().equalsIgnoreCase("me")) {
            return actor.id(); // an API client's id is no address: nothing is assigned to it
        }
        String address = assignee.strip();
        if (address.length() > 254 || !address.contains("@") || address.contains(",")) {
            throw new InvalidParameterException("assignee", "is me or an email address");
        }
        return address;
    }

    private static TicketQuery query(
            @Nullable String partner,
            @Nullable String app,
            @Nullable TicketType type,
            @Nullable Hosting hosting,
            @Nullable TicketStatus status,
            @Nullable Severity severity,
            @Nullable Boolean open,
            @Nullable Boolean overdue,
            @Nullable Integer dueWithinDays,
            @Nullable YearMonth breachedIn,
            @Nullable String q,
            @Nullable String sort,
            @Nullable String assignee) {
        if (partner != null && !PartnerId.isValid(partner)) {
            throw new InvalidParameterException("partner", "is not a partner id");
        }
        if (app != null && !AppKey.isValid(app)) {
            throw new InvalidParameterException("app", "is not an app key");
        }
        if (dueWithinDays != null && (dueWithinDays < 0 || dueWithinDays > 3650)) {
            throw new InvalidParameterException("dueWithinDays", "must be between 0 and 3650");
        }
        TicketQuery query = new TicketQuery(
                partner == null ? null : PartnerId.of(partner),
                app == null ? null : AppKey.of(app),
                type,
                hosting,
                status,
                severity,
                open,
                overdue,
                dueWithinDays,
                breachedIn,
                q,
                sort,
                assignee);
        return query;
    }

    @GetMapping("/attainment")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "SLA attainment month by month",
            description = "For each of the last `months` calendar months (UTC, 1 to 36, default 6; the month in"
                    + " progress last, counted up to now): the tickets that came due in it (duplicates and"
                    + " not-applicable ones left out), how many breached their due date, and the share met."
                    + " A partner's caller sees its own tickets only. Counted in the background at most 30 s"
                    + " (warden.tickets.summary-max-age) before the last call, and again at once after a"
                    + " ticket change on this server (docs/console.md, the home page's figures).")
    List<SlaMonth> attainment(@RequestParam(defaultValue = "6") int months, Actor actor) {
        if (months < 1 || months > 36) {
            throw new InvalidParameterException("months", "must be between 1 and 36");
        }
        return overview.attainment(months, actor);
    }

    @GetMapping("/{key}")
    @Requires(Permission.TICKETS_READ)
    @Operation(summary = "Get a ticket", description = "Its clock as of now and its whole history of events.")
    TicketView get(@PathVariable String key, Actor actor) {
        return tickets.get(parse(key), actor);
    }

    @PostMapping
    @Requires(Permission.TICKETS_REPORT)
    @Operation(
            summary = "Report a vulnerability",
            description = "Body: type, app, hosting, title, and cvss (a CVSS v3.0/v3.1 vector) or score; note optional."
                    + " The ticket is assigned to the partner's security contacts.")
    ResponseEntity<TicketView> report(@RequestBody TicketRequests.Report request, Actor actor) {
        TicketView ticket = tickets.report(request, actor);
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.key()))
                .body(ticket);
    }

    @PostMapping("/{key}/triage")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Triage a bug bounty ticket",
            description = "NEEDS_TRIAGE to NEEDS_PATCH; the clock starts now at the latest.")
    TicketView triage(
            @PathVariable String key, @RequestBody(required = false) TicketRequests.@Nullable Note body, Actor actor) {
        return tickets.triage(parse(key), note(body), actor);
    }

    @PostMapping("/{key}/severity")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(
            summary = "Change the severity",
            description = "Body: cvss or score, and note (why). The due date is recomputed from the clock start.")
    TicketView severity(@PathVariable String key, @RequestBody TicketRequests.Severity body, Actor actor) {
        return tickets.changeSeverity(parse(key), body, actor);
    }

    @PostMapping("/{key}/extension-requests")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Request an extension",
            description = "Body: reason (UPSTREAM_DEPENDENCY, PLATFORM_CHANGE, OTHER), plan, proposedDueAt. A pending"
                    + " request does not stop the clock.")
    TicketView requestExtension(@PathVariable String key, @RequestBody TicketRequests.Extension body, Actor actor) {
        return tickets.requestExtension(parse(key), body, actor);
    }

    @PostMapping("/{key}/extension-requests/approve")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(
            summary = "Approve the pending extension",
            description = "The due date moves to the proposed date, or to dueAt if given.")
    TicketView approve(
            @PathVariable String key,
            @RequestBody(required = false) TicketRequests.@Nullable Decision body,
            Actor actor) {
        return tickets.approveExtension(
                parse(key), body == null ? new TicketRequests.Decision(null, null) : body, actor);
    }

    @PostMapping("/{key}/extension-requests/deny")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(summary = "Deny the pending extension", description = "Body: note (why). The due date stands.")
    TicketView deny(@PathVariable String key, @RequestBody TicketRequests.Decision body, Actor actor) {
        return tickets.denyExtension(parse(key), body, actor);
    }

    @PostMapping("/{key}/comments")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Comment on a ticket",
            description = "Body: note (1 to 4000 characters). In any status; changes nothing else. With Jira"
                    + " connected, the comment is posted to the ticket's issue.")
    TicketView comment(@PathVariable String key, @RequestBody TicketRequests.Note body, Actor actor) {
        return tickets.comment(parse(key), body, actor);
    }

    @PostMapping("/{key}/waiting-for-release")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(summary = "Mark the fix as waiting for release")
    TicketView waiting(
            @PathVariable String key, @RequestBody(required = false) TicketRequests.@Nullable Note body, Actor actor) {
        return tickets.waitingForRelease(parse(key), note(body), actor);
    }

    @PostMapping("/{key}/acknowledgement")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Acknowledge a ticket",
            description = "The partner acknowledges the ticket assigned to it (\"Partners should acknowledge and triage"
                    + " AMS tickets promptly after they are assigned\"): within acknowledgement.businessDays of the"
                    + " report (5 business days), or TICKET-ACK-OVERDUE. Triage, an extension request or a release"
                    + " acknowledge it too. 409 when it was acknowledged already or is closed.")
    TicketView acknowledge(
            @PathVariable String key, @RequestBody(required = false) TicketRequests.@Nullable Note body, Actor actor) {
        return tickets.acknowledge(parse(key), note(body), actor);
    }

    @PostMapping("/{key}/released")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Mark the fix released",
            description = "The operator's security team then verifies it (NEEDS_SECURITY_REVIEW).")
    TicketView released(
            @PathVariable String key, @RequestBody(required = false) TicketRequests.@Nullable Note body, Actor actor) {
        return tickets.released(parse(key), note(body), actor);
    }

    @PostMapping("/{key}/patched")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(summary = "Verify the fix", description = "The ticket is PATCHED and its clock stops.")
    TicketView patched(
            @PathVariable String key, @RequestBody(required = false) TicketRequests.@Nullable Note body, Actor actor) {
        return tickets.verifyPatched(parse(key), note(body), actor);
    }

    @PostMapping("/{key}/duplicate")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(summary = "Mark as a duplicate", description = "Body: of (the other ticket's key), note.")
    TicketView duplicate(@PathVariable String key, @RequestBody TicketRequests.Duplicate body, Actor actor) {
        return tickets.markDuplicate(parse(key), body, actor);
    }

    @PostMapping("/{key}/not-applicable")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(summary = "Mark as not applicable", description = "Body: note (why).")
    TicketView notApplicable(@PathVariable String key, @RequestBody TicketRequests.Note body, Actor actor) {
        return tickets.markNotApplicable(parse(key), body, actor);
    }

    @PostMapping("/{key}/reopen")
    @Requires(Permission.TICKETS_MANAGE)
    @Operation(summary = "Reopen a closed ticket", description = "Body: note (why). Its original due date stands.")
    TicketView reopen(@PathVariable String key, @RequestBody TicketRequests.Note body, Actor actor) {
        return tickets.reopen(parse(key), body, actor);
    }

    private static TicketRequests.Note note(TicketRequests.@Nullable Note body) {
        return body == null ? new TicketRequests.Note(null) : body;
    }

    static TicketKey parse(String key) {
        if (!TicketKey.isValid(key)) {
            throw new NotFoundException("No ticket '" + key + "'");
        }
        return TicketKey.of(key);
    }
}

package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.tickets.TicketType;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * Filters for listing tickets; null means "any".
 *
 * @param open only open (true) or only closed (false) tickets
 * @param overdue only tickets open past their due date
 * @param dueWithinDays only open tickets due within this many days from now (and not yet overdue)
 * @param breachedIn only tickets that came due in this month (UTC) and breached their due date
 * @param assignee only tickets assigned to this address (a security contact's email), any case
 */
public record TicketQuery(
        @Nullable PartnerId partner,
        @Nullable AppKey app,
        @Nullable TicketType type,
        @Nullable Hosting hosting,
        @Nullable TicketStatus status,
        @Nullable Severity severity,
        @Nullable Boolean open,
        @Nullable Boolean overdue,
        @Nullable Integer dueWithinDays,
        @Nullable YearMonth breachedIn,
        @Nullable String text,
        @Nullable String sort,
        @Nullable String assignee) {

    /** Filters without an assignee. */
    public TicketQuery(
            @Nullable PartnerId partner,
            @Nullable AppKey app,
            @Nullable TicketType type,
            @Nullable Hosting hosting,
            @Nullable TicketStatus status,
            @Nullable Severity severity,
            @Nullable Boolean open,
            @Nullable Boolean overdue,
            @Nullable Integer dueWithinDays,
            @Nullable YearMonth breachedIn,
            @Nullable String text,
            @Nullable String sort) {
        this(partner, app, type, hosting, status, severity, open, overdue, dueWithinDays, breachedIn, text, sort, null);
    }

    /** The same filters for one partner (or all, with null). */
    TicketQuery forPartner(@Nullable PartnerId only) {
        return new TicketQuery(
                only,
                app,
                type,
                hosting,
                status,
                severity,
                open,
                overdue,
                dueWithinDays,
                breachedIn,
                text,
                sort,
                assignee);
    }
}

package dev.warden.server.web;

import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketStatus;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/** The tickets list's filters as the form shows them back, and the same selection as an export. */
record TicketListFilters(
        @Nullable Boolean overdue,
        boolean open,
        @Nullable Severity severity,
        @Nullable TicketStatus status,
        @Nullable Integer dueWithinDays,
        @Nullable YearMonth breachedIn,
        @Nullable String partner,
        @Nullable String q,
        String sort,
        boolean mine) {

    /** The API's export of exactly the tickets the page lists, in {@code format} (csv, json). */
    public String export(String format) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/api/v1/tickets/export")
                .queryParam("format", format)
                .queryParam("sort", sort);
        if (open) {
            url.queryParam("open", true);
        }
        put(url, "overdue", overdue);
        put(url, "severity", severity);
        put(url, "status", status);
        put(url, "dueWithinDays", dueWithinDays);
        put(url, "breachedIn", breachedIn);
        put(url, "partner", partner == null || partner.isBlank() ? null : partner);
        put(url, "q", q);
        put(url, "assignee", mine ? "me" : null);
        return url.encode().build().toUriString();
    }

    private static void put(UriComponentsBuilder url, String name, @Nullable Object value) {
        if (value != null) {
            url.queryParam(name, value);
        }
    }
}

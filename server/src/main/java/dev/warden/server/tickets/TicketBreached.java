package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketKey;
import java.time.Instant;

/**
 * Published once per ticket when its due date passed with the ticket open (an SLO breach).
 * {@code recordedLate}: recorded more than {@code warden.notifications.overdue-notice-max-age} after that
 * due date (a ticket imported long past due, a server stopped for weeks), old news that sends no notice.
 */
public record TicketBreached(TicketKey key, PartnerId partner, AppKey app, Instant dueAt, boolean recordedLate) {}

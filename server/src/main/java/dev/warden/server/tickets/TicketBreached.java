package dev.warden.server.tickets;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketKey;
import java.time.Instant;

/** Published once per ticket when its due date passed with the ticket open (an SLO breach). */
public record TicketBreached(TicketKey key, PartnerId partner, AppKey app, Instant dueAt) {}

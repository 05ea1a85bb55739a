package dev.warden.server.tickets;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketKey;

/** Published after a ticket was reported or changed (in the same transaction's thread). */
public record TicketChanged(TicketKey key, PartnerId partner, String event) {}

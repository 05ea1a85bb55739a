package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;

/**
 * Published in the changing transaction after an obligation record of a partner was created or changed,
 * so the compliance rules can look again at that partner.
 *
 * @param kind {@code INCIDENT}, {@code BOUNTY_PROGRAM}, {@code VERIFICATION}, {@code ENTITY_CHANGE} or
 *     {@code TOKEN_USE}
 */
public record ObligationChanged(PartnerId partner, String kind, String id) {}

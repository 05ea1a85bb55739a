package dev.warden.server.catalog;

import dev.warden.core.catalog.PartnerId;

/**
 * Published in the changing transaction after a partner or one of its apps was created or changed,
 * so features that depend on the catalog (compliance rules) can look again at that partner.
 *
 * @param what {@code partner} or {@code app}
 * @param id the partner id or app key
 */
public record CatalogChanged(PartnerId partner, String what, String id) {}

package dev.warden.server.domains;

import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.util.List;

/**
 * Published when a registrable domain of a partner's redirect URIs starts expiring within the policy's
 * warning window ({@code oauth.domainExpiryWarningDays}): the partner is told to renew it.
 */
public record DomainExpiring(
        PartnerId partner, String domain, Instant expiresAt, List<String> apps, List<String> redirectUris) {
    public DomainExpiring {
        apps = List.copyOf(apps);
        redirectUris = List.copyOf(redirectUris);
    }
}

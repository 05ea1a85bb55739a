package dev.warden.server.identity;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Permission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A machine client registered by an admin. It authenticates with its id and secret (the OAuth 2.0
 * client-credentials grant) and gets short-lived tokens limited to its scopes and, when it acts for a
 * partner, to that partner's data.
 */
public record ApiClient(
        String clientId,
        String name,
        Set<Permission> scopes,
        @Nullable PartnerId partner,
        boolean enabled,
        String createdBy,
        Instant createdAt,
        Instant secretRotatedAt,
        @Nullable Instant lastUsedAt) {

    public ApiClient {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a client has at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
        if (partner != null && scopes.stream().anyMatch(s -> !s.partnerAllowed())) {
            throw new IllegalArgumentException("a partner's client cannot hold " + scopes);
        }
    }

    /** The scopes as OAuth scope strings, sorted. */
    public List<String> scopeNames() {
        return scopes.stream().map(Permission::scope).sorted().toList();
    }
}

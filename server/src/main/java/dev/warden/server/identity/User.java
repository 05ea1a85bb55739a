package dev.warden.server.identity;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.shared.Role;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to Warden. A partner's user has exactly the PARTNER role and its partner;
 * operator staff have one or more of the other roles and no partner.
 */
public record User(
        String username,
        String displayName,
        Set<Role> roles,
        @Nullable PartnerId partner,
        boolean enabled,
        boolean mustChangePassword) {

    public User {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user has at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        boolean partnerRole = roles.contains(Role.PARTNER);
        if (partnerRole && (roles.size() > 1 || partner == null)) {
            throw new IllegalArgumentException("a partner's user has only the PARTNER role and a partner");
        }
        if (!partnerRole && partner != null) {
            throw new IllegalArgumentException("only a PARTNER user belongs to a partner");
        }
    }
}

package dev.warden.server.shared;

import dev.warden.core.catalog.PartnerId;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a person, an API client, or Warden itself. Carries what it may do and, for a
 * partner's user or client, the one partner whose data it may see.
 */
public record Actor(
        Kind kind,
        String id,
        String name,
        Set<Permission> permissions,
        @Nullable PartnerId partner) {

    /** The kinds of actor. */
    public enum Kind {
        USER,
        CLIENT,
        SYSTEM
    }

    public Actor {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        if (partner != null && permissions.stream().anyMatch(p -> !p.partnerAllowed())) {
            throw new IllegalArgumentException("a partner's actor cannot hold " + permissions);
        }
    }

    /** Warden acting on its own (scheduled jobs, start-up), with every permission. */
    public static Actor system(String what) {
        return new Actor(Kind.SYSTEM, what, "Warden (" + what + ")", EnumSet.allOf(Permission.class), null);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether this actor is limited to one partner's data. */
    public boolean isPartner() {
        return partner != null;
    }

    /** Whether this actor may see data of {@code owner}; others' data must look like it does not exist. */
    public boolean canSee(PartnerId owner) {
        return partner == null || partner.equals(owner);
    }
}

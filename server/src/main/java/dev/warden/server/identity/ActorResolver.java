package dev.warden.server.identity;

import dev.warden.server.shared.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the authenticated principal of a request into an {@link Identity}, read fresh from the
 * database each request: a disabled user, a locked account, a revoked client or a changed role takes
 * effect at once, even for an open session or an unexpired token.
 */
@Component
class ActorResolver {
    private static final String ATTRIBUTE = ActorResolver.class.getName();

    private final Users users;
    private final ApiClients clients;

    ActorResolver(Users users, ApiClients clients) {
        this.users = users;
        this.clients = clients;
    }

    /** The identity of the current request, resolved once and kept on the request. */
    Optional<Identity> current(HttpServletRequest request) {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached instanceof Identity identity) {
            return Optional.of(identity);
        }
        Optional<Identity> identity = resolve(SecurityContextHolder.getContext().getAuthentication());
        identity.ifPresent(i -> request.setAttribute(ATTRIBUTE, i));
        return identity;
    }

    Optional<Identity> resolve(@Nullable Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            String scope = jwt.getToken().getClaimAsString("scope");
            Set<Permission> granted = EnumSet.noneOf(Permission.class);
            if (scope != null) {
                for (String s : scope.split(" ")) {
                    Permission.ofScope(s).ifPresent(granted::add);
                }
            }
            return clients.active(jwt.getName()).map(client -> {
                granted.retainAll(client.scopes());
                return new Identity(ApiClients.actorFor(client, granted), false);
            });
        }
        // Someone signed in through the OpenID Connect provider never uses the temporary password.
        boolean viaProvider = authentication
                instanceof org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
        // A lock stops new sign-ins only: a session opened before it carries on, so failed attempts by
        // someone else cannot throw the account's owner out.
        return users.find(authentication.getName())
                .filter(User::enabled)
                .map(u -> new Identity(Users.actorFor(u), u.mustChangePassword() && !viaProvider));
    }
}

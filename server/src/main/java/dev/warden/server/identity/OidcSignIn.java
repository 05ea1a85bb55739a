package dev.warden.server.identity;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Sign-in through an OpenID Connect provider (configured with {@code spring.security.oauth2.client.*}).
 * The provider proves who someone is; Warden decides what they may do: the verified email must be the
 * username of an enabled Warden account, which keeps its roles and partner.
 */
// Always a bean (a condition on auto-configured beans is not reliable for scanned components); used
// only when a provider is configured.
@Component
class OidcSignIn extends OidcUserService {
    private final Users users;

    OidcSignIn(Users users) {
        this.users = users;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = super.loadUser(request);
        String email = oidc.getEmail();
        if (email == null || !Boolean.TRUE.equals(oidc.getEmailVerified())) {
            throw denied("the identity provider did not give a verified email address");
        }
        User user = users.find(email)
                .filter(User::enabled)
                .orElseThrow(() -> denied("no enabled Warden account for " + email));
        return new SignedInUser(oidc, user.username());
    }

    /**
     * The provider's user, named by the Warden account it signed in. Kept in the session, which is
     * stored in the database: serializable, and holding nothing but the name besides what it extends.
     */
    static final class SignedInUser extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        private final String username;

        SignedInUser(OidcUser oidc, String username) {
            super(List.of(new SimpleGrantedAuthority("ROLE_USER")), oidc.getIdToken(), oidc.getUserInfo(), "email");
            this.username = username;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignedInUser u && u.username.equals(username) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return 31 * super.hashCode() + username.hashCode();
        }
    }

    private static OAuth2AuthenticationException denied(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", why, null), why);
    }
}

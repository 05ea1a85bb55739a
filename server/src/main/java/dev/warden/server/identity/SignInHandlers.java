package dev.warden.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What happens after a sign-in attempt: success and failure go on the audit trail with the address
 * they came from, failures count toward a wait for that address ({@link SignInGuard}), the owner is
 * told on their first page what failed since their last sign-in, and a person with a temporary
 * password goes straight to change it.
 */
@Component
class SignInHandlers extends SavedRequestAwareAuthenticationSuccessHandler implements AuthenticationFailureHandler {
    /** The session attribute holding what failed before this sign-in, shown once ({@link SignInNotice}). */
    static final String NOTICE = "warden.signInNotice";

    private final Users users;
    private final SignInGuard guard;
    private final ClientAddress addresses;

    SignInHandlers(Users users, SignInGuard guard, ClientAddress addresses) {
        this.users = users;
        this.guard = guard;
        this.addresses = addresses;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException, jakarta.servlet.ServletException {
        String method = auth instanceof OAuth2AuthenticationToken ? "oidc" : "password";
        String source = addresses.of(request);
        SignInGuard.SinceLastSignIn since = guard.succeeded(SignInGuard.Kind.USER, auth.getName(), source);
        users.signedIn(auth.getName(), method, source, since);
        if (since.failures() > 0) {
            request.getSession().setAttribute(NOTICE, since);
        }
        // A temporary password must be replaced; someone signing in through the provider has none to use.
        if (method.equals("password")
                && users.find(auth.getName()).map(User::mustChangePassword).orElse(false)) {
            getRedirectStrategy().sendRedirect(request, response, "/account/password");
            return;
        }
        super.onAuthenticationSuccess(request, response, auth);
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String username = request.getParameter("username");
        String reason = e instanceof DisabledException ? "disabled" : "bad credentials";
        if (username != null && !username.isBlank()) {
            String source = addresses.of(request);
            Optional<SignInGuard.Delay> delay = guard.failed(SignInGuard.Kind.USER, Users.normal(username), source);
            users.signInFailed(username.trim(), reason, source, delay);
        }
        // One message whatever the cause, so the page does not tell which accounts exist.
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}

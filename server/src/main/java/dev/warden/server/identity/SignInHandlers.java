package dev.warden.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What happens after a sign-in attempt: success and failure go on the audit trail, failures count
 * toward a lock-out, and a person with a temporary password goes straight to change it.
 */
@Component
class SignInHandlers extends SavedRequestAwareAuthenticationSuccessHandler implements AuthenticationFailureHandler {
    private final Users users;

    SignInHandlers(Users users) {
        this.users = users;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException, jakarta.servlet.ServletException {
        String method = auth instanceof OAuth2AuthenticationToken ? "oidc" : "password";
        users.signedIn(auth.getName(), method);
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
        String reason = e instanceof LockedException
                ? "locked"
                : e instanceof DisabledException ? "disabled" : "bad credentials";
        if (username != null && !username.isBlank()) {
            users.signInFailed(username.trim(), reason);
        }
        // One message whatever the cause, so the page does not tell which accounts exist.
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}

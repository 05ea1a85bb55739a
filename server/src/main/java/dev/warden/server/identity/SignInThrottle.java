package dev.warden.server.identity;

import dev.warden.server.api.ProblemType;
import dev.warden.server.api.ProblemWriter;
import dev.warden.server.shared.PerMinuteLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before any password is checked: limits sign-in and token requests per client address per minute
 * (per node, in memory), and turns away a sign-in for an account its address must still wait for
 * ({@link SignInGuard}, in the database, across nodes). Token requests wait in {@link ApiClients}.
 */
final class SignInThrottle extends OncePerRequestFilter {
    private final PerMinuteLimit limit;
    private final ClientAddress addresses;
    private final SignInGuard guard;

    SignInThrottle(SecuritySettings settings, ClientAddress addresses, SignInGuard guard) {
        this.limit = new PerMinuteLimit(settings.attemptsPerMinute());
        this.addresses = addresses;
        this.guard = guard;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !"POST".equals(request.getMethod()) || !(path.equals("/login") || path.equals("/oauth2/token"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = addresses.of(request);
        long retry = limit.take(source, System.currentTimeMillis());
        if (retry > 0) {
            response.setHeader("Retry-After", Long.toString(retry));
            ProblemWriter.write(
                    request,
                    response,
                    ProblemType.TOO_MANY_REQUESTS,
                    "Too many sign-in attempts from your address; try again in " + retry + " seconds");
            return;
        }
        String username = request.getParameter("username");
        if (path(request).equals("/login") && username != null && !username.isBlank()) {
            Optional<Duration> wait = guard.waitFor(SignInGuard.Kind.USER, Users.normal(username), source);
            if (wait.isPresent()) {
                // Before the password is checked: the attempt neither counts nor lengthens the wait.
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.sendRedirect(request.getContextPath() + "/login?wait=" + seconds);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

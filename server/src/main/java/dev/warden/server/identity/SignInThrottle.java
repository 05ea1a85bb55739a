package dev.warden.server.identity;

import dev.warden.server.api.ProblemType;
import dev.warden.server.api.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in and token requests per client address per minute, before any password is checked.
 * Per node and in memory: a lock-out of the account (in the database) backs it across nodes.
 */
final class SignInThrottle extends OncePerRequestFilter {
    private record Window(long minute, AtomicInteger count) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;

    SignInThrottle(SecuritySettings settings) {
        this.perMinute = settings.attemptsPerMinute();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !(path.equals("/login") || path.equals("/oauth2/token"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = System.currentTimeMillis();
        long minute = now / 60_000;
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window window = windows.compute(
                request.getRemoteAddr(),
                (k, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        if (window.count().incrementAndGet() > perMinute) {
            long retry = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(retry));
            ProblemWriter.write(
                    request,
                    response,
                    ProblemType.TOO_MANY_REQUESTS,
                    "Too many sign-in attempts from your address; try again in " + retry + " seconds");
            return;
        }
        chain.doFilter(request, response);
    }
}

package dev.warden.server.identity;

import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.PublicEndpoint;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces each handler's declared rule before it runs: {@link PublicEndpoint}, {@link SignedIn} or
 * {@link Requires}. A Warden handler that declares none is refused (and the build's architecture test
 * fails), so a forgotten rule can never mean "open".
 */
class PermissionInterceptor implements HandlerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

    private final ActorResolver actors;

    PermissionInterceptor(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws java.io.IOException {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getName().startsWith("dev.warden.")) {
            return true;
        }
        if (rule(method, PublicEndpoint.class) != null) {
            return true;
        }
        Optional<Identity> identity = actors.current(request);
        if (identity.isEmpty()) {
            throw new InsufficientAuthenticationException("sign in, or send a valid bearer token");
        }
        SignedIn signedIn = rule(method, SignedIn.class);
        if (identity.get().mustChangePassword() && (signedIn == null || !signedIn.evenBeforePasswordChange())) {
            if (!AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class)) {
                response.sendRedirect(request.getContextPath() + "/account/password");
                return false;
            }
            throw new ForbiddenException("Change your password first (POST /api/v1/me/password or /account/password)");
        }
        if (signedIn != null) {
            return true;
        }
        Requires requires = rule(method, Requires.class);
        if (requires == null) {
            log.error("refused {}: the handler declares no access rule", method);
            throw new ForbiddenException("This endpoint declares no access rule");
        }
        if (!identity.get().actor().can(requires.value())) {
            throw new ForbiddenException(
                    "This needs the permission " + requires.value().scope());
        }
        return true;
    }

    private static <A extends java.lang.annotation.Annotation> @Nullable A rule(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }
}

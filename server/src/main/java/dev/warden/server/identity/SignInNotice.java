package dev.warden.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Tells a person, on the first page after they sign in, how many attempts to sign in as them failed
 * since their previous sign-in, and the latest one's address and time. Shown once.
 */
final class SignInNotice implements HandlerInterceptor {
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView page) {
        if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
            return;
        }
        HttpSession session = request.getSession(false);
        if (session == null
                || !(session.getAttribute(SignInHandlers.NOTICE) instanceof SignInGuard.SinceLastSignIn since)) {
            return;
        }
        session.removeAttribute(SignInHandlers.NOTICE);
        page.addObject("signInNotice", text(since));
    }

    static String text(SignInGuard.SinceLastSignIn since) {
        String count = since.failures() == 1 ? "1 attempt" : since.failures() + " attempts";
        String latest = since.lastAt() == null
                ? ""
                : ", the latest from " + since.lastFrom() + " at " + AT.format(since.lastAt());
        return count + " to sign in as you failed since your previous sign-in" + latest
                + ". If that was not you, nobody got in; change your password if you think it may be known.";
    }
}

package dev.warden.server.api;

import dev.warden.core.validation.Texts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters and form fields follow the same text policy as JSON bodies ({@link Texts}): a NUL
 * character or an unpaired surrogate is refused with a 400 naming the parameter, before any search or
 * form reaches the database (where PostgreSQL would fail on it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class TextCheckingParameters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        Optional<String[]> refused = multipart ? Optional.empty() : refused(request.getParameterMap());
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String parameter = refused.get()[0];
        String message = refused.get()[1];
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemWriter.write(
                    request,
                    response,
                    ProblemType.INVALID_INPUT,
                    "Parameter '" + parameter + "' " + message,
                    Map.of("errors", List.of(Map.of("parameter", parameter, "message", message))));
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Parameter '" + parameter + "' " + message);
        }
    }

    private static Optional<String[]> refused(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            Optional<String> name = Texts.refusal(p.getKey());
            if (name.isPresent()) {
                return Optional.of(new String[] {"(name)", name.get()});
            }
            for (String value : p.getValue()) {
                Optional<String> why = Texts.refusal(value);
                if (why.isPresent()) {
                    return Optional.of(new String[] {p.getKey(), why.get()});
                }
            }
        }
        return Optional.empty();
    }
}

package dev.warden.server.web;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.NotFoundException;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What goes wrong while drawing a page, as a page: a missing (or another partner's) object, a refused
 * action, a link with a value Warden does not know, and, for anything unexpected, the incident number
 * the log holds the details under. Never a stack trace.
 */
// Every page controller, whichever feature it belongs to (the administration pages are identity's);
// REST controllers' errors are the API's problems (ApiExceptionHandler comes first).
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        return page(model, "Not found", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(ForbiddenException e, Model model) {
        return page(model, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(TypeMismatchException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badLink(TypeMismatchException e, Model model) {
        String name = e.getPropertyName() == null ? "a value" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of "
                        + String.join(
                                ", ",
                                Arrays.stream(type.getEnumConstants())
                                        .map(String::valueOf)
                                        .toList())
                : type == null ? "something else" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return page(
                model,
                "That link does not work",
                "In this address, " + name + " \"" + e.getValue() + "\" is not understood: it must be " + expected
                        + ".");
    }

    @ExceptionHandler({InvalidParameterException.class, InvalidInputException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(RuntimeException e, Model model) {
        return page(model, "That link does not work", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(ConflictException e, Model model) {
        return page(model, "That cannot be done now", e.getMessage());
    }

    // Not signed in: left to Spring Security, which sends the browser to the sign-in page.
    @ExceptionHandler(AuthenticationException.class)
    void signInFirst(AuthenticationException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e, Model model) {
        String incident = UUID.randomUUID().toString();
        log.error("unexpected error drawing a page, incident {}", incident, e);
        return page(
                model,
                "Something went wrong on our side",
                "It was logged as incident " + incident + "; give that number to your Warden administrator.");
    }

    private static String page(Model model, String title, @org.jspecify.annotations.Nullable String detail) {
        model.addAttribute("title", title);
        model.addAttribute("detail", detail == null ? "" : detail);
        return "error";
    }
}

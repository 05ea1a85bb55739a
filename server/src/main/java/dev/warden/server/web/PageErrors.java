package dev.warden.server.web;

import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A missing (or another partner's) object and a refused action, as pages: never a stack trace. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
class PageErrors {
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("title", "Not found");
        model.addAttribute("detail", e.getMessage());
        return "error";
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(ForbiddenException e, Model model) {
        model.addAttribute("title", "Not allowed");
        model.addAttribute("detail", e.getMessage());
        return "error";
    }
}

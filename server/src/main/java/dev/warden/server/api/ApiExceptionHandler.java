package dev.warden.server.api;

import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.JsonErrors;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.StaleVersionException;
import dev.warden.server.shared.TooLargeException;
import dev.warden.server.shared.UnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Answers every failure of an API call as an RFC 9457 problem with a stable type. Never a stack trace:
 * an unexpected error is logged with an id and the client gets only that id.
 */
// First: a REST controller's errors are always problems, whatever other advice would apply.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return Problems.invalidFields(e.errors());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return Problems.invalidParameter(e.parameter(), String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(ProblemType.FORBIDDEN, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthorized(AuthenticationException e) {
        return Problems.of(ProblemType.UNAUTHORIZED, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(ProblemType.NOT_FOUND, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return Problems.of(ProblemType.CONFLICT, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(StaleVersionException.class)
    ProblemDetail stale(StaleVersionException e) {
        return Problems.of(ProblemType.STALE_VERSION, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(UnavailableException.class)
    ProblemDetail unavailable(UnavailableException e) {
        log.warn("request refused, something it needs is unavailable: {}", e.getMessage());
        return Problems.of(ProblemType.UNAVAILABLE, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ProblemDetail tooLarge(BodyTooLargeException e) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(TooLargeException.class)
    ProblemDetail tooLarge(TooLargeException e) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        // Checks run before writes; reaching here means a concurrent change won the race.
        log.info(
                "write refused by a database constraint: {}",
                e.getMostSpecificCause().getMessage());
        return Problems.of(ProblemType.CONFLICT, "The change clashes with another change made at the same time; retry");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("unexpected error, incident {}", incident, e);
        ProblemDetail problem = Problems.of(
                ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. It was logged as incident " + incident + ".");
        problem.setProperty("incident", incident);
        return problem;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        java.util.Optional<BodyTooLargeException> tooLarge = cause(e, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(Problems.of(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            String.valueOf(tooLarge.get().getMessage())));
        }
        FieldError error = cause(e, JacksonException.class)
                .map(j -> JsonErrors.toFieldError(j, ""))
                .orElse(new FieldError("", "a JSON body is required"));
        return ResponseEntity.badRequest().body(Problems.invalidFields(List.of(error)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "value" : e.getPropertyName();
        // An id in the path that cannot exist (a case number "abc") names nothing: 404, like an unknown one.
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                && m.getParameter()
                        .hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Problems.of(ProblemType.NOT_FOUND, "No " + name + " '" + e.getValue() + "'"));
        }
        Class<?> type = e.getRequiredType();
        String expected = type == null
                ? "of another type"
                : type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants()) : "a " + type.getSimpleName();
        return ResponseEntity.badRequest().body(Problems.invalidParameter(name, "must be " + expected));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalidParameter(e.getParameterName(), "is required"));
    }

    // Framework errors (405, 415, ...) keep Spring's detail but get our stable type and title.
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(String.valueOf(problem.getType())))) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static <T extends Throwable> java.util.Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return java.util.Optional.of(type.cast(t));
            }
        }
        return java.util.Optional.empty();
    }
}

package dev.warden.server.api;

import dev.warden.core.validation.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds problem documents of the stable types. */
public final class Problems {
    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** An invalid-input problem listing every field error by JSON Pointer. */
    public static ProblemDetail invalidFields(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "One field is invalid: " + errors.get(0)
                : errors.size() + " fields are invalid; see errors";
        ProblemDetail problem = of(ProblemType.INVALID_INPUT, detail);
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("pointer", e.pointer(), "message", e.message()))
                        .toList());
        return problem;
    }

    /** An invalid-input problem naming one query or path parameter. */
    public static ProblemDetail invalidParameter(String parameter, String message) {
        ProblemDetail problem = of(ProblemType.INVALID_INPUT, "Parameter '" + parameter + "' " + message);
        problem.setProperty("errors", List.of(Map.of("parameter", parameter, "message", message)));
        return problem;
    }
}

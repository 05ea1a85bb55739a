package dev.warden.core.validation;

import java.util.List;

/** Input that was rejected as a whole, with every error found in it. */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidInputException(String summary, List<FieldError> errors) {
        super(summary + ": " + errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one error");
        }
        this.errors = errors.stream().sorted(FieldError.ORDER).toList();
    }

    public InvalidInputException(String pointer, String message) {
        this("invalid input", List.of(new FieldError(pointer, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package dev.warden.core.validation;

import java.util.Comparator;

/**
 * One thing wrong with an input document, located by a JSON Pointer (RFC 6901) such as
 * {@code /partners/2/tier}; the empty pointer means the whole document.
 */
public record FieldError(String pointer, String message) {
    /** Errors sorted by where they are, then by what they say, so reports are stable. */
    public static final Comparator<FieldError> ORDER =
            Comparator.comparing((FieldError e) -> e.pointer()).thenComparing(e -> e.message());

    public FieldError {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON Pointer starts with '/': " + pointer);
        }
    }

    /** A pointer to a member of the node at {@code base}, escaping as RFC 6901 requires. */
    public static String pointer(String base, Object... steps) {
        StringBuilder sb = new StringBuilder(base);
        for (Object step : steps) {
            sb.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}

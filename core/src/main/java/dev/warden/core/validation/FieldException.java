package dev.warden.core.validation;

/**
 * A value refused by a domain type's constructor, addressed to the field it came from (a JSON pointer
 * relative to the object being built, such as {@code /note}), so the API and imports can report it
 * on the right field wherever the object sits in a request or a snapshot.
 */
public final class FieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    public FieldException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** The field, relative to the object being built. */
    public String pointer() {
        return pointer;
    }

    /** The error, with the field placed under {@code base} (the object's own pointer). */
    public FieldError at(String base) {
        return new FieldError(base + pointer, String.valueOf(getMessage()));
    }
}

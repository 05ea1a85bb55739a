package dev.warden.core.validation;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the field errors of one request, so a request can check itself and report every mistake
 * at once, each addressed by its JSON pointer.
 */
public final class Fields {
    private final String summary;
    private final List<FieldError> errors = new ArrayList<>();

    /** @param summary what was refused, as the problem's title says it ("invalid escalation") */
    public Fields(String summary) {
        this.summary = summary;
    }

    /** Records an error. */
    public Fields error(String pointer, String message) {
        errors.add(new FieldError(pointer, message));
        return this;
    }

    /** Requires a value, saying what is expected when it is missing. */
    public Fields require(String pointer, @Nullable Object value, String whatIsExpected) {
        return value == null ? error(pointer, whatIsExpected) : this;
    }

    /** Requires text that is not blank, saying what the person should write when it is. */
    public Fields requireText(String pointer, @Nullable String text, String whatToSay) {
        return text == null || text.isBlank() ? error(pointer, whatToSay) : this;
    }

    /** Refuses text longer than {@code max} characters. */
    public Fields maxLength(String pointer, @Nullable String text, int max) {
        return text != null && text.length() > max ? error(pointer, "is longer than " + max + " characters") : this;
    }

    /** Whether any error was found so far. */
    public boolean failed() {
        return !errors.isEmpty();
    }

    /** Throws every error found, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary, List.copyOf(errors));
        }
    }
}

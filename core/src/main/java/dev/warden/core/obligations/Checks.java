package dev.warden.core.obligations;

import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks shared by the obligation records' constructors. */
final class Checks {
    /** Longest free text (an update, a plan, a review section). */
    static final int MAX_TEXT = 20_000;

    private Checks() {}

    /** An id of a record: letters, digits, dot, dash, underscore; 1 to 64 characters. */
    static String id(String value, String what) {
        if (value.isEmpty() || value.length() > 64 || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(what + " must be 1 to 64 letters, digits, '.', '-' or '_'");
        }
        return value;
    }

    /** A short line: 1 to 200 characters, not blank. */
    static String line(String value, String what) {
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(what + " must be 1 to 200 characters and not blank");
        }
        return value;
    }

    /** Free text: not blank, at most {@link #MAX_TEXT} characters. */
    static String text(@Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** A non-empty list without repeats. */
    static <T> List<T> distinct(@Nullable List<T> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException(what + " must not repeat an entry");
        }
        return List.copyOf(values);
    }
}

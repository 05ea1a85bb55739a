package dev.warden.core.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's failures into field errors a person can act on, located by JSON Pointer. */
public final class JsonErrors {
    private JsonErrors() {}

    public static FieldError toFieldError(JacksonException e, String base) {
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new FieldError(base, "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        StringBuilder at = new StringBuilder(base);
        for (JacksonException.Reference ref : e.getPath()) {
            String name = ref.getPropertyName();
            at.append('/').append(name != null ? escape(name) : Integer.toString(ref.getIndex()));
        }
        return new FieldError(at.toString(), describe(e));
    }

    private static String describe(JacksonException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            return "'" + invalid.getValue() + "' is not a valid " + (target == null ? "value" : target.getSimpleName());
        }
        String original = e.getOriginalMessage();
        if (e instanceof MismatchedInputException mismatched
                && mismatched.getTargetType() != null
                && original != null
                && original.startsWith("Cannot deserialize")) {
            return "has the wrong type; expected " + mismatched.getTargetType().getSimpleName();
        }
        return original == null ? "is not valid here" : original;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

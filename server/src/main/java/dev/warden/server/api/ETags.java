package dev.warden.server.api;

import dev.warden.server.shared.InvalidParameterException;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** Versions as strong ETags ({@code "3"}), and the If-Match header read back into a version. */
public final class ETags {
    private ETags() {}

    public static String of(int version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names, or empty when the client sent none (last write wins). */
    public static OptionalInt ifMatch(@Nullable String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalInt.empty();
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
            throw new InvalidParameterException("If-Match", "must be an ETag such as \"3\"");
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.substring(1, value.length() - 1)));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("If-Match", "names no version of this resource: " + header);
        }
    }
}

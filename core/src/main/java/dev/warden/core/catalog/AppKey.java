package dev.warden.core.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/** An app's marketplace key, such as {@code com.example.jira-timesheets}. */
public record AppKey(@JsonValue String value) implements Comparable<AppKey> {
    public AppKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an app key: " + value);
        }
    }

    @JsonCreator
    public static AppKey of(String value) {
        return new AppKey(value);
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._-]{0,199}}, checked by hand: every ticket names an app. */
    public static boolean isValid(String value) {
        if (value.isEmpty()
                || value.length() > 200
                || !Character.isLetterOrDigit(value.charAt(0))
                || value.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || (i > 0 && (c == '.' || c == '_' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(AppKey other) {
        return value.compareTo(other.value);
    }

    // Written out: apps are looked up once per ticket, and this is cheaper than the generated equals.
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AppKey key && value.equals(key.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

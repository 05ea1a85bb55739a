package dev.warden.core.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** An app's marketplace key, such as {@code com.example.jira-timesheets}. */
public record AppKey(@JsonValue String value) implements Comparable<AppKey> {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public AppKey {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an app key: " + value);
        }
    }

    @JsonCreator
    public static AppKey of(String value) {
        return new AppKey(value);
    }

    public static boolean isValid(String value) {
        return FORM.matcher(value).matches();
    }

    @Override
    public int compareTo(AppKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

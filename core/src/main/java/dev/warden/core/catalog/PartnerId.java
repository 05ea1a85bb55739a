package dev.warden.core.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A partner's stable id: a lowercase slug such as {@code acme-software}. */
public record PartnerId(@JsonValue String value) implements Comparable<PartnerId> {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public PartnerId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a partner id (lowercase letters, digits, dashes; 2-63): " + value);
        }
    }

    @JsonCreator
    public static PartnerId of(String value) {
        return new PartnerId(value);
    }

    public static boolean isValid(String value) {
        return FORM.matcher(value).matches();
    }

    @Override
    public int compareTo(PartnerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.warden.core.tickets;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A ticket's key in the tracker, such as {@code AMS-412}. */
public record TicketKey(@JsonValue String value) implements Comparable<TicketKey> {
    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,9}");

    public TicketKey {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a ticket key (PROJECT-NUMBER, for example AMS-412): " + value);
        }
    }

    @JsonCreator
    public static TicketKey of(String value) {
        return new TicketKey(value);
    }

    public static boolean isValid(String value) {
        return FORM.matcher(value).matches();
    }

    /** Orders AMS-9 before AMS-10. */
    @Override
    public int compareTo(TicketKey other) {
        int dash = value.lastIndexOf('-');
        int otherDash = other.value.lastIndexOf('-');
        int project = value.substring(0, dash).compareTo(other.value.substring(0, otherDash));
        if (project != 0) {
            return project;
        }
        return Long.compare(
                Long.parseLong(value.substring(dash + 1)), Long.parseLong(other.value.substring(otherDash + 1)));
    }

    @Override
    public String toString() {
        return value;
    }
}

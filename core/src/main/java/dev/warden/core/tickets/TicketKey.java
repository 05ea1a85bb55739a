package dev.warden.core.tickets;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A ticket's key in the tracker, such as {@code AMS-412}. */
public record TicketKey(@JsonValue String value) implements Comparable<TicketKey> {
    /** The tracker project of tickets reported in Warden: the operator's Marketplace Security project. */
    public static final String PROJECT = "AMS";

    public TicketKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a ticket key (PROJECT-NUMBER, for example AMS-412): " + value);
        }
    }

    @JsonCreator
    public static TicketKey of(String value) {
        return new TicketKey(value);
    }

    /** The key of ticket {@code number} of {@link #PROJECT}. */
    public static TicketKey numbered(long number) {
        return new TicketKey(PROJECT + "-" + number);
    }

    /** {@code [A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,9}}, checked by hand: a snapshot holds a million keys. */
    public static boolean isValid(String value) {
        int dash = value.indexOf('-');
        if (dash < 2 || dash > 10 || value.length() - dash < 2 || value.length() - dash > 11) {
            return false;
        }
        char first = value.charAt(0);
        if (first < 'A' || first > 'Z') {
            return false;
        }
        for (int i = 1; i < dash; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        if (value.charAt(dash + 1) == '0') {
            return false;
        }
        for (int i = dash + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Orders AMS-9 before AMS-10, without allocating: evaluation sorts a million of these. */
    @Override
    public int compareTo(TicketKey other) {
        String a = value;
        String b = other.value;
        int dashA = a.lastIndexOf('-');
        int dashB = b.lastIndexOf('-');
        int common = Math.min(dashA, dashB);
        for (int i = 0; i < common; i++) {
            int c = Character.compare(a.charAt(i), b.charAt(i));
            if (c != 0) {
                return c;
            }
        }
        if (dashA != dashB) {
            return Integer.compare(dashA, dashB);
        }
        // Numbers have no leading zeros: the longer is the larger, else compare digit by digit.
        int lengthA = a.length() - dashA;
        int lengthB = b.length() - dashB;
        if (lengthA != lengthB) {
            return Integer.compare(lengthA, lengthB);
        }
        for (int i = dashA + 1; i < a.length(); i++) {
            int c = Character.compare(a.charAt(i), b.charAt(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return value;
    }
}

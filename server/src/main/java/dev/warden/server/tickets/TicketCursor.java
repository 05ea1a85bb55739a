package dev.warden.server.tickets;

import dev.warden.server.shared.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A position in a sorted list of tickets, handed to a client as an opaque string: the sort it belongs
 * to, the sort column's value in the row at that position (none for the key sort) and that row's key.
 * A page that starts after (or ends before) a cursor is read from an index wherever it lies in the list,
 * where an offset makes the database count its way past every row in front of it.
 */
record TicketCursor(String sort, @Nullable String value, String project, long number) {
    private static final char SEPARATOR = '\n';

    String encode() {
        String text = sort + SEPARATOR + (value == null ? "" : value) + SEPARATOR + project + SEPARATOR + number;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor in {@code text} (given as the {@code param} parameter), which must have been made for
     * {@code sort}: a cursor of another order points nowhere in this one.
     */
    static TicketCursor decode(String param, String text, String sort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
        } catch (IllegalArgumentException e) {
            throw notACursor(param);
        }
        if (parts.length != 4 || parts[2].isEmpty() || !parts[3].matches("[0-9]{1,18}")) {
            throw notACursor(param);
        }
        if (!parts[0].equals(sort)) {
            throw new InvalidParameterException(
                    param, "was given for another sort order (" + parts[0] + "); start again from the first page");
        }
        return new TicketCursor(parts[0], parts[1].isEmpty() ? null : parts[1], parts[2], Long.parseLong(parts[3]));
    }

    static InvalidParameterException notACursor(String param) {
        return new InvalidParameterException(param, "is not a cursor this list gave (use the next or previous value)");
    }
}

package dev.warden.core.snapshot;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.policy.ExtensionReason;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.tickets.TicketEvent;
import dev.warden.core.tickets.TicketEventType;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.tickets.TicketType;
import dev.warden.core.time.Instants;
import dev.warden.core.validation.FieldException;
import dev.warden.core.validation.InvalidInputException;
import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one ticket straight from the token stream, without data binding: a snapshot may hold a million
 * of them and reflection would cost more than the evaluation. Accepts exactly what the schema's
 * {@code ticket} definition accepts and reports the first error with its JSON Pointer; pointers are
 * built only when something is wrong.
 */
final class TicketReader {
    private final Symbols symbols = new Symbols();

    /** Reads ticket {@code index} of the array at {@code list}; the parser is on its START_OBJECT. */
    Ticket read(JsonParser p, String list, int index) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException(list + "/" + index, "must be an object");
        }
        String key = null;
        String type = null;
        String app = null;
        AppKey appKey = null;
        String hosting = null;
        String title = null;
        List<TicketEvent> events = null;
        Ticket.Details details = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "key":
                    key = plainText(p, list, index, field);
                    break;
                case "type":
                    type = text(p, list, index, field);
                    break;
                case "app":
                    app = text(p, list, index, field);
                    appKey = appKey(app, list, index);
                    break;
                case "hosting":
                    hosting = text(p, list, index, field);
                    break;
                case "title":
                    title = plainText(p, list, index, field);
                    break;
                case "events":
                    events = events(p, list, index);
                    break;
                case "details":
                    details = details(p, list + "/" + index + "/details");
                    break;
                default:
                    throw new InvalidInputException(list + "/" + index + "/" + field, "is not a known field here");
            }
        }
        String k = required(list, index, "key", key);
        String t = required(list, index, "type", type);
        String a = required(list, index, "app", app);
        String h = required(list, index, "hosting", hosting);
        String ti = required(list, index, "title", title);
        List<TicketEvent> ev = required(list, index, "events", events);
        try {
            return new Ticket(
                    TicketKey.of(k),
                    enumOf(TicketType.class, list, index, "type", t),
                    Objects.requireNonNull(appKey),
                    enumOf(Hosting.class, list, index, "hosting", h),
                    ti,
                    ev,
                    details);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw located(list + "/" + index, e);
        }
    }

    /** One AppKey per app, checked once and kept beside its interned name: tickets repeat apps. */
    private AppKey appKey(String value, String list, int index) {
        if (symbols.attached() instanceof AppKey known) {
            return known;
        }
        try {
            AppKey key = AppKey.of(value);
            symbols.attach(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw located(list + "/" + index, e);
        }
    }

    /** A ticket's details: an object of description, cwe and affectedVersions, each optional. */
    private static Ticket.Details details(JsonParser p, String at) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException(at, "must be an object");
        }
        String description = null;
        String cwe = null;
        String versions = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidInputException(at + "/" + field, "must be a string");
            }
            switch (field) {
                case "description" -> description = p.getString();
                case "cwe" -> cwe = p.getString();
                case "affectedVersions" -> versions = p.getString();
                default -> throw new InvalidInputException(at + "/" + field, "is not a known field here");
            }
        }
        try {
            return new Ticket.Details(description, cwe, versions);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, String.valueOf(e.getMessage()));
        }
    }

    private List<TicketEvent> events(JsonParser p, String list, int ticket) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(list + "/" + ticket + "/events", "must be an array");
        }
        List<TicketEvent> events = new ArrayList<>(4);
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            events.add(event(p, list, ticket, index));
            index++;
        }
        return events;
    }

    private TicketEvent event(JsonParser p, String tickets, int ticket, int index) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException(where(tickets, ticket, index), "must be an object");
        }
        String type = null;
        Instant time = null;
        String actor = null;
        String cvss = null;
        Double score = null;
        String note = null;
        String reason = null;
        String plan = null;
        Instant proposedDueAt = null;
        Instant dueAt = null;
        String of = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type":
                    type = text(p, tickets, ticket, index, field);
                    break;
                case "at":
                    time = instant(p, tickets, ticket, index, field);
                    break;
                case "actor":
                    actor = text(p, tickets, ticket, index, field);
                    break;
                case "cvss":
                    cvss = text(p, tickets, ticket, index, field);
                    break;
                case "score":
                    if (!p.currentToken().isNumeric()) {
                        throw new InvalidInputException(where(tickets, ticket, index) + "/score", "must be a number");
                    }
                    score = p.getDoubleValue();
                    break;
                case "note":
                    note = text(p, tickets, ticket, index, field);
                    break;
                case "reason":
                    reason = text(p, tickets, ticket, index, field);
                    break;
                case "plan":
                    plan = text(p, tickets, ticket, index, field);
                    break;
                case "proposedDueAt":
                    proposedDueAt = instant(p, tickets, ticket, index, field);
                    break;
                case "dueAt":
                    dueAt = instant(p, tickets, ticket, index, field);
                    break;
                case "of":
                    of = text(p, tickets, ticket, index, field);
                    break;
                default:
                    throw new InvalidInputException(
                            where(tickets, ticket, index) + "/" + field, "is not a known field here");
            }
        }
        String name = need(tickets, ticket, index, "type", type);
        Instant when = need(tickets, ticket, index, "at", time);
        String who = need(tickets, ticket, index, "actor", actor);
        TicketEventType kind = TicketEventType.named(name)
                .orElseThrow(() -> new InvalidInputException(
                        where(tickets, ticket, index) + "/type", "is not an event type: " + name));
        try {
            switch (kind) {
                case REPORTED:
                    return new TicketEvent.Reported(when, who, cvss, score, note);
                case TRIAGED:
                    return new TicketEvent.Triaged(when, who, note);
                case SEVERITY_CHANGED:
                    return new TicketEvent.SeverityChanged(
                            when, who, cvss, score, need(tickets, ticket, index, "note", note));
                case EXTENSION_REQUESTED:
                    return new TicketEvent.ExtensionRequested(
                            when,
                            who,
                            enumOf(
                                    ExtensionReason.class,
                                    where(tickets, ticket, index),
                                    0,
                                    "reason",
                                    need(tickets, ticket, index, "reason", reason)),
                            need(tickets, ticket, index, "plan", plan),
                            need(tickets, ticket, index, "proposedDueAt", proposedDueAt),
                            note);
                case EXTENSION_APPROVED:
                    return new TicketEvent.ExtensionApproved(when, who, dueAt, note);
                case EXTENSION_DENIED:
                    return new TicketEvent.ExtensionDenied(when, who, need(tickets, ticket, index, "note", note));
                case WAITING_FOR_RELEASE:
                    return new TicketEvent.WaitingForRelease(when, who, note);
                case RELEASED:
                    return new TicketEvent.Released(when, who, note);
                case VERIFIED_PATCHED:
                    return new TicketEvent.VerifiedPatched(when, who, note);
                case MARKED_DUPLICATE:
                    return new TicketEvent.MarkedDuplicate(
                            when, who, TicketKey.of(need(tickets, ticket, index, "of", of)), note);
                case MARKED_NOT_APPLICABLE:
                    return new TicketEvent.MarkedNotApplicable(when, who, need(tickets, ticket, index, "note", note));
                case REOPENED:
                    return new TicketEvent.Reopened(when, who, need(tickets, ticket, index, "note", note));
                case BREACHED:
                    return new TicketEvent.Breached(when, who, need(tickets, ticket, index, "dueAt", dueAt));
                case COMMENTED:
                    return new TicketEvent.Commented(when, who, need(tickets, ticket, index, "note", note));
                case ACKNOWLEDGED:
                    return new TicketEvent.Acknowledged(when, who, note);
                default:
                    throw new IllegalStateException("no reader for event type " + kind);
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw located(where(tickets, ticket, index), e);
        }
    }

    // A constructor's refusal (a bad key, events out of order, a bad CVSS vector) is located at the
    // object, or at its field when the constructor names one.
    private static InvalidInputException located(String at, IllegalArgumentException e) {
        if (e instanceof FieldException f) {
            return new InvalidInputException("invalid input", java.util.List.of(f.at(at)));
        }
        return new InvalidInputException(at, String.valueOf(e.getMessage()));
    }

    private String text(JsonParser p, String at, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(at + "/" + field, "must be a string");
        }
        return symbols.get(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
    }

    private String text(JsonParser p, String list, int index, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(list + "/" + index + "/" + field, "must be a string");
        }
        return symbols.get(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
    }

    // Keys and titles never repeat: interning them would only cost.
    private static String plainText(JsonParser p, String list, int index, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(list + "/" + index + "/" + field, "must be a string");
        }
        return p.getString();
    }

    private String text(JsonParser p, String tickets, int ticket, int index, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(where(tickets, ticket, index) + "/" + field, "must be a string");
        }
        return symbols.get(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
    }

    private static String where(String tickets, int ticket, int index) {
        return tickets + "/" + ticket + "/events/" + index;
    }

    private static Instant instant(JsonParser p, String tickets, int ticket, int index, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(where(tickets, ticket, index) + "/" + field, "must be a string");
        }
        // Read from the parser's own buffer: no String for the commonest value in a snapshot.
        CharSequence text = CharBuffer.wrap(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
        try {
            return Instants.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    where(tickets, ticket, index) + "/" + field,
                    "is not an instant in UTC like 2026-04-15T09:30:00Z: " + text);
        }
    }

    private static <E extends Enum<E>> E enumOf(
            Class<E> type, String tickets, int ticket, int index, String field, String value) {
        for (E e : constants(type)) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return enumOf(type, where(tickets, ticket, index) + "/" + field, value);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String list, int index, String field, String value) {
        for (E e : constants(type)) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return enumOf(type, list + "/" + index + "/" + field, value);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String at, String value) {
        for (E e : constants(type)) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw new InvalidInputException(
                at, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static final TicketType[] TYPES = TicketType.values();
    private static final Hosting[] HOSTINGS = Hosting.values();
    private static final ExtensionReason[] REASONS = ExtensionReason.values();

    // values() copies its array; these few enums are matched a million times.
    @SuppressWarnings("unchecked")
    private static <E extends Enum<E>> E[] constants(Class<E> type) {
        if (type == TicketType.class) {
            return (E[]) TYPES;
        }
        if (type == Hosting.class) {
            return (E[]) HOSTINGS;
        }
        if (type == ExtensionReason.class) {
            return (E[]) REASONS;
        }
        return type.getEnumConstants();
    }

    private static <T> T need(String tickets, int ticket, int index, String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidInputException(where(tickets, ticket, index) + "/" + field, "is required");
        }
        return value;
    }

    private static <T> T required(String list, int index, String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidInputException(list + "/" + index + "/" + field, "is required");
        }
        return value;
    }

    private static <T> T required(String at, String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidInputException(at + "/" + field, "is required");
        }
        return value;
    }

    private static void expect(boolean condition, String at, String message) {
        if (!condition) {
            throw new InvalidInputException(at, message);
        }
    }
}

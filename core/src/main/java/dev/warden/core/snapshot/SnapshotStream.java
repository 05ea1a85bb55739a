package dev.warden.core.snapshot;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.obligations.BadgeAward;
import dev.warden.core.obligations.BountyProgram;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentProcess;
import dev.warden.core.obligations.ScanFinding;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.obligations.Verification;
import dev.warden.core.tickets.Ticket;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.JsonErrors;
import java.io.InputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a snapshot one object at a time, for documents too large to hold as a tree (a million
 * tickets). Each object is bound and checked by its type's constructor; the first error stops the
 * read and is reported with its location. {@code warden validate} gives the full schema report.
 */
public final class SnapshotStream {
    /** Receives the objects of a snapshot in document order. */
    public interface Handler {
        default void partner(Partner partner) {}

        default void app(App app) {}

        default void ticket(Ticket ticket) {}

        /** An incident, bug bounty program, verification, entity change or token use record. */
        default void obligation(Object record) {}
    }

    // Each object is read from the middle of the document: what follows it is not "trailing".
    private static final ObjectReader PARTNER = reader(Partner.class);
    private static final ObjectReader APP = reader(App.class);
    private static final java.util.Map<String, ObjectReader> OBLIGATIONS = java.util.Map.of(
            "incidents", reader(Incident.class),
            "bountyPrograms", reader(BountyProgram.class),
            "verifications", reader(Verification.class),
            "entityChanges", reader(EntityChange.class),
            "tokenUse", reader(TokenUse.class),
            "scanFindings", reader(ScanFinding.class),
            "incidentProcesses", reader(IncidentProcess.class),
            "badgeAwards", reader(BadgeAward.class),
            "privacyDeclarations", reader(dev.warden.core.obligations.PrivacyDeclaration.class));

    private static ObjectReader reader(Class<?> type) {
        return SnapshotCodec.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private SnapshotStream() {}

    /** Reads the document, calling {@code handler} for each object; throws at the first error. */
    public static void read(InputStream in, Handler handler) {
        String at = "";
        try (JsonParser parser = SnapshotCodec.mapper().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("", "a snapshot is a JSON object");
            }
            boolean formatSeen = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                at = "/" + field;
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "format":
                        if (value != JsonToken.VALUE_STRING || !Snapshot.FORMAT.equals(parser.getString())) {
                            throw invalid(at, "must be " + Snapshot.FORMAT);
                        }
                        formatSeen = true;
                        break;
                    case "exportedAt":
                        break;
                    case "partners":
                        at = readArray(parser, at, PARTNER, o -> handler.partner((Partner) o));
                        break;
                    case "apps":
                        at = readArray(parser, at, APP, o -> handler.app((App) o));
                        break;
                    case "tickets":
                        readTickets(parser, at, handler);
                        break;
                    default:
                        ObjectReader obligation = OBLIGATIONS.get(field);
                        if (obligation == null) {
                            throw invalid(at, "is not a known field here");
                        }
                        at = readArray(parser, at, obligation, handler::obligation);
                        break;
                }
            }
            if (!formatSeen) {
                throw invalid("/format", "is required");
            }
        } catch (JacksonException e) {
            FieldError error = JsonErrors.toFieldError(e, at);
            throw new InvalidInputException("the snapshot is invalid", List.of(error));
        }
    }

    private static String readArray(
            JsonParser parser, String at, ObjectReader reader, java.util.function.Consumer<Object> sink) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(at, "must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String here = at + "/" + index;
            Object value;
            try {
                value = reader.readValue(parser);
            } catch (JacksonException e) {
                throw new InvalidInputException("the snapshot is invalid", List.of(JsonErrors.toFieldError(e, here)));
            }
            sink.accept(value);
            index++;
        }
        return at;
    }

    private static void readTickets(JsonParser parser, String at, Handler handler) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(at, "must be an array");
        }
        TicketReader reader = new TicketReader();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            handler.ticket(reader.read(parser, at, index));
            index++;
        }
    }

    private static InvalidInputException invalid(String pointer, String message) {
        return new InvalidInputException(pointer, message);
    }
}

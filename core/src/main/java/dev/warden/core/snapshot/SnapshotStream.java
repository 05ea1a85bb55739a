package dev.warden.core.snapshot;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.Partner;
import dev.warden.core.enforcement.EnforcementCase;
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
import dev.warden.core.validation.JsonSchemaCheck;
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

        /** An enforcement case with its history. */
        default void enforcementCase(EnforcementCase enforcementCase) {}
    }

    // Each object is read from the middle of the document: what follows it is not "trailing".
    /** How one array's objects are read: checked against their schema definition, then bound to their type. */
    private record Kind(ObjectReader reader, String definition) {}

    private static final ObjectReader TREE = SnapshotCodec.mapper()
            .readerFor(tools.jackson.databind.JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Kind PARTNER = kind(Partner.class, "partner");
    private static final Kind APP = kind(App.class, "app");
    private static final Kind CASE = kind(EnforcementCase.class, "enforcementCase");
    private static final java.util.Map<String, Kind> OBLIGATIONS = java.util.Map.of(
            "incidents", kind(Incident.class, "incident"),
            "bountyPrograms", kind(BountyProgram.class, "bountyProgram"),
            "verifications", kind(Verification.class, "verification"),
            "entityChanges", kind(EntityChange.class, "entityChange"),
            "tokenUse", kind(TokenUse.class, "tokenUse"),
            "scanFindings", kind(ScanFinding.class, "scanFinding"),
            "incidentProcesses", kind(IncidentProcess.class, "incidentProcess"),
            "badgeAwards", kind(BadgeAward.class, "badgeAward"),
            "privacyDeclarations", kind(dev.warden.core.obligations.PrivacyDeclaration.class, "privacyDeclaration"),
            "scopeReviews", kind(dev.warden.core.obligations.ScopeReview.class, "scopeReview"));

    private static Kind kind(Class<?> type, String definition) {
        return new Kind(
                SnapshotCodec.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS),
                definition);
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
                    case "enforcementCases":
                        at = readArray(parser, at, CASE, o -> handler.enforcementCase((EnforcementCase) o));
                        break;
                    case "tickets":
                        readTickets(parser, at, handler);
                        break;
                    default:
                        Kind obligation = OBLIGATIONS.get(field);
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

    /**
     * Reads an array of objects of one kind. Each object (small: a partner, an app, one obligation
     * record) is held as a tree just long enough to be checked against its schema definition, so what
     * the schema refuses is refused with its field's location, as {@code warden validate} would, before
     * a constructor sees it.
     */
    private static String readArray(JsonParser parser, String at, Kind kind, java.util.function.Consumer<Object> sink) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(at, "must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String here = at + "/" + index;
            Object value;
            try {
                tools.jackson.databind.JsonNode node = TREE.readValue(parser);
                List<FieldError> errors = JsonSchemaCheck.SNAPSHOT.checkObject(node, kind.definition()).stream()
                        .map(e -> new FieldError(here + e.pointer(), e.message()))
                        .toList();
                if (!errors.isEmpty()) {
                    throw new InvalidInputException("the snapshot is invalid", errors);
                }
                value = kind.reader().readValue(node);
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

package dev.warden.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.tickets.Ticket;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotStreamTest {
    static final String TICKETS = """
            {"format": "warden.snapshot/v1",
             "tickets": [
               {"key": "AMS-1", "type": "SCANNER", "app": "a.b", "hosting": "CLOUD", "title": "x",
                "details": {"description": "## Steps\\n1. Open the macro", "cwe": "CWE-79", "affectedVersions": "1.0 to 2.3"},
                "events": [{"type": "REPORTED", "at": "2026-06-01T00:00:00Z", "actor": "s", "score": 9.1, "note": "n"},
                           {"type": "EXTENSION_REQUESTED", "at": "2026-06-02T00:00:00Z", "actor": "p",
                            "reason": "UPSTREAM_DEPENDENCY", "plan": "wait", "proposedDueAt": "2026-07-01T00:00:00Z"},
                           {"type": "EXTENSION_APPROVED", "at": "2026-06-03T00:00:00Z", "actor": "a"},
                           {"type": "MARKED_DUPLICATE", "at": "2026-06-04T00:00:00Z", "actor": "a", "of": "AMS-9"},
                           {"type": "REOPENED", "at": "2026-06-05T00:00:00Z", "actor": "a", "note": "again"}]}]}
            """;

    static List<Ticket> read(String json) {
        List<Ticket> tickets = new ArrayList<>();
        SnapshotStream.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new SnapshotStream.Handler() {
                    @Override
                    public void ticket(Ticket ticket) {
                        tickets.add(ticket);
                    }
                });
        return tickets;
    }

    static FieldError errorOf(String json) {
        try {
            read(json);
        } catch (InvalidInputException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void theStreamReadsTicketsExactlyAsTheCodecDoes() {
        List<Ticket> streamed = read(TICKETS);
        String withApp = TICKETS.replace(
                "\"tickets\":",
                "\"apps\": [{\"key\": \"a.b\", \"name\": \"A\", \"partner\": \"p1\","
                        + " \"listings\": [{\"hosting\": \"CLOUD\", \"state\": \"LISTED\"}]}],"
                        + " \"partners\": [{\"id\": \"p1\", \"name\": \"P\", \"tier\": \"NONE\"}], \"tickets\":");
        Snapshot bound = SnapshotCodec.read(withApp.getBytes(StandardCharsets.UTF_8));

        assertThat(streamed).isEqualTo(bound.tickets());
        assertThat(streamed.get(0).events()).hasSize(5);
        assertThat(streamed.get(0).details())
                .isEqualTo(new Ticket.Details("## Steps\n1. Open the macro", "CWE-79", "1.0 to 2.3"));
    }

    @Test
    void errorsAreLocatedByJsonPointer() {
        assertThat(errorOf(TICKETS.replace("\"actor\": \"p\",", "\"actor\": \"p\", \"colour\": 1,")))
                .isEqualTo(new FieldError("/tickets/0/events/1/colour", "is not a known field here"));
        assertThat(errorOf(TICKETS.replace("\"plan\": \"wait\", ", "")))
                .isEqualTo(new FieldError("/tickets/0/events/1/plan", "is required"));
        assertThat(errorOf(TICKETS.replace("2026-06-03T00:00:00Z", "3 June")).pointer())
                .isEqualTo("/tickets/0/events/2/at");
        assertThat(errorOf(TICKETS.replace("\"hosting\": \"CLOUD\"", "\"hosting\": \"MOON\""))
                        .pointer())
                .isEqualTo("/tickets/0/hosting");
        assertThat(errorOf(TICKETS.replace("2026-06-05T00:00:00Z", "2026-05-05T00:00:00Z")))
                .isEqualTo(new FieldError("/tickets/0", "event 4 (REOPENED) is earlier than the one before it"));
        assertThat(errorOf(TICKETS.replace("\"score\": 9.1", "\"cvss\": \"CVSS:3.1/AV:Q\""))
                        .message())
                .contains("metric AV has no value Q");
        assertThat(errorOf("{\"format\": \"warden.snapshot/v1\", \"tickets\": [], \"extra\": 1}"))
                .isEqualTo(new FieldError("/extra", "is not a known field here"));
        assertThat(errorOf("{\"tickets\": []}")).isEqualTo(new FieldError("/format", "is required"));
        assertThat(errorOf(TICKETS.replace("\"CWE-79\"", "\"79\"")))
                .isEqualTo(new FieldError("/tickets/0/details", "a weakness is a CWE id such as CWE-79, not '79'"));
        assertThat(errorOf(TICKETS.replace("\"cwe\":", "\"weakness\":")))
                .isEqualTo(new FieldError("/tickets/0/details/weakness", "is not a known field here"));
    }

    @Test
    void theSchemaAndTheCodecRejectWhatTheStreamRejects() {
        String bad = TICKETS.replace("\"of\": \"AMS-9\"", "\"of\": \"nine\"");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SnapshotCodec.read(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .contains("/tickets/0/events/3/of"));
    }

    @Test
    void anUnknownFieldInAPartnerAnAppOrARecordIsAnErrorAsInTheSchema() {
        assertThat(errorOf("""
                        {"format": "warden.snapshot/v1", "partners": [{"id": "p", "name": "P", "tier": "GOLD", "teir": "x"}]}
                        """).pointer()).startsWith("/partners/0");
        assertThat(errorOf("""
                        {"format": "warden.snapshot/v1", "apps": [{"key": "a.b", "name": "A", "partner": "p",
                         "listings": [{"hosting": "CLOUD", "state": "LISTED", "instals": 3}]}]}
                        """).pointer()).startsWith("/apps/0");
        assertThat(errorOf("""
                        {"format": "warden.snapshot/v1", "verifications": [{"id": "VER-1", "partner": "p",
                         "requestedAt": "2026-02-01T00:00:00Z", "requested": "2026-02-01T00:00:00Z"}]}
                        """).pointer()).startsWith("/verifications/0");
    }
}

package dev.warden.server.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.tickets.TicketEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JiraIssuesTest {

    @Test
    void anEventsNoteIsReadWhateverItsKind() {
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        assertThat(JiraIssues.note(new TicketEvent.WaitingForRelease(at, "admin", "Ships on Friday")))
                .isEqualTo("Ships on Friday");
        assertThat(JiraIssues.note(new TicketEvent.Triaged(at, "admin", null))).isNull();
    }
}

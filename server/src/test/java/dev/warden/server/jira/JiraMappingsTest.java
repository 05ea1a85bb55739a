package dev.warden.server.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.cvss.Severity;
import dev.warden.core.tickets.TicketStatus;
import dev.warden.core.validation.Fields;
import dev.warden.core.validation.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraMappingsTest {

    @Test
    void theDefaultsAreThePolicysStatusesAndJirasPriorities() {
        JiraMappings m = JiraMappings.defaults();
        assertThat(m.status(TicketStatus.WAITING_FOR_RELEASE)).isEqualTo("Waiting for release");
        assertThat(m.priority(Severity.CRITICAL)).isEqualTo("Highest");
        assertThat(m.statusOf("needs PATCH")).contains(TicketStatus.NEEDS_PATCH);
        assertThat(m.statusOf("Done")).isEmpty();
    }

    @Test
    void aChangeReplacesOnlyTheEntriesGivenAndKeepsEarlierOnes() {
        Fields errors = new Fields("invalid");
        JiraMappings first = JiraMappings.defaults().with(Map.of("NEEDS_PATCH", "Open"), null, errors);
        JiraMappings second = first.with(Map.of("PATCHED", "Done"), Map.of("LOW", "Lowest"), errors);
        errors.check();
        assertThat(second.status(TicketStatus.NEEDS_PATCH)).isEqualTo("Open");
        assertThat(second.status(TicketStatus.PATCHED)).isEqualTo("Done");
        assertThat(second.priority(Severity.LOW)).isEqualTo("Lowest");
        assertThat(second.priority(Severity.HIGH)).isEqualTo("High");
        JiraMappings read = JiraMappings.read(second.statusesJson(), second.prioritiesJson());
        assertThat(read).isEqualTo(second);
    }

    @Test
    void unknownStatusesAndBlankNamesAreRefusedByPointer() {
        Fields errors = new Fields("invalid");
        JiraMappings.defaults().with(Map.of("FIXED", "Done", "PATCHED", " "), null, errors);
        assertThatThrownBy(errors::check)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .extracting(f -> f.pointer())
                        .containsExactlyInAnyOrder("/statuses/FIXED", "/statuses/PATCHED"));
    }
}

package dev.warden.core.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The ticket's state machine: every event in every status, as the operator's tracker moves tickets. */
class TicketEventTypeTest {

    // One row per event: the status after it in each status, in the order of TicketStatus
    // (NEEDS_TRIAGE, NEEDS_SECURITY_REVIEW, NEEDS_PATCH, EXTENSION_REQUESTED, WAITING_FOR_RELEASE, PATCHED,
    // DUPLICATE, NOT_APPLICABLE); "-" where the event is refused.
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "REPORTED              | -             | -             | -             | -                   | -                   | -           | -           | -",
                "TRIAGED               | NEEDS_PATCH   | -             | -             | -                   | -                   | -           | -           | -",
                "SEVERITY_CHANGED      | NEEDS_TRIAGE  | NEEDS_SECURITY_REVIEW | NEEDS_PATCH | EXTENSION_REQUESTED | WAITING_FOR_RELEASE | -  | -           | -",
                "EXTENSION_REQUESTED   | -             | -             | EXTENSION_REQUESTED | -             | -                   | -           | -           | -",
                "EXTENSION_APPROVED    | -             | -             | -             | NEEDS_PATCH         | -                   | -           | -           | -",
                "EXTENSION_DENIED      | -             | -             | -             | NEEDS_PATCH         | -                   | -           | -           | -",
                "WAITING_FOR_RELEASE   | -             | -             | WAITING_FOR_RELEASE | -             | -                   | -           | -           | -",
                "RELEASED              | -             | -             | NEEDS_SECURITY_REVIEW | -           | NEEDS_SECURITY_REVIEW | -         | -           | -",
                "VERIFIED_PATCHED      | PATCHED       | PATCHED       | PATCHED       | PATCHED             | PATCHED             | -           | -           | -",
                "MARKED_DUPLICATE      | DUPLICATE     | DUPLICATE     | DUPLICATE     | DUPLICATE           | DUPLICATE           | -           | -           | -",
                "MARKED_NOT_APPLICABLE | NOT_APPLICABLE | NOT_APPLICABLE | NOT_APPLICABLE | NOT_APPLICABLE   | NOT_APPLICABLE      | -           | -           | -",
                "REOPENED              | -             | -             | -             | -                   | -                   | NEEDS_PATCH | NEEDS_PATCH | NEEDS_PATCH",
                "BREACHED              | NEEDS_TRIAGE  | NEEDS_SECURITY_REVIEW | NEEDS_PATCH | EXTENSION_REQUESTED | WAITING_FOR_RELEASE | PATCHED | DUPLICATE | NOT_APPLICABLE",
                "COMMENTED             | NEEDS_TRIAGE  | NEEDS_SECURITY_REVIEW | NEEDS_PATCH | EXTENSION_REQUESTED | WAITING_FOR_RELEASE | PATCHED | DUPLICATE | NOT_APPLICABLE"
            })
    void eachEventHappensOnlyInItsStatuses(
            TicketEventType event,
            String s0,
            String s1,
            String s2,
            String s3,
            String s4,
            String s5,
            String s6,
            String s7) {
        String[] expected = {s0, s1, s2, s3, s4, s5, s6, s7};
        TicketStatus[] statuses = TicketStatus.values();
        assertThat(statuses).hasSize(expected.length);
        for (int i = 0; i < statuses.length; i++) {
            TicketStatus from = statuses[i];
            for (TicketType type : TicketType.values()) {
                if (expected[i].equals("-")) {
                    assertThat(event.possible(type, from))
                            .as("%s in %s", event, from)
                            .isFalse();
                    assertThatThrownBy(() -> event.apply(type, from)).isInstanceOf(IllegalTransitionException.class);
                } else {
                    assertThat(event.next(type, from))
                            .as("%s in %s", event, from)
                            .contains(TicketStatus.valueOf(expected[i]));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TicketType.class)
    void onlyBugBountyTicketsStartInTriage(TicketType type) {
        assertThat(TicketEventType.initialStatus(type))
                .isEqualTo(type == TicketType.BUG_BOUNTY ? TicketStatus.NEEDS_TRIAGE : TicketStatus.NEEDS_PATCH);
    }

    @ParameterizedTest
    @EnumSource(TicketEventType.class)
    void theJsonNameOfEachEventIsItsTypesName(TicketEventType kind) {
        // Java annotations need constants, so the names are written there once more: keep them in step.
        Map<String, Class<?>> named = new LinkedHashMap<>();
        Arrays.stream(TicketEvent.class.getAnnotation(JsonSubTypes.class).value())
                .forEach(t -> named.put(t.name(), t.value()));
        assertThat(named).hasSize(TicketEventType.values().length).containsKey(kind.name());
        assertThat(TicketEventType.named(kind.name())).contains(kind);
    }
}

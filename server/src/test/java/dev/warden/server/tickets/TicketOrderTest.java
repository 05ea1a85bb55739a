package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.tickets.TicketStatus;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.SqlFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TicketOrderTest {
    @Test
    void everyOrderEndsInTheKeyInItsDirectionAndReversesExactly() {
        assertThat(TicketOrder.of(null, false).orderBy(false)).isEqualTo(" order by project asc, number asc");
        assertThat(TicketOrder.of("-key", false).orderBy(false)).isEqualTo(" order by project desc, number desc");
        assertThat(TicketOrder.of("-key", false).orderBy(true)).isEqualTo(" order by project asc, number asc");
        assertThat(TicketOrder.of("-score", false).orderBy(false))
                .isEqualTo(" order by score desc, project desc, number desc");
        assertThat(TicketOrder.of("-score", false).orderBy(true))
                .isEqualTo(" order by score asc, project asc, number asc");
        assertThat(TicketOrder.of("-score", false).index()).isEqualTo("tickets_score");
        assertThat(TicketOrder.of("partner", false).index()).isNull();
    }

    @Test
    void anOpenListSortedByDueDateReadsTheOpenDueDate() {
        assertThat(TicketOrder.of("dueAt", true).orderBy(false)).startsWith(" order by open_due_at asc");
        assertThat(TicketOrder.of("dueAt", false).orderBy(false)).startsWith(" order by due_at asc");
        assertThat(TicketOrder.of("reportedAt", true).orderBy(false)).startsWith(" order by reported_at asc");
    }

    @Test
    void anUnknownSortNamesTheKnownOnes() {
        assertThatThrownBy(() -> TicketOrder.of("title", false))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dueAt, key, partner, reportedAt, score");
    }

    @Test
    void afterACursorComeItsProjectsRestThenLaterProjectsThenLaterValues() {
        List<String> ranges = TicketOrder.of("-dueAt", false)
                .after(new TicketCursor("-dueAt", "2026-05-01T00:00:00Z", "AMS", 7), false, "after")
                .stream()
                .map(SqlFilter::where)
                .toList();
        assertThat(ranges)
                .containsExactly(
                        " where due_at = :cursorValue and project = :cursorProject and number < :cursorNumber",
                        " where due_at = :cursorValue and project < :cursorProject",
                        " where due_at < :cursorValue");
        assertThat(TicketOrder.of(null, false).after(new TicketCursor("key", null, "AMS", 7), true, "before").stream()
                        .map(SqlFilter::where)
                        .toList())
                .containsExactly(
                        " where project = :cursorProject and number < :cursorNumber",
                        " where project < :cursorProject");
    }

    @Test
    void aCursorSurvivesItsEncodingAndNothingElsePassesForOne() {
        TicketCursor c = new TicketCursor("-score", "9.8", "AMS", 123456789L);
        assertThat(TicketCursor.decode("after", c.encode(), "-score")).isEqualTo(c);
        assertThatThrownBy(() -> TicketCursor.decode("after", c.encode(), "score"))
                .hasMessageContaining("another sort order");
        for (String bad : new String[] {"", "!!", "bm90IGEgY3Vyc29y", c.encode().substring(2)}) {
            assertThatThrownBy(() -> TicketCursor.decode("before", bad, "-score"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.parameter()).isEqualTo("before"));
        }
        TicketOrder order = TicketOrder.of("dueAt", false);
        assertThatThrownBy(() -> order.after(new TicketCursor("dueAt", "yesterday", "AMS", 1), false, "after"))
                .isInstanceOf(InvalidParameterException.class);
    }

    /** The migration that filled open_due_at for existing tickets named the closed statuses itself. */
    @Test
    void theMigrationKnowsTheClosedStatuses() throws IOException {
        String sql;
        try (InputStream in =
                Objects.requireNonNull(getClass().getResourceAsStream("/db/migration/V20__ticket_list_indexes.sql"))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("status not in \\(([^)]*)\\)").matcher(sql);
        assertThat(m.find()).isTrue();
        Set<String> named = new TreeSet<>();
        for (String s : m.group(1).split(",")) {
            named.add(s.trim().replace("'", ""));
        }
        Set<String> closed = new TreeSet<>();
        TicketStatus.closedStatuses().forEach(s -> closed.add(s.name()));
        assertThat(named).isEqualTo(closed);
    }
}

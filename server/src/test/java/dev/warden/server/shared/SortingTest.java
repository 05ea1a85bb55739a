package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SortingTest {
    private static final Map<String, String> COLUMNS = Map.of("key", "project, number", "dueAt", "due_at");

    @Test
    void theDefaultOrderNamesEachColumnOnce() {
        assertThat(Sorting.orderBy(null, COLUMNS, "project, number", "project, number"))
                .isEqualTo(" order by project, number");
    }

    @Test
    void aDescendingKeyOfSeveralColumnsDescendsOnEachOfThem() {
        assertThat(Sorting.orderBy("-key", COLUMNS, "project, number", "project, number"))
                .isEqualTo(" order by project desc, number desc");
    }

    @Test
    void anotherSortKeyIsFollowedByTheTieBreak() {
        assertThat(Sorting.orderBy("dueAt", COLUMNS, "project, number", "project, number"))
                .isEqualTo(" order by due_at asc, project, number");
    }

    @Test
    void anUnknownKeyListsTheAllowedOnes() {
        assertThatThrownBy(() -> Sorting.orderBy("title", COLUMNS, "id", "id"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must be one of dueAt, key (prefix - for descending)");
    }
}

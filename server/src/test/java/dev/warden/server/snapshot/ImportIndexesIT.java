package dev.warden.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.WardenApplication;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A large {@code ./warden import} into the embedded database it holds sets the filled tables' plain
 * indexes aside while it writes and creates them again after, written or not; a start creates again
 * what an import that did not finish left set aside.
 */
@ExtendWith(DatabaseRequirement.class)
class ImportIndexesIT {
    private static final Map<String, Object> SET_ASIDE_FROM_1000 =
            Map.of("warden.import.stream-above", "0", "warden.import.set-aside-indexes-from", "1000");

    @TempDir
    Path dir;

    @Test
    void aLargeImportSetsThePlainIndexesAsideAndCreatesThemAgainTheSame() throws Exception {
        Map<String, Object> database = TestDatabase.fresh();
        List<String> before = indexes(database);
        Path file = dir.resolve("big.json");
        int tickets = StreamedImport.CHUNK + 345;
        Files.writeString(file, ImportCommandIT.bulk(tickets, "", -1));

        String said = importSaying(database, file, SET_ASIDE_FROM_1000);

        if (TestDatabase.postgres()) {
            assertThat(said).as("only the embedded database's").doesNotContain("set aside");
            return;
        }
        // Fourteen: every index of the three tables but the keys' and the foreign keys' (tickets' partner, app).
        assertThat(said)
                .contains("set aside 14 indexes of tickets, ticket_events, audit_log while writing")
                .containsPattern("created the 14 indexes again in [0-9.]+ s");
        assertThat(indexes(database)).isEqualTo(before).hasSizeGreaterThan(14);
        assertThat(count(database, "select count(*) from set_aside_indexes")).isZero();
        assertThat(count(database, "select count(*) from tickets")).isEqualTo(tickets);
        // H2 reads a ticket by due date from the index created again.
        assertThat(plan(database, "select ticket_key from tickets where due_at < timestamp '2027-01-01 00:00:00'"))
                .contains("tickets_due");

        // Fewer tickets than are stored: creating the indexes again would read every stored one.
        Path smaller = dir.resolve("smaller.json");
        Files.writeString(smaller, ImportCommandIT.bulk(StreamedImport.CHUNK + 100, "", -1));
        assertThat(importSaying(database, smaller, SET_ASIDE_FROM_1000)).doesNotContain("set aside");
        assertThat(importSaying(database, file, Map.of("warden.import.stream-above", "0")))
                .as("below the default of 50,000 tickets")
                .doesNotContain("set aside");
    }

    @Test
    void aDryRunCreatesTheIndexesAgainAndWritesNothing() throws Exception {
        Map<String, Object> database = TestDatabase.fresh();
        List<String> before = indexes(database);
        Path file = dir.resolve("big.json");
        Files.writeString(file, ImportCommandIT.bulk(StreamedImport.CHUNK + 1, "", -1));
        Map<String, Object> dryRun = new HashMap<>(SET_ASIDE_FROM_1000);
        dryRun.put("warden.import.dry-run", "true");

        String said = importSaying(database, file, dryRun);

        if (TestDatabase.postgres()) {
            assertThat(said).contains("streaming").doesNotContain("set aside");
        } else {
            assertThat(said).contains("set aside 14 indexes", "created the 14 indexes again");
        }
        assertThat(indexes(database)).isEqualTo(before);
        assertThat(count(database, "select count(*) from tickets")).isZero();
    }

    @Test
    void theNextStartCreatesAgainWhatAnImportThatDidNotFinishLeftSetAside() throws Exception {
        Map<String, Object> database = TestDatabase.fresh();
        List<String> before = indexes(database);
        List<String> setAside;
        // What a process stopped while it wrote leaves: the indexes dropped, their definitions recorded.
        try (ConfigurableApplicationContext context = start(database)) {
            SetAsideIndexRows rows = context.getBean(SetAsideIndexRows.class);
            if (TestDatabase.postgres()) {
                try (Connection c = connect(database)) {
                    assertThat(SetAsideIndexRows.restore(c)).isEmpty();
                }
                return;
            }
            setAside = rows.setAside(Instant.parse("2026-12-04T06:00:00Z"));
        }
        assertThat(setAside).hasSize(14).contains("tickets_due", "audit_log_partner");
        assertThat(indexes(database)).hasSize(before.size() - 14);
        assertThat(count(database, "select count(*) from set_aside_indexes")).isEqualTo(14);

        start(database).close();
        assertThat(indexes(database)).isEqualTo(before);
        assertThat(count(database, "select count(*) from set_aside_indexes")).isZero();
    }

    private static String importSaying(Map<String, Object> database, Path file, Map<String, Object> extra) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(ImportCommandIT.runImport(database, file, extra)).isZero();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.jobs.enabled", "false");
        return new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(properties));
    }

    private static Connection connect(Map<String, Object> database) throws SQLException {
        return DriverManager.getConnection(
                database.get("spring.datasource.url").toString(),
                String.valueOf(database.getOrDefault("spring.datasource.username", "sa")),
                String.valueOf(database.getOrDefault("spring.datasource.password", "")));
    }

    /** Each index of the filled tables, with its table and columns in order. */
    private static List<String> indexes(Map<String, Object> database) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        TestDatabase.postgres()
                                ? "select indexname || ': ' || indexdef from pg_indexes where schemaname = current_schema"
                                        + " and tablename in ('tickets', 'ticket_events', 'audit_log') order by 1"
                                : "select i.index_name || ' on ' || i.table_name || ': ' || listagg(c.column_name || ' '"
                                        + " || c.ordering_specification, ', ') within group (order by c.ordinal_position)"
                                        + " from information_schema.indexes i join information_schema.index_columns c"
                                        + " on c.index_schema = i.index_schema and c.index_name = i.index_name"
                                        + " where i.table_schema = current_schema"
                                        + " and i.table_name in ('tickets', 'ticket_events', 'audit_log')"
                                        + " and i.index_type_name = 'INDEX' group by i.index_name, i.table_name order by 1")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    private static long count(Map<String, Object> database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String plan(Map<String, Object> database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("explain " + sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}

package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Rows mapped to records without H2 logging a failed column lookup for every camelCase component. H2's
 * trace goes to SLF4J here ({@code TRACE_LEVEL_FILE=4}) so that what it would write to its trace file is
 * seen by the test.
 */
class RecordRowsTest {
    record Row(String ticketKey, @Nullable String partnerId, double score, OffsetDateTime dueAt, int version) {}

    enum Status {
        OPEN,
        CLOSED
    }

    record Converted(Status status, long version, @Nullable Boolean urgent) {}

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // H2 names its logger so; its INFO lines (sessions opening and closing) are not what is looked for.
    private final Logger h2 = (Logger) LoggerFactory.getLogger("h2database");
    private SingleConnectionDataSource db;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        h2.setLevel(Level.WARN);
        db = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;TRACE_LEVEL_FILE=4",
                "sa",
                "",
                true);
        jdbc = JdbcClient.create(db);
        jdbc.sql("create table tickets (ticket_key varchar(20), partner_id varchar(20), score double precision,"
                        + " due_at timestamp with time zone, version int, status varchar(10), urgent boolean)")
                .update();
        jdbc.sql("insert into tickets values ('AMS-1', 'acme', 7.5, timestamp with time zone"
                        + " '2026-12-01 10:00:00+00', 3, 'OPEN', true), ('AMS-2', null, 0, timestamp with time zone"
                        + " '2026-12-02 23:59:59+00', 1, 'CLOSED', null)")
                .update();
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void close() {
        root.detachAppender(logged);
        db.destroy();
        h2.setLevel(null);
    }

    @Test
    void mapsSnakeCaseColumnsToComponentsWithoutH2LoggingAnything() {
        List<Row> rows = jdbc.sql("select * from tickets order by ticket_key")
                .query(RecordRows.of(Row.class))
                .list();

        assertThat(rows)
                .containsExactly(
                        new Row("AMS-1", "acme", 7.5, OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC), 3),
                        new Row("AMS-2", null, 0, OffsetDateTime.of(2026, 12, 2, 23, 59, 59, 0, ZoneOffset.UTC), 1));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void valuesOfAnotherTypeAreConvertedAndNullsStayNull() {
        List<Converted> rows = jdbc.sql("select status, version, urgent from tickets order by ticket_key")
                .query(RecordRows.of(Converted.class))
                .list();

        // A string to an enum (converted), an int column to a long (read so), a boolean NULL as null.
        assertThat(rows).containsExactly(new Converted(Status.OPEN, 3L, true), new Converted(Status.CLOSED, 1L, null));
    }

    @Test
    void springsOwnMapperIsWhatMadeH2LogOneErrorPerComponentAndRow() {
        // The control: the lookup this class replaces. If H2 or Spring stop doing this, the test above
        // proves less, and this one says so.
        jdbc.sql("select * from tickets").query(Row.class).list();

        assertThat(warnings()).hasSizeGreaterThanOrEqualTo(2 * 3);
    }

    @Test
    void aMissingColumnNamesTheComponentAndTheColumnLookedFor() {
        assertThatThrownBy(() -> jdbc.sql("select ticket_key, score, due_at, version from tickets")
                        .query(RecordRows.of(Row.class))
                        .list())
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessage("the query has no column for Row.partnerId (looked for partner_id)");
    }

    @Test
    void theShippedDatabaseAddressKeepsH2sFileTraceOff() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            assertThat(in).isNotNull();
            String yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yml).containsPattern("url: \\$\\{WARDEN_DATABASE_URL:jdbc:h2:[^\\n]*;TRACE_LEVEL_FILE=0");
        }
    }

    /** The shipped address opens: H2 refuses some combinations of settings (AUTO_SERVER with DB_CLOSE_ON_EXIT). */
    @Test
    void theShippedDatabaseAddressOpens(@TempDir Path dir) throws Exception {
        String yml;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            assertThat(in).isNotNull();
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher url = Pattern.compile("url: \\$\\{WARDEN_DATABASE_URL:(jdbc:h2:[^\\n]*)}\\n")
                .matcher(yml);
        assertThat(url.find())
                .as("the default database address in application.yml")
                .isTrue();
        String address = url.group(1).replace("${warden.data-dir}", dir.toString());
        try (Connection c = DriverManager.getConnection(address, "sa", "");
                Statement s = c.createStatement();
                ResultSet one = s.executeQuery("select 1")) {
            assertThat(one.next()).isTrue();
        }
    }

    private List<String> warnings() {
        return logged.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}

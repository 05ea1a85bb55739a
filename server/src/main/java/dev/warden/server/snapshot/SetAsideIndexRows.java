package dev.warden.server.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.stereotype.Repository;

/**
 * The plain indexes of the tables a large import fills (not unique, not a key's or a constraint's), set
 * aside on H2 while the import writes and created again after it (ADR 025). Each one's definition, as
 * H2 scripts it, is recorded in {@code set_aside_indexes} before it is dropped and forgotten once it has
 * been created again, so that a process dying in between leaves the record for the next start.
 *
 * <p>H2 commits a session's transaction on every DDL statement, so these run on a connection of their
 * own, outside the import's transaction.
 */
@Repository
class SetAsideIndexRows {
    /** The tables an import fills, row by row. */
    static final List<String> TABLES = List.of("tickets", "ticket_events", "audit_log");

    /** A line of H2's {@code SCRIPT}: {@code CREATE INDEX "schema"."name" ON "schema"."table"(...)}. */
    private static final Pattern CREATE_INDEX =
            Pattern.compile("^CREATE INDEX \"[^\"]+\"\\.\"([^\"]+)\" ON \"[^\"]+\"\\.\"([^\"]+)\"");

    private final DataSource dataSource;

    SetAsideIndexRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many tickets are stored: H2 keeps the count without reading rows. */
    long tickets() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet count = s.executeQuery("select count(*) from tickets")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Records and drops the plain indexes of {@link #TABLES}; their names. H2 only. */
    List<String> setAside(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<String> names = new ArrayList<>();
            for (String[] index : plainIndexes(c)) {
                try (PreparedStatement record = c.prepareStatement(
                        "merge into set_aside_indexes (name, table_name, definition, set_aside_at) key (name)"
                                + " values (?, ?, ?, ?)")) {
                    record.setString(1, index[0]);
                    record.setString(2, index[1]);
                    record.setString(3, index[2]);
                    record.setTimestamp(4, Timestamp.from(now));
                    record.executeUpdate();
                }
                try (Statement drop = c.createStatement()) {
                    drop.execute("drop index \"" + index[0] + "\"");
                }
                names.add(index[0]);
            }
            return names;
        }
    }

    /** {@link #restore(Connection)} on a connection of its own. */
    List<String> restore() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return restore(c);
        }
    }

    /**
     * Creates again every index recorded as set aside, oldest record first, and forgets each once it
     * exists (one already there is only forgotten); the names of those created. Needs {@code c} in
     * auto-commit. Nothing to do, and no query beyond one, where nothing is recorded (PostgreSQL).
     */
    static List<String> restore(Connection c) throws SQLException {
        List<String[]> recorded = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery("select name, definition from set_aside_indexes order by set_aside_at, name")) {
            while (rows.next()) {
                recorded.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        List<String> created = new ArrayList<>();
        for (String[] index : recorded) {
            if (!exists(c, index[0])) {
                try (Statement s = c.createStatement()) {
                    s.execute(index[1]);
                }
                created.add(index[0]);
            }
            try (PreparedStatement forget = c.prepareStatement("delete from set_aside_indexes where name = ?")) {
                forget.setString(1, index[0]);
                forget.executeUpdate();
            }
        }
        return created;
    }

    /**
     * Name, table and definition of each plain index of {@link #TABLES}, as H2's {@code SCRIPT} writes it:
     * every {@code CREATE INDEX} (never a unique one) on those tables whose index no constraint owns.
     */
    private static List<String[]> plainIndexes(Connection c) throws SQLException {
        Set<String> owned = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select index_name from information_schema.table_constraints"
                        + " where table_schema = current_schema and index_name is not null")) {
            while (rows.next()) {
                owned.add(rows.getString(1));
            }
        }
        List<String[]> found = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet lines =
                        s.executeQuery("script nodata nopasswords nosettings table " + String.join(", ", TABLES))) {
            while (lines.next()) {
                String line = lines.getString(1);
                Matcher index = CREATE_INDEX.matcher(line);
                if (index.find() && TABLES.contains(index.group(2)) && !owned.contains(index.group(1))) {
                    found.add(new String[] {index.group(1), index.group(2), line});
                }
            }
        }
        return found;
    }

    private static boolean exists(Connection c, String index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from information_schema.indexes"
                + " where table_schema = current_schema and index_name = ?")) {
            s.setString(1, index);
            try (ResultSet count = s.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }
}

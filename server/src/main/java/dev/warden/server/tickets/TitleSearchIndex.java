package dev.warden.server.tickets;

import dev.warden.server.shared.Databases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 34: on PostgreSQL, a trigram index on the tickets' titles, so that the title search
 * ({@code q=}, a substring in any case) reads the index rather than every ticket: at a million tickets a
 * search that matches little took 650 ms, and takes a few with the index (docs/benchmarks.md).
 *
 * <p>It needs PostgreSQL's {@code pg_trgm} extension, shipped with PostgreSQL and installable by the
 * database's owner since version 13. Where it cannot be installed the migration logs how to add the index
 * later and goes on: the search works all the same, reading every title. H2 has no such index; there the
 * search always reads every title.
 */
@Component
public final class TitleSearchIndex implements JavaMigration {
    private static final Logger log = LoggerFactory.getLogger(TitleSearchIndex.class);

    /** The index, as docs/tickets.md gives it for creating by hand. */
    static final String INDEX =
            "create index if not exists tickets_title_trigrams on tickets using gin (lower(title) gin_trgm_ops)";

    /** The shortest title search the index serves: it looks up the search's three-letter runs. */
    private static final int TRIGRAM = 3;

    TitleSearchIndex() {}

    /** The migration, for a Flyway configured outside the application (the tests' template database). */
    public static JavaMigration migration() {
        return new TitleSearchIndex();
    }

    /** The title search, when it is long enough for the index to serve its {@code like}; otherwise null. */
    static @Nullable String served(@Nullable String text) {
        return text == null || text.strip().length() < TRIGRAM ? null : text;
    }

    /**
     * A shorter title search, lower-cased, otherwise null: the index has nothing to look up for it, and
     * PostgreSQL would read all of it before checking every row again (twice the time of reading the
     * rows), so the list asks it in a form the index does not serve ({@code position}).
     */
    static @Nullable String unserved(@Nullable String text) {
        return text == null || text.isBlank() || served(text) != null
                ? null
                : text.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("34");
    }

    @Override
    public String getDescription() {
        return "ticket title search index";
    }

    @Override
    public @Nullable Integer getChecksum() {
        return INDEX.hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (Databases.isH2(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (trigrams(c, s)) {
                s.execute(INDEX);
                // The planner's figures for the indexed expression: without them it guesses how many titles
                // match and may read the whole list in order instead (800 ms rather than 20 at a million).
                s.execute("analyze tickets");
            }
        }
    }

    /** Whether pg_trgm is installed, installing it where it is not and this user may. */
    private static boolean trigrams(Connection c, Statement s) throws SQLException {
        try (ResultSet installed = s.executeQuery("select 1 from pg_extension where extname = 'pg_trgm'")) {
            if (installed.next()) {
                return true;
            }
        }
        Savepoint before = c.setSavepoint();
        try {
            s.execute("create extension if not exists pg_trgm");
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            c.rollback(before);
            log.warn(
                    "PostgreSQL's pg_trgm extension could not be installed ({}): the tickets' title search reads"
                            + " every title. A database owner can add it later: create extension pg_trgm; {};",
                    e.getMessage(),
                    INDEX);
            return false;
        }
    }
}

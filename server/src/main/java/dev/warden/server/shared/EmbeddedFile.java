package dev.warden.server.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * The embedded H2 database's file. H2 never writes a changed page over the old one: it writes it anew at
 * the end of the file and reuses the old place only as its background work gets to it, which a bulk write
 * outruns. A million-ticket import left a file of 37 GB of which 6% was in use. Closing the database
 * with {@code SHUTDOWN COMPACT} copies what is in use into a new file (607 MB, in 22 s); compacting it
 * while open moved pages for minutes and left 2 GB.
 */
public final class EmbeddedFile {
    private final String url;
    private final String user;
    private final String password;
    private final Path file;

    private EmbeddedFile(String url, String user, String password, Path file) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.file = file;
    }

    /** A compaction's outcome: the file's size before and after, in bytes, and how long it took. */
    public record Compacted(long before, long after, Duration took) {}

    /**
     * The file of the database {@code dataSource} reaches at {@code url}, when this process holds it; empty
     * when the database is PostgreSQL, in memory, or H2 held by another process (a running server, which
     * {@code ./warden import} reaches through H2's automatic server mode: its file is not this process's).
     */
    public static Optional<EmbeddedFile> of(DataSource dataSource, String url, String user, String password)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return held(c).map(name -> new EmbeddedFile(url, user, password, name));
        }
    }

    /**
     * Once every connection of the application is closed (and with them the database): opens the file
     * again and closes it with {@code SHUTDOWN COMPACT}. Empty when another process holds it by now.
     */
    public Optional<Compacted> compactClosed() throws SQLException {
        long before = size();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            if (held(c).isEmpty()) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement()) {
                s.execute("shutdown compact");
            }
        }
        return Optional.of(new Compacted(before, size(), Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * {@link #compactClosed()}, saying what happened: the sizes on standard output, a problem on standard
     * error after {@code command}'s name ({@code failed} says what it means for the command). Whether the
     * file was compacted.
     */
    public boolean compactClosedAndSay(String command, String failed) {
        System.err.println(command + ": compacting the database file");
        try {
            Optional<Compacted> compacted = compactClosed();
            if (compacted.isPresent()) {
                Compacted c = compacted.get();
                System.out.println(String.format(
                        Locale.ROOT,
                        "Compacted the database file from %,.1f MiB to %,.1f MiB in %.1f s.",
                        c.before() / 1048576.0,
                        c.after() / 1048576.0,
                        c.took().toMillis() / 1000.0));
                return true;
            }
            System.err.println(command + ": another process opened the database meanwhile; its file was not compacted");
        } catch (SQLException | RuntimeException e) {
            System.err.println(command + ": " + failed + " (" + e.getMessage() + ")");
        }
        return false;
    }

    /** The file of the embedded H2 database this connection opened in this process. */
    private static Optional<Path> held(Connection c) throws SQLException {
        if (!Databases.isH2(c)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)
                || !local.getDatabase().isPersistent()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(
                local.getDatabase().getStore().getMvStore().getFileStore().getFileName()));
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

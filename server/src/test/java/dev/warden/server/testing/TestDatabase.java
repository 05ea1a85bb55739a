package dev.warden.server.testing;

import dev.warden.server.tickets.ClosedLateBreaches;
import dev.warden.server.tickets.TitleSearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application a database of its own: an H2 file database in a temporary folder (as
 * {@code ./warden start} uses), or a new database on the PostgreSQL server, dropped when the
 * test JVM ends, each with every migration applied (see {@link #fresh()}). Which one comes from the
 * system property {@code warden.it.database}.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("warden.it.database", "h2"));
    }

    static String adminUrl() {
        return System.getProperty("warden.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    static String adminUser() {
        return System.getProperty("warden.it.postgres.user", "postgres");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new java.util.HashMap<>(fresh());
        // The background domain checks would ask this machine's DNS about the tests' made-up names; the
        // domain tests start Warden with them on, against their own DNS server.
        properties.put("warden.domains.enabled", "false");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", properties));
    }

    /**
     * Properties that point a new application at a new database of its own, with every migration
     * applied. The migrations run once per test JVM, into a template the new databases are copied from
     * (PostgreSQL's {@code create database ... template}, a copy of H2's file): about seventy
     * applications start on a new database in each pass, and migrating each anew was a large share of
     * the suite's time. The application's own Flyway still validates the copy when it starts.
     */
    public static Map<String, Object> fresh() {
        return created(true);
    }

    /**
     * A new database with no tables at all, for a test that applies the migrations itself up to an old
     * version ({@link #fresh} is a copy of one with every migration applied).
     */
    public static Map<String, Object> empty() {
        return created(false);
    }

    /** A new database, a copy of the migrated template or empty, and the properties that reach it. */
    private static Map<String, Object> created(boolean migrated) {
        Path dataDir = tempDir("warden-it-");
        if (!postgres()) {
            if (migrated) {
                try {
                    Files.copy(h2Template(), dataDir.resolve("warden.mv.db"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return Map.of(
                    "warden.data-dir",
                    dataDir.toString(),
                    "spring.datasource.url",
                    h2Url(dataDir),
                    "spring.datasource.username",
                    "sa",
                    "spring.datasource.password",
                    "");
        }
        String name = newName();
        execute("create database " + name + (migrated ? " template " + postgresTemplate() : ""));
        dropAtExit(name);
        return Map.of(
                "warden.data-dir",
                dataDir.toString(),
                "spring.datasource.url",
                postgresUrl(name),
                "spring.datasource.username",
                adminUser(),
                "spring.datasource.password",
                "",
                "warden.test.drop-database",
                name);
    }

    /**
     * PostgreSQL only: a new, empty database reached as a new role that may create tables in its public
     * schema and nothing more (no extension, no other database): what a managed service may give an
     * application. The role is {@link #roleOf} the database, dropped by {@link #dropRole} once the
     * database is.
     */
    public static Map<String, Object> freshForLimitedUser() {
        String name = newName();
        String role = roleOf(name);
        execute("create database " + name);
        dropAtExit(name);
        execute("create role " + role + " login password '" + role + "'");
        try (Connection c = DriverManager.getConnection(postgresUrl(name), adminUser(), "");
                Statement s = c.createStatement()) {
            s.execute("grant usage, create on schema public to " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL database " + name + ": " + e.getMessage(), e);
        }
        return Map.of(
                "warden.data-dir",
                tempDir("warden-it-").toString(),
                "spring.datasource.url",
                postgresUrl(name),
                "spring.datasource.username",
                role,
                "spring.datasource.password",
                role,
                "warden.test.drop-database",
                name);
    }

    /** The role {@link #freshForLimitedUser} reaches its database as. */
    private static String roleOf(String database) {
        return database + "_user";
    }

    /** Drops a role {@link #freshForLimitedUser} made, after its database was dropped. */
    public static void dropRole(String role) {
        if (!role.matches("warden_it_[0-9a-f]{12}_user")) {
            throw new IllegalArgumentException("refusing to drop the role " + role);
        }
        execute("drop role if exists " + role);
    }

    private static @Nullable Path h2Template;
    private static @Nullable String postgresTemplate;

    private static synchronized Path h2Template() {
        if (h2Template == null) {
            Path dir = tempDir("warden-it-template-");
            migrate(h2Url(dir), "sa");
            h2Template = dir.resolve("warden.mv.db"); // H2 closed the file with the last connection
        }
        return h2Template;
    }

    private static synchronized String postgresTemplate() {
        if (postgresTemplate == null) {
            String name = newName();
            execute("create database " + name);
            dropAtExit(name);
            migrate(postgresUrl(name), adminUser());
            postgresTemplate = name;
        }
        return postgresTemplate;
    }

    /** Every migration, as the application applies them when it starts (its Flyway settings are the defaults). */
    private static void migrate(String url, String user) {
        Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/migration")
                .javaMigrations(TitleSearchIndex.migration(), ClosedLateBreaches.migration())
                .load()
                .migrate();
    }

    private static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("warden")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0";
    }

    private static String postgresUrl(String name) {
        return adminUrl().substring(0, adminUrl().lastIndexOf('/') + 1) + name;
    }

    private static String newName() {
        return "warden_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The databases this JVM created and has not dropped yet. */
    private static final Set<String> UNDROPPED = ConcurrentHashMap.newKeySet();

    static {
        // One hook drops what is left, one database after another on one connection: a hook per
        // database opened a connection each at once, past the server's limit, and outlived the fork.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropUndropped, "drop-test-databases"));
    }

    /** Dropped when the test JVM ends, unless {@link #drop} dropped it before. */
    private static void dropAtExit(String name) {
        UNDROPPED.add(name);
    }

    private static void dropUndropped() {
        if (UNDROPPED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl(), adminUser(), "");
                Statement s = c.createStatement()) {
            for (String name : List.copyOf(UNDROPPED)) {
                s.execute(dropStatement(name));
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + UNDROPPED + ": " + e.getMessage());
        }
    }

    /**
     * Drops a database {@link #fresh()} created, now (FORCE ends connections still open), for an
     * application that has closed and shares it with no other.
     */
    static void drop(String name) {
        execute(dropStatement(name));
        UNDROPPED.remove(name);
    }

    private static String dropStatement(String name) {
        if (!name.toLowerCase(Locale.ROOT).matches("warden_it_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("refusing to drop " + name);
        }
        return "drop database if exists " + name + " with (force)";
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl(), adminUser(), "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Properties as command-line arguments, which outrank application.yml (unlike default properties). */
    public static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Whether the PostgreSQL server answers, for deciding to run or skip (never skip under CI). */
    static boolean postgresReachable() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(adminUrl(), adminUser(), "")) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }
}

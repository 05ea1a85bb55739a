package dev.warden.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application a database of its own: an H2 file database in a temporary folder (as
 * {@code ./warden start} uses), or a fresh database on the PostgreSQL server, dropped when the
 * test JVM ends. Which one comes from the system property {@code warden.it.database}.
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

    /** Properties that point a new application at a new, empty database. */
    public static Map<String, Object> fresh() {
        String name =
                "warden_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("warden-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!postgres()) {
            String url = "jdbc:h2:file:" + dataDir.resolve("warden")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;TRACE_LEVEL_FILE=0";
            return Map.of(
                    "warden.data-dir",
                    dataDir.toString(),
                    "spring.datasource.url",
                    url,
                    "spring.datasource.username",
                    "sa",
                    "spring.datasource.password",
                    "");
        }
        execute("create database " + name);
        // Dropped when the test JVM ends; FORCE ends connections of applications still open then.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropPostgresDatabase(name)));
        String url = adminUrl().substring(0, adminUrl().lastIndexOf('/') + 1) + name;
        return Map.of(
                "warden.data-dir",
                dataDir.toString(),
                "spring.datasource.url",
                url,
                "spring.datasource.username",
                adminUser(),
                "spring.datasource.password",
                "",
                "warden.test.drop-database",
                name);
    }

    static void dropPostgresDatabase(String name) {
        if (!name.toLowerCase(Locale.ROOT).matches("warden_it_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("refusing to drop " + name);
        }
        execute("drop database if exists " + name + " with (force)");
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

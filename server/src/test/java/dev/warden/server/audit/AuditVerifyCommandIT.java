package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.WardenApplication;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code ./warden audit verify}: exit 0 on an intact chain; one edited row in the database is found, exit 1. */
@ExtendWith(DatabaseRequirement.class)
class AuditVerifyCommandIT {

    record Run(int exitCode, String output) {}

    static Run verify(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.audit.verify", "true");
        properties.put("warden.jobs.enabled", "false");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(TestDatabase.asArguments(properties));
            return new Run(SpringApplication.exit(context), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    static Connection connect(Map<String, Object> database) throws SQLException {
        return DriverManager.getConnection(
                (String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"),
                (String) database.get("spring.datasource.password"));
    }

    @Test
    void anIntactChainPassesAndAnEditedRowIsNamed() throws SQLException {
        Map<String, Object> database = TestDatabase.fresh();
        // A first start creates the administrator and writes the first entries of the trail.
        Map<String, Object> first = new HashMap<>(database);
        first.put("warden.jobs.enabled", "false");
        SpringApplication.exit(new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(first)));
        long entries;
        try (Connection c = connect(database);
                var rs = c.createStatement().executeQuery("select count(*) from audit_log")) {
            rs.next();
            entries = rs.getLong(1);
        }
        assertThat(entries).isPositive();

        Run intact = verify(database);
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.output()).contains("Audit trail intact: " + entries + " entries checked");

        try (Connection c = connect(database);
                PreparedStatement edit =
                        c.prepareStatement("update audit_log set actor_id = 'someone-else' where seq = 1")) {
            assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        Run broken = verify(database);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("Audit trail BROKEN at entry 1: ");
        // Checking wrote nothing: the count is what it was.
        try (Connection c = connect(database);
                var rs = c.createStatement().executeQuery("select count(*) from audit_log")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(entries);
        }
    }
}

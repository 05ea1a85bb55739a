package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.ChainHash;
import dev.warden.core.audit.ChainedEntry;
import dev.warden.server.WardenApplication;
import dev.warden.server.shared.Actor;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./warden audit verify}: exit 0 on an intact chain, 1 on a broken one (the first bad entry
 * named), 2 when it cannot run; held to the signed checkpoints in the data folder.
 */
@ExtendWith(DatabaseRequirement.class)
class AuditVerifyCommandIT {

    record Run(int exitCode, String output, String errors) {}

    static Run verify(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.audit.verify", "true");
        properties.put("warden.jobs.enabled", "false");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErrors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErrors, true, StandardCharsets.UTF_8));
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(TestDatabase.asArguments(properties));
            return new Run(
                    SpringApplication.exit(context),
                    captured.toString(StandardCharsets.UTF_8),
                    capturedErrors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Connection connect(Map<String, Object> database) throws SQLException {
        return DriverManager.getConnection(
                (String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"),
                (String) database.get("spring.datasource.password"));
    }

    static long count(Map<String, Object> database) throws SQLException {
        try (Connection c = connect(database);
                ResultSet rs = c.createStatement().executeQuery("select count(*) from audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(Map<String, Object> database, String sql) throws SQLException {
        try (Connection c = connect(database);
                PreparedStatement statement = c.prepareStatement(sql)) {
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /** A first start creates the administrator; a few more entries are written and the chain checkpointed. */
    static Map<String, Object> startedAndCheckpointed() {
        Map<String, Object> database = TestDatabase.fresh();
        Map<String, Object> first = new HashMap<>(database);
        first.put("warden.jobs.enabled", "false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(first));
        AuditTrail trail = context.getBean(AuditTrail.class);
        for (int i = 0; i < 3; i++) {
            trail.record(Actor.system("test"), "TEST_RECORDED", "partner", "p" + i, null, Map.of("n", i));
        }
        assertThat(context.getBean(AuditCheckpoints.class).take()).isPresent();
        SpringApplication.exit(context);
        return database;
    }

    @Test
    void anIntactChainPassesAndAnEditedRowIsNamed() throws SQLException {
        Map<String, Object> database = startedAndCheckpointed();
        long entries = count(database);
        assertThat(entries).isPositive();

        Run intact = verify(database);
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.output())
                .contains("Audit trail intact: " + entries + " entries checked")
                .contains("the latest naming entry " + entries);

        execute(database, "update audit_log set actor_id = 'someone-else' where seq = 1");
        Run broken = verify(database);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("Audit trail BROKEN at entry 1: ");
        // Checking wrote nothing: the count is what it was.
        assertThat(count(database)).isEqualTo(entries);
    }

    @Test
    void aTimestampMovedByAMicrosecondIsBrokenNotUnreadable() throws SQLException {
        Map<String, Object> database = startedAndCheckpointed();
        execute(database, "update audit_log set at = at + interval '0.000001' second where seq = 1");

        Run run = verify(database);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("BROKEN at entry 1: its content does not match its hash");
    }

    @Test
    void aTailDeletedWithTheHeadMovedBackIsFoundThroughTheCheckpoint() throws SQLException {
        Map<String, Object> database = startedAndCheckpointed();
        long last = count(database);
        execute(database, "delete from audit_log where seq = " + last);
        execute(
                database,
                "update audit_head set seq = " + (last - 1) + ", hash = (select hash from audit_log where seq = "
                        + (last - 1) + ") where id = 1");

        Run run = verify(database);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output())
                .contains("BROKEN at entry " + last + ": entries " + last + " to " + last + " were removed");
    }

    @Test
    void anUnreadableCheckpointFileOrMissingKeyCannotRun() throws IOException {
        Map<String, Object> database = startedAndCheckpointed();
        Path audit = Path.of((String) database.get("warden.data-dir")).resolve("audit");
        Path key = audit.resolve("checkpoint-key.pem");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .as("the signing key is readable by its owner only")
                .isEqualTo("rw-------");
        Path kept = audit.resolve("kept.pem");
        Files.move(key, kept);

        Run noKey = verify(database);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.errors()).contains("there is no key to check them with");

        Files.move(kept, key);
        Files.writeString(audit.resolve("checkpoints.jsonl"), "{\"seq\": \"x\"}\n");
        Run garbled = verify(database);
        assertThat(garbled.exitCode()).isEqualTo(2);
        assertThat(garbled.errors()).contains("line 1 of the checkpoint file");
    }

    @Test
    void aDatabaseWithoutCheckpointsIsCheckedOnItsOwnAndSaysSo() {
        Map<String, Object> database = TestDatabase.fresh();
        Map<String, Object> first = new HashMap<>(database);
        first.put("warden.jobs.enabled", "false");
        SpringApplication.exit(new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(first)));

        Run run = verify(database);
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("No signed checkpoint was found");
    }

    @Test
    void aTrailWrittenBeforeTheCanonicalSchemeStillVerifiesAfterTheUpgrade() throws SQLException {
        Map<String, Object> database = TestDatabase.empty();
        // A database as the version before the hash scheme column left it, with two entries of its time.
        Flyway.configure()
                .dataSource(
                        (String) database.get("spring.datasource.url"),
                        (String) database.get("spring.datasource.username"),
                        (String) database.get("spring.datasource.password"))
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        String prev = ChainHash.GENESIS;
        try (Connection c = connect(database)) {
            for (int seq = 1; seq <= 2; seq++) {
                ChainedEntry legacy = new ChainedEntry(
                                seq,
                                ChainHash.LEGACY,
                                Instant.parse("2026-01-0" + seq + "T10:00:00.123Z"),
                                "USER",
                                "ana",
                                "PARTNER_CREATED",
                                "partner",
                                "acme",
                                seq == 1 ? null : "acme",
                                "{}",
                                prev,
                                "")
                        .sealed();
                try (PreparedStatement insert = c.prepareStatement("insert into audit_log (seq, at, actor_kind,"
                        + " actor_id, action, subject_type, subject_id, partner_id, details, prev_hash, hash)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, seq);
                    insert.setObject(2, OffsetDateTime.ofInstant(legacy.at(), ZoneOffset.UTC));
                    insert.setString(3, legacy.actorKind());
                    insert.setString(4, legacy.actorId());
                    insert.setString(5, legacy.action());
                    insert.setString(6, legacy.subjectType());
                    insert.setString(7, legacy.subjectId());
                    insert.setString(8, legacy.partner());
                    insert.setString(9, legacy.details());
                    insert.setString(10, legacy.prevHash());
                    insert.setString(11, legacy.hash());
                    insert.executeUpdate();
                }
                prev = legacy.hash();
            }
            try (PreparedStatement head = c.prepareStatement("update audit_head set seq = 2, hash = ? where id = 1")) {
                head.setString(1, prev);
                head.executeUpdate();
            }
        }
        Map<String, Object> first = new HashMap<>(database);
        first.put("warden.jobs.enabled", "false");
        SpringApplication.exit(new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(first)));
        assertThat(count(database)).isGreaterThan(2); // the upgraded server appended entries of its own

        Run run = verify(database);
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Audit trail intact: " + count(database) + " entries checked");
    }
}

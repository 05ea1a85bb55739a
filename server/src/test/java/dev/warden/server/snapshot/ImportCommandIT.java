package dev.warden.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.WardenApplication;
import dev.warden.server.catalog.Partners;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code ./warden import FILE}: the server without its web side, importing one file, with exit codes. */
@ExtendWith(DatabaseRequirement.class)
class ImportCommandIT {
    @TempDir
    Path dir;

    static int runImport(Map<String, Object> database, Path file, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.import.file", file.toString());
        // As ./warden import runs it: no background jobs.
        properties.put("warden.jobs.enabled", "false");
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(properties));
        return WardenApplication.exit(context);
    }

    /** A document of {@code tickets} tickets with two events each, an incident and a token-use record. */
    static String bulk(int tickets, String brokenApp, int brokenAt) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < tickets; i++) {
            list.append(i == 0 ? "" : ",\n").append("""
                    {"key": "BIG-%d", "type": "BUG_BOUNTY", "app": "%s", "hosting": "CLOUD", "title": "Finding %d",%s
                     "events": [{"type": "REPORTED", "at": "2026-0%d-01T00:00:00Z", "actor": "scanner", "score": %s},
                                {"type": "TRIAGED", "at": "2026-0%d-03T00:00:00Z", "actor": "sec@big.example"}]}""".formatted(
                            i + 1,
                            i == brokenAt ? brokenApp : "com.big.app",
                            i,
                            // Every seventh with details, so that both readers carry them.
                            i % 7 == 0
                                    ? "\n \"details\": {\"description\": \"## Steps\\n1. Finding " + i
                                            + "\", \"cwe\": \"CWE-" + (20 + i % 60) + "\"},"
                                    : "",
                            1 + i % 9,
                            2 + i % 8 + ".5",
                            1 + i % 9));
        }
        return """
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "big", "name": "Big", "tier": "GOLD",
                               "securityContacts": [{"name": "Sec", "email": "sec@big.example", "ecosystemAccount": true}]}],
                 "apps": [{"key": "com.big.app", "name": "Big", "partner": "big",
                           "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 10}]}],
                 "tickets": [%s],
                 "incidents": [{"id": "INC-1", "partner": "big", "apps": ["com.big.app"], "category": "CREDENTIAL_LEAK",
                                "title": "Token in a gist", "awareAt": "2026-06-01T00:00:00Z",
                                "reportedAt": "2026-06-02T00:00:00Z", "events": []}],
                 "tokenUse": [{"app": "com.big.app", "declaration": {"collects": false, "transmits": false,
                               "stores": false, "declaredAt": "2026-01-10T00:00:00Z"}, "migration": "MIGRATED"}]}
                """.formatted(list);
    }

    @Test
    void aLargeFileIsStreamedWritesWhatTheInMemoryImportWritesAndLeavesTheFileCompact() throws Exception {
        Path file = dir.resolve("big.json");
        int tickets = StreamedImport.CHUNK + 345;
        Files.writeString(file, bulk(tickets, "", -1));
        Map<String, Object> streamedDb = TestDatabase.fresh();
        Map<String, Object> inMemoryDb = TestDatabase.fresh();

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(runImport(streamedDb, file, Map.of("warden.import.stream-above", "0")))
                    .isZero();
        } finally {
            System.setOut(original);
        }
        assertCompacted(streamedDb, out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(runImport(inMemoryDb, file, Map.of())).isZero();

        String streamed = exported(streamedDb);
        assertThat(streamed).contains("\"BIG-" + tickets + "\"", "\"INC-1\"", "\"MIGRATED\"", "\"CWE-27\"");
        assertThat(streamed).isEqualTo(exported(inMemoryDb));
        long audited = audited(streamedDb);
        assertThat(audited).isGreaterThanOrEqualTo(tickets);

        // Again: nothing changes, nothing more is audited.
        assertThat(runImport(streamedDb, file, Map.of("warden.import.stream-above", "0")))
                .isZero();
        assertThat(exported(streamedDb)).isEqualTo(streamed);
        assertThat(audited(streamedDb)).isEqualTo(audited);
    }

    @Test
    void aStreamedFileWithABadTicketFarInIsRefusedWholeWithItsLocation() throws IOException {
        Path file = dir.resolve("bad-big.json");
        // Ticket 8 also has an event dated after the import.
        Files.writeString(
                file, bulk(1500, "com.nobody.app", 1234).replaceFirst("2026-09-03T00:00:00Z", "2099-09-03T00:00:00Z"));
        Map<String, Object> database = TestDatabase.fresh();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = runImport(database, file, Map.of("warden.import.stream-above", "0"));
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("/tickets/1234/app: no app 'com.nobody.app' in this document or in Warden")
                .contains("/tickets/8/events/1/at: is after the import (")
                .contains("nothing was written");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(new HashMap<>(database)))) {
            assertThat(context.getBean(Partners.class).find(PartnerId.of("big")))
                    .isEmpty();
        }
    }

    /**
     * What {@link #runImport} printed for the embedded database's file: compacted once the import ended,
     * to the size it has on disk now, with the file mostly in use.
     */
    private static void assertCompacted(Map<String, Object> database, String said) throws Exception {
        if (TestDatabase.postgres()) {
            assertThat(said).as("PostgreSQL's files are its own").doesNotContain("Compacted");
            return;
        }
        java.util.regex.Matcher compacted = java.util.regex.Pattern.compile(
                        "Compacted the database file from ([0-9,.]+) MiB to ([0-9,.]+) MiB in [0-9.]+ s\\.")
                .matcher(said);
        assertThat(compacted.find()).as(said).isTrue();
        double before = Double.parseDouble(compacted.group(1).replace(",", ""));
        double after = Double.parseDouble(compacted.group(2).replace(",", ""));
        assertThat(after).isLessThan(before);
        Path h2 = Path.of(database.get("warden.data-dir").toString(), "warden.mv.db");
        assertThat(Files.size(h2) / 1048576.0).isCloseTo(after, org.assertj.core.data.Offset.offset(0.1));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        database.get("spring.datasource.url").toString(), "sa", "");
                java.sql.ResultSet fill = c.createStatement()
                        .executeQuery("select setting_value from information_schema.settings"
                                + " where setting_name = 'info.FILL_RATE'")) {
            assertThat(fill.next()).isTrue();
            assertThat(fill.getInt(1)).as("the share of the file in use").isGreaterThanOrEqualTo(50);
        }
    }

    private static String exported(Map<String, Object> database) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(withoutJobs(database)))) {
            String json = new String(
                    context.getBean(Snapshots.class).export(dev.warden.server.shared.Actor.system("test")),
                    java.nio.charset.StandardCharsets.UTF_8);
            // The enforcement cases are not in the file: each database's own evaluation opened them, at its own
            // instant. What the import wrote is everything else.
            tools.jackson.databind.node.ObjectNode tree = (tools.jackson.databind.node.ObjectNode)
                    tools.jackson.databind.json.JsonMapper.shared().readTree(json);
            tree.remove("exportedAt");
            tree.remove("enforcementCases");
            return tree.toPrettyString();
        }
    }

    private static long audited(Map<String, Object> database) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(withoutJobs(database)))) {
            return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select count(*) from audit_log where action = 'TICKET_IMPORTED'")
                    .query(Long.class)
                    .single();
        }
    }

    private static Map<String, Object> withoutJobs(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.jobs.enabled", "false");
        return properties;
    }

    @Test
    void importsAFileAndExitsZeroThenRefusesABrokenOneWithOne() throws IOException {
        Map<String, Object> database = TestDatabase.fresh();
        Path good = dir.resolve("good.json");
        Files.writeString(
                good,
                "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"cli-import\", \"name\": \"Via CLI\", \"tier\": \"SILVER\"}]}");
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"cli-bad\", \"tier\": \"SILVER\"}]}");

        assertThat(runImport(database, good, Map.of())).isZero();
        assertThat(runImport(database, bad, Map.of())).isEqualTo(1);
        assertThat(runImport(database, dir.resolve("missing.json"), Map.of())).isEqualTo(2);

        Map<String, Object> check = new HashMap<>(database);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(check))) {
            Partners partners = context.getBean(Partners.class);
            assertThat(partners.find(PartnerId.of("cli-import"))).isPresent();
            assertThat(partners.find(PartnerId.of("cli-bad"))).isEmpty();
        }
    }
}

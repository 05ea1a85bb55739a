package dev.warden.server.shared;

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
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** {@code ./warden compact}: the embedded database's file shrunk with the server stopped, with exit codes. */
@ExtendWith(DatabaseRequirement.class)
class CompactCommandIT {

    /** The command's exit code, with what it printed on either stream. */
    record Run(int exitCode, String said) {}

    static Run compact(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.compact", "true");
        properties.put("warden.jobs.enabled", "false");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(said, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int code = WardenApplication.exit(new SpringApplicationBuilder(WardenApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(TestDatabase.asArguments(properties)));
            return new Run(code, said.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theFileLeftLargeByWritesShrinksAndWhatIsInItStays() throws Exception {
        Map<String, Object> database = TestDatabase.fresh();
        if (TestDatabase.postgres()) {
            Run run = compact(database);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.said()).contains("the database is PostgreSQL").doesNotContain("Compacted");
            return;
        }
        String url = database.get("spring.datasource.url").toString();
        // Written, then deleted: H2 leaves the file as large as the writes made it.
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("create table kept (x varchar(20))");
            s.execute("insert into kept values ('still here')");
            s.execute("create table junk (x varchar(300))");
            for (int i = 0; i < 5; i++) {
                s.execute("insert into junk select repeat('x', 300) from system_range(1, 20000)");
            }
            s.execute("drop table junk");
        }
        Path file = Path.of(database.get("warden.data-dir").toString(), "warden.mv.db");
        long before = Files.size(file);

        Run run = compact(database);

        assertThat(run.exitCode()).as(run.said()).isZero();
        assertThat(run.said()).containsPattern("Compacted the database file from [0-9,.]+ MiB to [0-9,.]+ MiB");
        assertThat(Files.size(file)).isLessThan(before / 2);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                var kept = s.executeQuery("select x from kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getString(1)).isEqualTo("still here");
        }
    }
}

package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The title search on H2 narrows the list to the tickets whose titles it holds in memory: it finds what
 * the database's {@code like} finds, including tickets another connection wrote (another process sharing
 * the file), and hands back to the database whenever it may not hold every title.
 */
@ExtendWith(DatabaseRequirement.class)
class TitleMatchesIT {
    static FreshWarden warden;
    static Http admin;
    static TitleMatches titles;

    /** A ticket's columns, copied from AMS-9002 but for its key, number and title. */
    private static final String COPY = """
            insert into tickets (ticket_key, project, number, type, partner_id, app_key, hosting, title, status,
              severity, score, policy_version, reported_at, clock_start_at, due_at, open_due_at, triage_due_at,
              breached_at, assignees, version, updated_at)
            select ?, 'AMS', ?, type, partner_id, app_key, hosting, ?, status, severity, score, policy_version,
              reported_at, clock_start_at, due_at, open_due_at, triage_due_at, breached_at, assignees, version,
              updated_at
            from tickets where ticket_key = 'AMS-9002'""";

    @BeforeAll
    static void tickets() throws Exception {
        warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"));
        admin = warden.admin();
        titles = warden.bean(TitleMatches.class);
        try (InputStream in = TitleMatchesIT.class.getResourceAsStream("/snapshots/tickets.json")) {
            assertThat(admin.post("/api/v1/snapshot", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static List<String> keys(String query) {
        JsonNode page = admin.get("/api/v1/tickets?q=" + query).json();
        return page.get("items").valueStream().map(t -> t.get("key").asString()).toList();
    }

    @Test
    void findsWhatTheDatabaseFindsAndNothingInTheKeys() throws InterruptedException {
        if (TestDatabase.postgres()) {
            assertThat(titles.matching("xss"))
                    .as("PostgreSQL has its trigram index")
                    .isNull();
        } else {
            assertThat(eventually(() -> titles.matching("XSS"))).containsExactly("AMS-9002");
            // The keys are held beside the titles but never matched.
            assertThat(titles.matching("ams-900")).isEmpty();
            // Wildcards of the like are plain characters here too.
            assertThat(titles.matching("%")).isEmpty();
        }
        assertThat(keys("XSS")).containsExactly("AMS-9002");
        assertThat(keys("ams-900")).isEmpty();
        assertThat(keys("%20sS%20")).containsExactly("AMS-9002", "AMS-9003");
    }

    @Test
    void findsTicketsAnotherConnectionWroteAndHandsBackWhenItMayMissSome() throws Exception {
        assumeFalse(TestDatabase.postgres(), "the titles are held in memory on H2 only");
        DataSource data = warden.bean(DataSource.class);
        assertThat(eventually(() -> titles.matching("stored"))).containsExactly("AMS-9002");

        try (Connection other = data.getConnection()) {
            insert(other, "AMS-9100", 9100, "Reflected\tinjection in the export");
        }
        assertThat(titles.matching("reflected")).containsExactly("AMS-9100");
        assertThat(keys("reflected")).containsExactly("AMS-9100");
        // A tab is held as a space, so the titles offer this ticket; the database's like leaves it out.
        assertThat(titles.matching("reflected injection")).containsExactly("AMS-9100");
        assertThat(keys("reflected%20injection")).isEmpty();

        // A transaction that commits its rows after a later one's were read: its rows were numbered first.
        try (Connection late = data.getConnection();
                Connection early = data.getConnection()) {
            late.setAutoCommit(false);
            insert(late, "AMS-9101", 9101, "Committed late");
            insert(early, "AMS-9102", 9102, "Committed early");
            assertThat(titles.matching("committed")).containsExactly("AMS-9102");
            late.commit();
        }
        assertThat(titles.matching("committed"))
                .as("titles missing: the database searches")
                .isNull();
        assertThat(keys("committed")).containsExactly("AMS-9101", "AMS-9102");
        assertThat(eventually(() -> titles.matching("committed"))).containsExactlyInAnyOrder("AMS-9101", "AMS-9102");

        // More matches than it narrows to: the database searches, and the list counts to its limit.
        String bulk = COPY.replace("select ?, 'AMS', ?", "select 'BLK-' || \"X\", 'BLK', \"X\"")
                .replace("hosting, ?, status", "hosting, 'Bulk finding ' || \"X\", status")
                .replace("from tickets where", "from tickets, system_range(1, " + (TitleMatches.LIMIT + 1) + ") where");
        try (Connection other = data.getConnection();
                PreparedStatement s = other.prepareStatement(bulk)) {
            assertThat(s.executeUpdate()).isEqualTo(TitleMatches.LIMIT + 1);
        }
        assertThat(titles.matching("bulk finding 1000")).containsExactly("BLK-1000", "BLK-10000", "BLK-10001");
        assertThat(titles.matching("bulk finding")).isNull();
        JsonNode page = admin.get("/api/v1/tickets?q=bulk%20finding").json();
        assertThat(page.get("totalItemsExact").asBoolean()).isFalse();
        assertThat(page.get("items").size()).isEqualTo(page.get("size").asInt());
    }

    @Test
    void aCommandWithoutTheWebSideReadsNoTitles() {
        Map<String, Object> properties = new java.util.HashMap<>(TestDatabase.fresh());
        properties.put("warden.jobs.enabled", "false");
        try (org.springframework.context.ConfigurableApplicationContext context =
                new org.springframework.boot.builder.SpringApplicationBuilder(dev.warden.server.WardenApplication.class)
                        .web(org.springframework.boot.WebApplicationType.NONE)
                        .run(TestDatabase.asArguments(properties))) {
            // ./warden import stops right after its work: reading a million titles then only gets in its way.
            assertThat(context.getBean(TitleMatches.class).started()).isFalse();
        }
        assertThat(titles.started()).as("the server").isEqualTo(!TestDatabase.postgres());
    }

    private static void insert(Connection c, String key, int number, String title) throws Exception {
        try (PreparedStatement s = c.prepareStatement(COPY)) {
            s.setString(1, key);
            s.setInt(2, number);
            s.setString(3, title);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    /** What {@code search} answers once the titles are read in the background (it is null until then). */
    private static List<String> eventually(Supplier<@Nullable List<String>> search) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<String> found = search.get();
            if (found != null) {
                return found;
            }
            assertThat(Instant.now()).as("the titles were read in time").isBefore(end);
            Thread.sleep(50);
        }
    }
}

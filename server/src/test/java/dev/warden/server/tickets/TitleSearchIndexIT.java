package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The title search's trigram index needs an extension the database's owner may install; an application
 * user that may only create tables gets a server that starts and searches all the same, without it.
 */
@ExtendWith(DatabaseRequirement.class)
class TitleSearchIndexIT {

    @Test
    void aUserThatCannotInstallTheExtensionGetsAServerThatSearchesWithoutTheIndex() throws Exception {
        assumeTrue(TestDatabase.postgres(), "the index is PostgreSQL's; H2 has none to install");
        Map<String, Object> settings = new HashMap<>(TestDatabase.freshForLimitedUser());
        String role = (String) settings.get("spring.datasource.username");
        settings.put("warden.jobs.enabled", "false");
        try (FreshWarden warden = FreshWarden.start(settings)) {
            JdbcClient jdbc = warden.bean(JdbcClient.class);
            assertThat(jdbc.sql("select current_user").query(String.class).single())
                    .isEqualTo(role);
            assertThat(jdbc.sql("select success from flyway_schema_history where version = '34'")
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(jdbc.sql("select count(*) from pg_indexes where indexname = 'tickets_title_trigrams'")
                            .query(Long.class)
                            .single())
                    .isZero();

            Http admin = warden.admin();
            try (InputStream in = TitleSearchIndexIT.class.getResourceAsStream("/snapshots/tickets.json")) {
                assertThat(admin.post("/api/v1/snapshot", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                .status())
                        .isEqualTo(200);
            }
            assertThat(admin.get("/api/v1/tickets?q=stored%20XSS")
                            .json()
                            .get("items")
                            .valueStream()
                            .map(t -> t.get("key").asString()))
                    .containsExactly("AMS-9002");
        } finally {
            TestDatabase.dropRole(role);
        }
    }
}

package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** Every change is on the hash-chained trail; tampering with a row in the database is found. */
@IntegrationTest
@DirtiesContext
class AuditTrailIT {
    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail trail;

    @Test
    void changesAreRecordedWithTheirActorAndTheChainVerifiesUntilARowIsEdited() {
        Http admin = TestClients.admin(new Http(port), clients);
        String id = "audited-" + UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/v1/partners", "{\"id\": \"%s\", \"name\": \"Audited\", \"tier\": \"NONE\"}".formatted(id));
        admin.put(
                "/api/v1/partners/" + id, "{\"id\": \"%s\", \"name\": \"Audited\", \"tier\": \"GOLD\"}".formatted(id));

        JsonNode entries =
                admin.get("/api/v1/audit?subjectType=partner&subjectId=" + id).json();
        assertThat(entries.get("items").valueStream().map(e -> e.get("action").asString()))
                .containsExactly("PARTNER_UPDATED", "PARTNER_CREATED");
        // By time: from is inclusive, to exclusive.
        String at = entries.get("items").get(1).get("at").asString();
        String byId = "/api/v1/audit?subjectType=partner&subjectId=" + id;
        assertThat(admin.get(byId + "&from=" + at).json().get("totalItems").asInt())
                .isEqualTo(2);
        assertThat(admin.get(byId + "&to=" + at).json().get("totalItems").asInt())
                .isZero();
        assertThat(admin.get(byId + "&from=2099-01-01T00:00:00Z")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(admin.get("/api/v1/audit?from=yesterday").status()).isEqualTo(400);
        JsonNode update = entries.get("items").get(0);
        assertThat(update.get("actorKind").asString()).isEqualTo("CLIENT");
        assertThat(update.get("details").asString()).contains("\"tier\":\"GOLD\"", "\"tier\":\"NONE\"");
        assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();

        long seq = update.get("seq").asLong();
        jdbc.sql("update audit_log set details = :d where seq = :s")
                .param("d", "{}")
                .param("s", seq)
                .update();

        JsonNode check = admin.get("/api/v1/audit/verify").json();
        assertThat(check.get("intact").asBoolean()).isFalse();
        assertThat(check.get("brokenAt").asLong()).isEqualTo(seq);
        assertThat(check.get("problem").asString()).contains("content does not match");
        assertThat(admin.send("DELETE", "/api/v1/audit", null, null).status()).isEqualTo(405);
    }

    @Test
    void theFilterOffersEveryActionAndSubjectTypeOnTheTrailOnceInOrderAndListsAnActionNewestFirst() {
        Http admin = TestClients.admin(new Http(port), clients);
        for (int i = 0; i < 3; i++) {
            String id = "vocab-" + UUID.randomUUID().toString().substring(0, 6);
            admin.post("/api/v1/partners", "{\"id\": \"%s\", \"name\": \"V\", \"tier\": \"NONE\"}".formatted(id));
            admin.put("/api/v1/partners/" + id, "{\"id\": \"%s\", \"name\": \"V\", \"tier\": \"GOLD\"}".formatted(id));
        }

        // Read by skipping along the index; the plain query that reads every entry is the reference.
        var vocabulary = trail.vocabulary();
        assertThat(vocabulary.get("actions"))
                .contains("PARTNER_CREATED", "PARTNER_UPDATED")
                .isEqualTo(jdbc.sql("select distinct action from audit_log order by action")
                        .query(String.class)
                        .list());
        assertThat(vocabulary.get("subjectTypes"))
                .contains("partner")
                .isEqualTo(jdbc.sql("select distinct subject_type from audit_log order by subject_type")
                        .query(String.class)
                        .list());

        JsonNode updates =
                admin.get("/api/v1/audit?action=PARTNER_UPDATED&size=2").json();
        assertThat(updates.get("totalItems").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(updates.get("items").valueStream().map(e -> e.get("seq").asLong()))
                .containsExactlyElementsOf(
                        jdbc.sql("select seq from audit_log where action = 'PARTNER_UPDATED' order by seq desc limit 2")
                                .query(Long.class)
                                .list());
    }
}

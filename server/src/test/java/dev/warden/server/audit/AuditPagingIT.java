package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The trail pages by cursor and stops counting at its limit; its export walks it whole. */
@ExtendWith(DatabaseRequirement.class)
class AuditPagingIT {

    static List<Long> seqs(JsonNode page) {
        return page.get("items").valueStream().map(e -> e.get("seq").asLong()).toList();
    }

    static String total(JsonNode page) {
        return page.get("totalItems").asInt() + (page.get("totalItemsExact").asBoolean() ? "" : "+");
    }

    @Test
    void cursorsWalkTheTrailBothWaysAndTheTotalStopsAtTheLimit() throws Exception {
        try (FreshWarden warden =
                FreshWarden.start(Map.of("warden.jobs.enabled", "false", "warden.audit.count-limit", "5"))) {
            Http admin = warden.admin();
            AuditTrail trail = warden.bean(AuditTrail.class);
            for (int i = 0; i < 52; i++) {
                trail.record(Actor.system("test"), "PARTNER_CREATED", "partner", "pg-" + i, null, Map.of());
            }
            String created = "/api/v1/audit?action=PARTNER_CREATED&size=20";
            List<Long> expected = JdbcClient.create(warden.bean(javax.sql.DataSource.class))
                    .sql("select seq from audit_log where action = 'PARTNER_CREATED' order by seq desc")
                    .query(Long.class)
                    .list();
            assertThat(expected).hasSize(52);

            // Forwards: 20, 20, 12, following next; the first page has no previous, the last no next.
            JsonNode first = admin.get(created).json();
            assertThat(total(first)).isEqualTo("5+");
            assertThat(first.has("previous")).isFalse();
            JsonNode second = admin.get(created + "&after=" + first.get("next").asString())
                    .json();
            JsonNode third = admin.get(created + "&after=" + second.get("next").asString())
                    .json();
            assertThat(third.has("next")).isFalse();
            List<Long> walked = new ArrayList<>(seqs(first));
            walked.addAll(seqs(second));
            walked.addAll(seqs(third));
            assertThat(walked).isEqualTo(expected);

            // Backwards from the last page, following previous: the same pages, newest first in each.
            JsonNode back = admin.get(
                            created + "&before=" + third.get("previous").asString())
                    .json();
            assertThat(seqs(back)).isEqualTo(seqs(second));
            JsonNode top = admin.get(created + "&before=" + back.get("previous").asString())
                    .json();
            assertThat(seqs(top)).isEqualTo(seqs(first));
            assertThat(top.has("previous")).isFalse();
            assertThat(top.get("next").asString()).isEqualTo(first.get("next").asString());

            // A page by number works where it starts within the entries counted (5 here), and a short
            // list is counted exactly; deeper, the cursor reads on.
            assertThat(seqs(admin.get("/api/v1/audit?action=PARTNER_CREATED&size=2&page=2")
                            .json()))
                    .isEqualTo(expected.subList(4, 6));
            Http.Response deep = admin.get(created + "&page=1");
            assertThat(deep.status()).isEqualTo(400);
            assertThat(deep.body()).contains("first 5 entries");
            assertThat(total(admin.get("/api/v1/audit?subjectId=pg-3").json())).isEqualTo("1");

            // Cursors are checked.
            assertThat(admin.get(created + "&after=x").status()).isEqualTo(400);
            assertThat(admin.get(created + "&after=0").status()).isEqualTo(400);
            assertThat(admin.get(created + "&after=5&before=9").status()).isEqualTo(400);
            assertThat(admin.get(created + "&after=5&page=1").status()).isEqualTo(400);

            // The export is every entry, whatever the limit, read chunk after chunk.
            String csv =
                    admin.get("/api/v1/audit/export?action=PARTNER_CREATED").body();
            assertThat(csv.lines().count()).isEqualTo(53);

            // The console's audit page says "more than" and links to the older entries by cursor.
            SignIns.createUser(warden.bean(Users.class), "ian.analyst", null, Role.SECURITY_ANALYST);
            Http analyst = SignIns.signIn(warden.port(), "ian.analyst", SignIns.PASSWORD);
            String page = analyst.get("/audit?action=PARTNER_CREATED").body();
            assertThat(page).contains("More than 5</span> entries").doesNotContain(">Newer<");
            java.util.regex.Matcher older =
                    java.util.regex.Pattern.compile("href=\"([^\"]*)\">Older<").matcher(page);
            assertThat(older.find()).isTrue();
            assertThat(older.group(1)).endsWith("&amp;after=" + expected.get(49));
            String last = analyst.get(older.group(1).replace("&amp;", "&")).body();
            assertThat(last)
                    .contains("pg-1<", "pg-0<")
                    .doesNotContain("pg-2<", ">Older<")
                    .contains(">Newer<", ">Newest<");
        }
    }

    @Test
    void everyFilterPagesInTheTrailsOrderBothWays() throws Exception {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Http admin = warden.admin();
            AuditTrail trail = warden.bean(AuditTrail.class);
            for (int i = 0; i < 60; i++) {
                trail.record(
                        Actor.system("actor-" + i % 2),
                        i % 5 == 0 ? "APP_CREATED" : "TICKET_CHANGED",
                        i % 4 == 0 ? "app" : "ticket",
                        "subject-" + i % 7,
                        PartnerId.of("filter-" + i % 3),
                        Map.of());
            }
            JdbcClient sql = JdbcClient.create(warden.bean(javax.sql.DataSource.class));
            // Each filter, with its columns, read by following cursors against the database's own order.
            Map<String, String> filters = Map.of(
                    "partner=filter-1", "partner_id = 'filter-1'",
                    "actor=actor-0", "actor_id = 'actor-0'",
                    "subjectType=app", "subject_type = 'app'",
                    "action=APP_CREATED&partner=filter-2", "action = 'APP_CREATED' and partner_id = 'filter-2'",
                    "subjectType=ticket&subjectId=subject-5&actor=actor-1",
                            "subject_type = 'ticket' and subject_id = 'subject-5' and actor_id = 'actor-1'",
                    "subjectType=ticket&action=TICKET_CHANGED",
                            "subject_type = 'ticket' and action = 'TICKET_CHANGED'");
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                List<Long> expected = sql.sql(
                                "select seq from audit_log where " + filter.getValue() + " order by seq desc")
                        .query(Long.class)
                        .list();
                assertThat(expected).as(filter.getKey()).hasSizeGreaterThan(1);
                String list = "/api/v1/audit?size=3&" + filter.getKey();
                List<Long> forwards = new ArrayList<>();
                List<JsonNode> pages = new ArrayList<>();
                JsonNode page = admin.get(list).json();
                while (true) {
                    pages.add(page);
                    forwards.addAll(seqs(page));
                    if (!page.has("next")) {
                        break;
                    }
                    page = admin.get(list + "&after=" + page.get("next").asString())
                            .json();
                }
                assertThat(forwards).as(filter.getKey()).isEqualTo(expected);
                for (int i = pages.size() - 1; i > 0; i--) {
                    JsonNode newer = admin.get(list + "&before="
                                    + pages.get(i).get("previous").asString())
                            .json();
                    assertThat(seqs(newer)).as(filter.getKey()).isEqualTo(seqs(pages.get(i - 1)));
                }
                assertThat(admin.get(list).json().get("totalItems").asInt()).isEqualTo(expected.size());
            }
        }
    }
}

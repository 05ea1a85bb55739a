package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.SqlFilter;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The questions an analyst asks of the tracker: overdue, due soon, by partner, app, severity and type. */
@ExtendWith(DatabaseRequirement.class)
class TicketQueriesIT {
    static FreshWarden warden;
    static Http admin;

    @BeforeAll
    static void tickets() throws Exception {
        warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"));
        admin = warden.admin();
        try (InputStream in = TicketQueriesIT.class.getResourceAsStream("/snapshots/tickets.json")) {
            admin.post("/api/v1/snapshot", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // And one fresh ticket, due in ten days.
        admin.post("/api/v1/tickets", """
                {"type": "SECURITY", "app": "com.tkacme.timesheets", "hosting": "CLOUD", "title": "New", "score": 9.5}
                """);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static java.util.List<String> keys(String query) {
        return keys(admin, query);
    }

    static java.util.List<String> keys(Http client, String query) {
        JsonNode page = client.get("/api/v1/tickets" + query).json();
        return page.get("items").valueStream().map(t -> t.get("key").asString()).toList();
    }

    @Test
    void overdueDueSoonAndOpen() {
        assertThat(keys("?overdue=true")).containsExactly("AMS-9001", "AMS-9002", "AMS-9004");
        assertThat(keys("?dueWithinDays=11")).containsExactly("AMS-9005");
        assertThat(keys("?dueWithinDays=5")).isEmpty();
        assertThat(keys("?open=false")).containsExactly("AMS-9003");
        assertThat(keys("?overdue=false")).containsExactly("AMS-9003", "AMS-9005");
    }

    @Test
    void byPartnerAppSeverityTypeAndText() {
        assertThat(keys("?partner=tk-zenith")).containsExactly("AMS-9004");
        assertThat(keys("?app=com.tkacme.timesheets&hosting=DATA_CENTER")).containsExactly("AMS-9003");
        assertThat(keys("?severity=CRITICAL")).containsExactly("AMS-9001", "AMS-9005");
        assertThat(keys("?type=BUG_BOUNTY")).containsExactly("AMS-9002");
        assertThat(keys("?q=xss")).containsExactly("AMS-9002");
        // Shorter than the trigram index serves, asked another way: the same substring match in any case,
        // wildcards taken literally.
        assertThat(keys("?q=%20sS%20")).containsExactly("AMS-9002", "AMS-9003");
        assertThat(keys("?q=%25")).isEmpty();
        assertThat(keys("?q=_")).isEmpty();
        assertThat(keys("?q=%25%25%25")).isEmpty();
    }

    @Test
    void assignedToAnAddressOrToMe() {
        java.util.List<String> acme = keys("?partner=tk-acme");
        assertThat(acme).isNotEmpty();
        assertThat(keys("?assignee=security@tk-acme.example")).isEqualTo(acme);
        assertThat(keys("?assignee=SECURITY@tk-acme.example")).isEqualTo(acme);
        // An address matches whole: not a part of one, and its characters are never wildcards.
        assertThat(keys("?assignee=ecurity@tk-acme.example")).isEmpty();
        assertThat(keys("?assignee=security@tk-acme.exampl")).isEmpty();
        assertThat(keys("?assignee=security@tk_acme.example")).isEmpty();
        assertThat(admin.get("/api/v1/tickets?assignee=nobody").status()).isEqualTo(400);

        // A partner's person who is one of its security contacts asks for "me".
        dev.warden.server.testing.SignIns.createUser(
                warden.bean(dev.warden.server.identity.Users.class),
                "security@tk-acme.example",
                "tk-acme",
                dev.warden.server.shared.Role.PARTNER);
        Http contact = dev.warden.server.testing.SignIns.person(warden.port(), "security@tk-acme.example");
        assertThat(contact.get("/api/v1/tickets?assignee=me")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(t -> t.get("key").asString())
                        .toList())
                .isEqualTo(acme);
        assertThat(contact.get("/api/v1/tickets/export?format=csv&assignee=me")
                        .body()
                        .lines()
                        .count())
                .isEqualTo(acme.size() + 1);
        assertThat(admin.get("/api/v1/tickets?assignee=me").json().get("items").size())
                .as("the operator's client is no security contact")
                .isZero();
    }

    @Test
    void sortedAndPaged() {
        assertThat(keys("?sort=-dueAt&size=2")).containsExactly("AMS-9005", "AMS-9003");
        JsonNode second = admin.get("/api/v1/tickets?sort=-dueAt&size=2&page=1").json();
        assertThat(second.get("totalItems").asInt()).isEqualTo(5);
        assertThat(second.get("items").get(0).get("key").asString()).isEqualTo("AMS-9002");
        assertThat(admin.get("/api/v1/tickets?dueWithinDays=-1").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/tickets?status=DONE").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/tickets/AMS-0").status()).isEqualTo(404);
    }

    @Test
    void breachesAndSlaAttainmentByMonth() {
        // AMS-9001 came due on 29 March and is still open: a breach of March.
        assertThat(keys("?breachedIn=2026-03")).containsExactly("AMS-9001");
        // AMS-9004, extended, came due on 1 June; AMS-9003, patched in time, does not count.
        assertThat(keys("?breachedIn=2026-06")).containsExactly("AMS-9004");
        assertThat(keys("?breachedIn=2026-08")).isEmpty();
        assertThat(admin.get("/api/v1/tickets?breachedIn=March").status()).isEqualTo(400);

        JsonNode months = admin.get("/api/v1/tickets/attainment?months=36").json();
        assertThat(months.size()).isEqualTo(36);
        Map<String, String> byMonth = new java.util.HashMap<>();
        months.valueStream()
                .forEach(m -> byMonth.put(
                        m.get("month").asString(),
                        m.get("due").asInt() + "/" + m.get("breached").asInt() + "/"
                                + m.get("met").asInt() + "/" + m.get("percentMet")));
        assertThat(byMonth)
                .containsEntry("2026-03", "1/1/0/0")
                .containsEntry("2026-06", "1/1/0/0")
                .containsEntry("2026-07", "1/1/0/0")
                .containsEntry("2026-08", "1/0/1/100")
                .containsEntry("2026-05", "0/0/0/null");
        assertThat(admin.get("/api/v1/tickets/attainment?months=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/tickets/attainment?months=37").status()).isEqualTo(400);
    }

    @Test
    void theHomePagesCountsComeFromOnePassAndAgreeWithTheListFilters() {
        OpenTickets open = warden.bean(TicketOverview.class).open(8, Actor.system("test"));

        assertThat(open.overdue()).isEqualTo(3).isEqualTo(keys("?overdue=true").size());
        // AMS-9005 falls due in ten days: in the second week from now.
        assertThat(open.dueByWeek()).containsExactly(0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(open.bySeverity()).containsOnlyKeys("CRITICAL", "HIGH", "MEDIUM", "LOW");
        open.bySeverity()
                .forEach((severity, n) -> assertThat(n)
                        .as(severity)
                        .isEqualTo(keys("?open=true&severity=" + severity).size()));
        assertThat(open.byStatus().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(4);
        open.byStatus()
                .forEach((status, n) -> assertThat(n)
                        .as(status)
                        .isEqualTo(keys("?status=" + status).size()));

        Actor zenith = new Actor(
                Actor.Kind.USER,
                "z",
                "Zenith",
                java.util.Set.of(Permission.TICKETS_READ),
                dev.warden.core.catalog.PartnerId.of("tk-zenith"));
        OpenTickets theirs = warden.bean(TicketOverview.class).open(8, zenith);
        assertThat(theirs.overdue()).as("AMS-9004 only").isEqualTo(1);
        assertThat(theirs.byStatus().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(1);
    }

    @Test
    void newTicketsNumberAfterImportedOnes() {
        assertThat(keys("?q=new")).containsExactly("AMS-9005");
    }

    @Test
    void onPostgreSqlTheTitleSearchCanReadItsTrigramIndex() {
        assumeTrue(TestDatabase.postgres(), "H2 has no trigram index: its title search reads every title");
        JdbcClient jdbc = warden.bean(JdbcClient.class);
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'tickets_title_trigrams'")
                        .query(String.class)
                        .single())
                .contains("gin", "lower", "gin_trgm_ops");
        // The clause the tickets list writes for q=, planned with sequential scans ruled out: the index
        // serves it (a clause it does not fit, such as ilike on the bare column, would scan all the same).
        SqlFilter search = new SqlFilter().contains("stored xss", "title", "text");
        List<String> plan = new TransactionTemplate(warden.bean(PlatformTransactionManager.class)).execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return jdbc.sql("explain select ticket_key from tickets" + search.where())
                    .params(search.params())
                    .query(String.class)
                    .list();
        });
        assertThat(String.join("\n", plan)).contains("tickets_title_trigrams");
        assertThat(keys("?q=Stored%20XSS")).containsExactly("AMS-9002");
    }
}

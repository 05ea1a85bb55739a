package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Pages read by cursor, forwards and backwards, give exactly the list that page numbers give, in every
 * sort order and with the open-only filters, even where many tickets tie on the sort column; totals stop
 * at the count limit and say so; and a cursor that is not one, or belongs to another order, is refused.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketCursorIT {
    static final int TICKETS = 95;
    static FreshWarden warden;
    static Http admin;

    @BeforeAll
    static void tickets() {
        // Lists stop counting at 40 here, so both ways of reading a page are walked: of a list with more
        // tickets than that (read along the sort's index) and of a shorter one (the filter's index).
        warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false", "warden.tickets.count-limit", "40"));
        admin = warden.admin();
        Http.Response imported = admin.post("/api/v1/snapshot", snapshot());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    /**
     * Two partners and three apps; tickets from two projects whose numbers interleave, reported on only
     * five distinct days with only three scores (so the sort columns tie in long runs), a third of them
     * fixed.
     */
    static String snapshot() {
        String[] vectors = {
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N",
            "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N"
        };
        String[] apps = {"com.cur.one", "com.cur.two", "com.cur.three"};
        List<String> tickets = new ArrayList<>();
        for (int i = 1; i <= TICKETS; i++) {
            Instant reported = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * 40 * (i % 5));
            String events =
                    "{\"type\": \"REPORTED\", \"at\": \"" + reported + "\", \"actor\": \"analyst\", \"cvss\": \""
                            + vectors[i % 3] + "\"}"
                            + (i % 3 == 0
                                    ? ", {\"type\": \"VERIFIED_PATCHED\", \"at\": \"" + reported.plusSeconds(86_400)
                                            + "\", \"actor\": \"analyst\"}"
                                    : "");
            tickets.add("{\"key\": \"" + (i % 2 == 0 ? "AMS-" : "SEC-") + i + "\", \"type\": \"SECURITY\", \"app\": \""
                    + apps[i % 3] + "\", \"hosting\": \"CLOUD\", \"title\": \"Finding " + i + "\", \"events\": ["
                    + events + "]}");
        }
        return """
                {"format": "warden.snapshot/v1",
                 "partners": [{"id": "cur-a", "name": "Cursor A", "tier": "GOLD"},
                              {"id": "cur-b", "name": "Cursor B", "tier": "SILVER"}],
                 "apps": [
                   {"key": "com.cur.one", "name": "One", "partner": "cur-a", "listings": [{"hosting": "CLOUD", "state": "LISTED"}]},
                   {"key": "com.cur.two", "name": "Two", "partner": "cur-b", "listings": [{"hosting": "CLOUD", "state": "LISTED"}]},
                   {"key": "com.cur.three", "name": "Three", "partner": "cur-a", "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}],
                 "tickets": [%s]}
                """.formatted(String.join(",\n", tickets));
    }

    static List<String> keys(JsonNode page) {
        return page.get("items").valueStream().map(t -> t.get("key").asString()).toList();
    }

    static JsonNode get(String query) {
        Http.Response response = admin.get("/api/v1/tickets?" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    static String enc(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "sort=-key",
                "sort=dueAt",
                "sort=-dueAt",
                "sort=reportedAt",
                "sort=-reportedAt",
                "sort=score",
                "sort=-score",
                "sort=partner",
                "sort=-partner",
                "open=true&sort=dueAt",
                "overdue=true&sort=-dueAt",
                "open=false&sort=score",
                "partner=cur-a&sort=reportedAt"
            })
    void walkingByCursorGivesTheListPageNumbersGive(String filter) {
        List<String> whole = keys(get(filter + "&size=500"));
        assertThat(whole).isNotEmpty();

        List<String> forwards = new ArrayList<>();
        JsonNode page = get(filter + "&size=7");
        assertThat(page.has("previous")).isFalse();
        int pages = 1;
        forwards.addAll(keys(page));
        while (page.has("next")) {
            page = get(filter + "&size=7&after=" + enc(page.get("next").asString()));
            forwards.addAll(keys(page));
            pages++;
            assertThat(page.get("totalItems").asInt()).isEqualTo(Math.min(whole.size(), 40));
            assertThat(page.get("totalItemsExact").asBoolean()).isEqualTo(whole.size() <= 40);
        }
        assertThat(forwards).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo((whole.size() + 6) / 7);

        // And back from the last page to the first, by the previous cursors.
        List<String> backwards = new ArrayList<>(keys(page));
        Collections.reverse(backwards);
        while (page.has("previous")) {
            page = get(filter + "&size=7&before=" + enc(page.get("previous").asString()));
            List<String> items = new ArrayList<>(keys(page));
            assertThat(items).hasSizeLessThanOrEqualTo(7);
            Collections.reverse(items);
            backwards.addAll(items);
        }
        Collections.reverse(backwards);
        assertThat(backwards).containsExactlyElementsOf(whole);
    }

    @Test
    void aPageNumberGivesCursorsToo() {
        List<String> whole = keys(get("sort=-score&size=500"));
        JsonNode third = get("sort=-score&size=10&page=2");
        assertThat(keys(third)).containsExactlyElementsOf(whole.subList(20, 30));
        assertThat(keys(get("sort=-score&size=10&after=" + enc(third.get("next").asString()))))
                .containsExactlyElementsOf(whole.subList(30, 40));
        assertThat(keys(get("sort=-score&size=10&before="
                        + enc(third.get("previous").asString()))))
                .containsExactlyElementsOf(whole.subList(10, 20));
    }

    /**
     * A page number reaches as far as the list counts (40 here): every page the total gives a number to,
     * and no further; past it the next cursor reads on.
     */
    @Test
    void pageNumbersReachAsFarAsTheCount() {
        java.util.function.Function<JsonNode, String> total = TicketCountIT::total;
        List<String> whole = keys(get("size=500"));
        JsonNode last = get("size=15&page=2");
        assertThat(last.get("totalPages").asInt()).isEqualTo(3);
        assertThat(keys(last)).containsExactlyElementsOf(whole.subList(30, 45));
        Http.Response beyond = admin.get("/api/v1/tickets?size=15&page=3");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().toString()).contains("page").contains("first 40 tickets");
        assertThat(keys(get("size=15&after=" + enc(last.get("next").asString()))))
                .containsExactlyElementsOf(whole.subList(45, 60));
        // A short list counts exactly, and its page numbers still stop at the limit.
        JsonNode shortList = get("app=com.cur.two&size=10&page=3");
        assertThat(total.apply(shortList)).isEqualTo("32");
        assertThat(shortList.get("items").size()).isEqualTo(2);
        assertThat(admin.get("/api/v1/tickets?app=com.cur.two&size=10&page=4").status())
                .isEqualTo(400);
    }

    /** The console's list (25 a page) walks the same way, by its Next and Previous links. */
    @Test
    void theConsolePagesByCursor() {
        dev.warden.server.identity.Users users = warden.bean(dev.warden.server.identity.Users.class);
        dev.warden.server.testing.SignIns.createUser(
                users, "cursor.analyst", null, dev.warden.server.shared.Role.SECURITY_ANALYST);
        Http analyst = dev.warden.server.testing.SignIns.signIn(
                warden.port(), "cursor.analyst", dev.warden.server.testing.SignIns.PASSWORD);
        // open=false in the console means open or not.
        List<String> whole = keys(get("sort=reportedAt&size=500"));
        Pattern key = Pattern.compile("<a href=\"/tickets/((?:AMS|SEC)-[0-9]+)\">");
        Pattern next = Pattern.compile("<a href=\"(/tickets\\?[^\"]*after=[^\"]*)\">Next</a>");
        Pattern previous = Pattern.compile("<a href=\"(/tickets\\?[^\"]*before=[^\"]*)\">Previous</a>");
        List<String> walked = new ArrayList<>();
        String path = "/tickets?open=false&sort=reportedAt";
        String body = "";
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).isLessThan(10);
            Http.Response r = analyst.get(path.replace("&amp;", "&"));
            assertThat(r.status()).as(path).isEqualTo(200);
            body = r.body();
            Matcher m = key.matcher(body);
            while (m.find()) {
                walked.add(m.group(1));
            }
            Matcher n = next.matcher(body);
            path = n.find() ? n.group(1) : null;
        }
        assertThat(walked).containsExactlyElementsOf(whole);
        assertThat(analyst.get("/tickets?open=false&sort=reportedAt").body())
                .contains("<span>More than 40</span> tickets");
        Matcher back = previous.matcher(body);
        assertThat(back.find()).isTrue();
        String before = analyst.get(back.group(1).replace("&amp;", "&")).body();
        Matcher m = key.matcher(before);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(whole.get(whole.size() - whole.size() % 25 - 25));
    }

    @Test
    void whatIsNotACursorIsRefused() {
        String next = get("sort=dueAt&size=5").get("next").asString();
        JsonNode otherSort =
                admin.get("/api/v1/tickets?sort=score&after=" + enc(next)).json();
        assertThat(otherSort.get("status").asInt()).isEqualTo(400);
        assertThat(otherSort.toString()).contains("after").contains("another sort order");
        for (String bad : List.of("%25%25%25", "bm90IGEgY3Vyc29y", enc(next.substring(0, next.length() - 4)))) {
            assertThat(admin.get("/api/v1/tickets?sort=dueAt&after=" + bad).status())
                    .as(bad)
                    .isEqualTo(400);
        }
        assertThat(admin.get("/api/v1/tickets?sort=dueAt&after=" + enc(next) + "&before=" + enc(next))
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/tickets?sort=dueAt&page=2&after=" + enc(next))
                        .status())
                .isEqualTo(400);
    }
}

package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A list found to hold more tickets than the count limit is answered "more than" without counting again
 * for a while; a shorter list is counted on every page, so its total is always exact.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketCountIT {

    static JsonNode list(Http admin, String query) {
        Http.Response response = admin.get("/api/v1/tickets?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static String total(JsonNode page) {
        return page.get("totalItems").asInt() + (page.get("totalItemsExact").asBoolean() ? "" : "+");
    }

    @Test
    void aListBeyondTheLimitIsNotCountedOnEveryPage() {
        try (FreshWarden warden =
                FreshWarden.start(Map.of("warden.jobs.enabled", "false", "warden.tickets.count-limit", "3"))) {
            Http admin = warden.admin();
            List<String> tickets = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                tickets.add("""
                        {"key": "CNT-%d", "type": "SECURITY", "app": "com.cnt.app", "hosting": "CLOUD",
                         "title": "Finding %d", "events": [{"type": "REPORTED", "at": "2026-11-01T00:00:00Z",
                         "actor": "analyst", "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}""".formatted(i, i));
            }
            Http.Response imported = admin.post("/api/v1/snapshot", """
                    {"format": "warden.snapshot/v1", "partners": [{"id": "cnt", "name": "Count", "tier": "GOLD"}],
                     "apps": [{"key": "com.cnt.app", "name": "Count", "partner": "cnt",
                               "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}],
                     "tickets": [%s]}""".formatted(String.join(",", tickets)));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(total(list(admin, "open=true"))).isEqualTo("3+");
            assertThat(total(list(admin, "open=true&severity=CRITICAL&app=com.cnt.app")))
                    .isEqualTo("3+");

            for (int i = 1; i <= 4; i++) {
                Http.Response patched = admin.post("/api/v1/tickets/CNT-" + i + "/patched", "{\"note\": \"fixed\"}");
                assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            }
            // The lists counted past the limit a moment ago are believed to still be past it...
            assertThat(total(list(admin, "open=true"))).isEqualTo("3+");
            // ... while any other is counted, exactly when under the limit.
            assertThat(total(list(admin, "open=true&app=com.cnt.app"))).isEqualTo("1");
            assertThat(total(list(admin, "open=false"))).isEqualTo("3+");
            assertThat(list(admin, "open=true").get("items").size())
                    .as("the page itself is read as it is")
                    .isEqualTo(1);
        }
    }
}

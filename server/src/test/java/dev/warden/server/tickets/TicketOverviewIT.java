package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The figures over many tickets are kept for a while (counting a million tickets on every home page
 * would be the slowest thing the server does), and a ticket changed through Warden drops them at once.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketOverviewIT {
    static long dueIn(JsonNode months, String month) {
        return months.valueStream()
                .filter(m -> m.get("month").asString().equals(month))
                .findFirst()
                .orElseThrow()
                .get("due")
                .asLong();
    }

    @Test
    void keptUntilATicketChanges() throws Exception {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Http admin = warden.admin();
            try (InputStream in = TicketOverviewIT.class.getResourceAsStream("/snapshots/tickets.json")) {
                admin.post("/api/v1/snapshot", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String march = "2026-03";
            long before =
                    dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), march);
            assertThat(before).isPositive();

            // A change behind Warden's back (no event) is not seen while the figures are kept...
            warden.bean(JdbcClient.class)
                    .sql("update tickets set status = 'DUPLICATE' where ticket_key = 'AMS-9001'")
                    .update();
            assertThat(dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), march))
                    .isEqualTo(before);

            // ...a change through Warden is, on the next request.
            assertThat(admin.post("/api/v1/tickets/AMS-9004/comments", "{\"note\": \"Looked at it.\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), march))
                    .isEqualTo(before - 1);

            // ...and so is an import's new ticket (written in a batch, with no change event of its own).
            String document;
            try (InputStream in = TicketOverviewIT.class.getResourceAsStream("/snapshots/tickets.json")) {
                document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String again = document.replaceFirst("\"tickets\": \\[", """
                    "tickets": [{"key": "AMS-9100", "type": "SCANNER", "app": "com.tkacme.timesheets",
                      "hosting": "CLOUD", "title": "Another hardcoded secret", "events": [{"type": "REPORTED",
                      "at": "2026-03-01T00:00:00Z", "actor": "scanner",
                      "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]},""");
            assertThat(again).contains("AMS-9100");
            assertThat(admin.post("/api/v1/snapshot", again).status()).isEqualTo(200);
            assertThat(dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), march))
                    .isEqualTo(before);
        }
    }

    @Test
    void keptForNoTimeAtAll() throws Exception {
        try (FreshWarden warden =
                FreshWarden.start(Map.of("warden.jobs.enabled", "false", "warden.tickets.summary-max-age", "0s"))) {
            Http admin = warden.admin();
            try (InputStream in = TicketOverviewIT.class.getResourceAsStream("/snapshots/tickets.json")) {
                admin.post("/api/v1/snapshot", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            long before =
                    dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), "2026-03");
            warden.bean(JdbcClient.class)
                    .sql("update tickets set status = 'DUPLICATE' where ticket_key = 'AMS-9001'")
                    .update();
            assertThat(dueIn(admin.get("/api/v1/tickets/attainment?months=36").json(), "2026-03"))
                    .isEqualTo(before - 1);
        }
    }
}

package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists taken to a spreadsheet: the tickets export honours the list's filters and the partner scope,
 * is read back by a CSV parser cell for cell, defuses formulas, and comes as JSON too; the audit
 * trail exports likewise.
 */
@ExtendWith(DatabaseRequirement.class)
class ExportsIT {
    static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N";
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";

    static void partner(Http admin, String id) {
        assertThat(admin.post("/api/v1/partners", """
                        {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                          {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                        """.formatted(id, id, id)).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/apps", """
                        {"key": "com.%s.app", "name": "App", "partner": "%s", "firstListedOn": "2021-01-01",
                         "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}]}
                        """.formatted(id, id)).status()).isEqualTo(201);
    }

    static void report(Http admin, String app, String title, String vector) {
        Http.Response r = admin.post(
                "/api/v1/tickets",
                JsonMapper.shared()
                        .writeValueAsString(Map.of(
                                "type", "SECURITY", "app", app, "hosting", "CLOUD", "title", title, "cvss", vector)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** The first CSV link to {@code path} on a page, as a browser would follow it. */
    static String link(String html, String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "href=\"(" + java.util.regex.Pattern.quote(path) + "\\?[^\"]*format=csv[^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as("a CSV link to " + path).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    static List<CSVRecord> csv(Http.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/csv");
        assertThat(r.header("content-disposition")).startsWith("attachment; filename=\"");
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(r.body()))
                .getRecords();
    }

    @Test
    void ticketsExportAsTheListSelectsThemAndReadBackCellForCell() throws Exception {
        try (FreshWarden warden = FreshWarden.start()) {
            Http admin = warden.admin();
            partner(admin, "acme");
            partner(admin, "bolt");
            String tricky = "=HYPERLINK(\"http://evil.example\",\"x\"), with \"quotes\",\nand a line";
            report(admin, "com.acme.app", tricky, HIGH);
            report(admin, "com.acme.app", "Second acme finding", CRITICAL);
            report(admin, "com.bolt.app", "Bolt's finding", HIGH);

            List<CSVRecord> all = csv(admin.get("/api/v1/tickets/export?sort=key"));
            assertThat(all).hasSize(3);
            assertThat(all.get(0).get("title")).isEqualTo("'" + tricky);
            assertThat(all.get(0).get("severity")).isEqualTo("HIGH");
            assertThat(all.get(0).get("assignees")).isEqualTo("sec@acme.example");
            assertThat(all.get(1).get("key")).isEqualTo(all.get(0).get("key").replace("-1", "-2"));

            assertThat(csv(admin.get("/api/v1/tickets/export?severity=CRITICAL")))
                    .extracting(r -> r.get("title"))
                    .containsExactly("Second acme finding");

            Http bolt = TestClients.as(
                    new Http(warden.port()),
                    warden.bean(ApiClients.class),
                    "bolt",
                    Permission.TICKETS_READ,
                    Permission.ENFORCEMENT_READ);
            assertThat(csv(bolt.get("/api/v1/tickets/export")))
                    .as("a partner exports its own tickets")
                    .extracting(r -> r.get("partner"))
                    .containsExactly("bolt");
            assertThat(csv(bolt.get("/api/v1/tickets/export?partner=acme")))
                    .as("and nothing of another partner's, even when it asks")
                    .isEmpty();

            Http.Response json = admin.get("/api/v1/tickets/export?format=json&partner=acme");
            assertThat(json.header("content-type")).startsWith("application/json");
            assertThat(json.json().size()).isEqualTo(2);
            assertThat(json.json().get(0).get("partner").asString()).isEqualTo("acme");

            assertThat(admin.get("/api/v1/tickets/export?format=xls").status()).isEqualTo(400);
            List<CSVRecord> audit = csv(admin.get("/api/v1/audit/export?action=TICKET_REPORTED"));
            assertThat(audit).hasSize(3).allMatch(r -> r.get("action").equals("TICKET_REPORTED"));

            // A partner without a security contact is a violation: its case and the ladder's action export.
            assertThat(admin.post("/api/v1/partners", """
                            {"id": "globex", "name": "Globex", "tier": "SILVER", "securityContacts": []}
                            """).status()).isEqualTo(201);
            // bolt keeps its incident response process on record, so it has no open case.
            assertThat(admin.post("/api/v1/partners/bolt/incident-process/attestations", """
                            {"document": "https://bolt.example/ir", "reviewedOn": "%s",
                             "covers": ["INVESTIGATION", "CONTAINMENT", "COLLABORATION"]}
                            """.formatted(
                                            java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.post("/api/v1/enforcement/evaluations", "").status())
                    .isEqualTo(200);
            List<CSVRecord> cases = csv(admin.get("/api/v1/enforcement/cases/export?status=OPEN&partner=globex"));
            assertThat(cases).isNotEmpty().allMatch(r -> r.get("partner").equals("globex"));
            assertThat(cases.get(0).get("rule")).isNotBlank();
            List<CSVRecord> actions = csv(admin.get("/api/v1/enforcement/actions/export?partner=globex"));
            assertThat(actions).isNotEmpty().allMatch(r -> r.get("case").matches("\\d+"));
            assertThat(csv(bolt.get("/api/v1/enforcement/cases/export?status=OPEN")))
                    .as("bolt has no open case, and sees none of globex's")
                    .isEmpty();
            assertThat(csv(bolt.get("/api/v1/enforcement/cases/export")))
                    .as("the case its attestation closed is bolt's own")
                    .allMatch(r -> r.get("partner").equals("bolt"));

            // The list pages link to the export of what they list: their filters, every page.
            SignIns.createUser(warden.bean(Users.class), "ada.admin", null, Role.ADMIN);
            Http ada = SignIns.person(warden.port(), "ada.admin");
            String casesLink =
                    link(ada.get("/cases?status=OPEN&partner=globex").body(), "/api/v1/enforcement/cases/export");
            assertThat(casesLink).contains("format=csv", "status=OPEN", "partner=globex");
            assertThat(csv(ada.get(casesLink))).hasSameSizeAs(cases);
            String auditLink = link(ada.get("/audit?action=TICKET_REPORTED").body(), "/api/v1/audit/export");
            assertThat(csv(ada.get(auditLink))).hasSize(3);
            assertThat(link(ada.get("/approvals").body(), "/api/v1/enforcement/actions/export"))
                    .contains("status=PROPOSED");
        }
    }
}

package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A ticket's details and a partner's own disclosure: "partner disclosures" are among the Security
 * Vulnerability tickets of the policy. A partner discloses on its own apps only, every error is listed
 * and nothing kept on one, the details are the operator's to change, and the audit trail records which
 * details were given without the description itself.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketDetailsIT {
    static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N";

    record World(FreshWarden warden, Http admin, Http pat, Http bea) {}

    static World world() {
        FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"));
        Http admin = warden.admin();
        acmeAndBolt(admin);
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "bea@bolt.example", "bolt", Role.PARTNER);
        int port = warden.port();
        return new World(
                warden, admin, SignIns.person(port, "pat@acme.example"), SignIns.person(port, "bea@bolt.example"));
    }

    /** Two partners, acme and bolt, each with a security contact and one Cloud app (com.acme.app, com.bolt.app). */
    static void acmeAndBolt(Http admin) {
        for (String partner : new String[] {"acme", "bolt"}) {
            assertThat(admin.post("/api/v1/partners", """
                            {"id": "%s", "name": "%s Inc", "tier": "GOLD", "securityContacts": [
                              {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                            """.formatted(partner, partner, partner))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/v1/apps", """
                            {"key": "com.%s.app", "name": "%s App", "partner": "%s",
                             "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                            """.formatted(partner, partner, partner))
                            .status())
                    .isEqualTo(201);
        }
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    @Test
    void aPartnerDisclosesAVulnerabilityInItsOwnAppWithItsDetails() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            Http.Response made = w.pat().post("/api/v1/tickets/disclosures", """
                    {"app": "com.acme.app", "hosting": "CLOUD", "title": "Stored XSS in the macro editor",
                     "cvss": "%s", "description": "## Steps\\n1. Insert a macro\\n2. `<img onerror>` runs",
                     "cwe": "79", "affectedVersions": "1.0 to 2.3.1"}""".formatted(HIGH));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            JsonNode ticket = made.json();
            String key = ticket.get("key").asString();
            assertThat(made.header("Location")).isEqualTo("/api/v1/tickets/" + key);
            assertThat(ticket.get("type").asString()).isEqualTo("SECURITY");
            assertThat(ticket.get("partner").asString()).isEqualTo("acme");
            assertThat(ticket.get("severity").asString()).isEqualTo("HIGH");
            assertThat(ticket.get("assignees").toString()).contains("sec@acme.example");

            JsonNode details = ok(w.pat().get("/api/v1/tickets/" + key + "/details"));
            assertThat(details.get("cwe").asString())
                    .as("written the usual way")
                    .isEqualTo("CWE-79");
            assertThat(details.get("affectedVersions").asString()).isEqualTo("1.0 to 2.3.1");
            assertThat(details.get("description").asString()).startsWith("## Steps");
            assertThat(ok(w.admin().get("/api/v1/tickets/" + key + "/details"))
                            .get("description")
                            .asString())
                    .isEqualTo(details.get("description").asString());

            // Another partner sees neither the ticket nor its details.
            assertThat(w.bea().get("/api/v1/tickets/" + key + "/details").status())
                    .isEqualTo(404);

            // The trail says which details were given; the description (how to exploit it) stays out.
            JsonNode audit = ok(w.admin().get("/api/v1/audit?action=TICKET_DETAILS_CHANGED"));
            assertThat(audit.get("items").size()).isOne();
            assertThat(audit.get("items").get(0).toString())
                    .contains("cwe CWE-79", "description")
                    .doesNotContain("Insert a macro");
        }
    }

    @Test
    void aDisclosureIsRefusedWithEveryErrorAndNothingKeptOnOne() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            long before = ok(w.admin().get("/api/v1/tickets")).get("totalItems").asLong();
            Http.Response refused = w.pat().post("/api/v1/tickets/disclosures", """
                    {"app": "com.acme.app", "hosting": "CLOUD", "title": "", "cvss": "%s",
                     "cwe": "XSS", "affectedVersions": "%s"}""".formatted(HIGH, "9".repeat(501)));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("/title", "/cwe", "/affectedVersions");

            // Details wrong, the report right: still nothing kept.
            Http.Response detailsOnly = w.pat().post("/api/v1/tickets/disclosures", """
                    {"app": "com.acme.app", "hosting": "CLOUD", "title": "XSS", "cvss": "%s", "cwe": "CWE-0"}""".formatted(HIGH));
            assertThat(detailsOnly.status()).isEqualTo(400);
            assertThat(detailsOnly.body()).contains("/cwe");

            // Another partner's app is not one it can disclose on, and is not told it exists.
            Http.Response foreign = w.pat().post("/api/v1/tickets/disclosures", """
                    {"app": "com.bolt.app", "hosting": "CLOUD", "title": "XSS", "cvss": "%s"}""".formatted(HIGH));
            assertThat(foreign.status()).isEqualTo(400);
            assertThat(foreign.body()).contains("no app 'com.bolt.app'");

            // The operator reports; disclosing is the partner's.
            assertThat(w.admin()
                            .post("/api/v1/tickets/disclosures", """
                            {"app": "com.acme.app", "hosting": "CLOUD", "title": "XSS", "cvss": "%s"}""".formatted(HIGH))
                            .status())
                    .isEqualTo(403);
            assertThat(ok(w.admin().get("/api/v1/tickets")).get("totalItems").asLong())
                    .isEqualTo(before);
            assertThat(ok(w.admin().get("/api/v1/audit?action=TICKET_REPORTED"))
                            .get("items")
                            .size())
                    .isZero();
        }
    }

    @Test
    void theOperatorChangesTheDetailsAndThePartnerCannot() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String key = ok(w.admin().post("/api/v1/tickets", """
                            {"type": "SCANNER", "app": "com.acme.app", "hosting": "CLOUD", "title": "SSRF",
                             "cvss": "%s"}""".formatted(HIGH)))
                    .get("key")
                    .asString();
            JsonNode none = ok(w.pat().get("/api/v1/tickets/" + key + "/details"));
            assertThat(none.hasNonNull("description")).isFalse();
            assertThat(none.hasNonNull("updatedAt")).isFalse();

            assertThat(w.pat()
                            .put("/api/v1/tickets/" + key + "/details", "{\"cwe\": \"CWE-918\"}")
                            .status())
                    .isEqualTo(403);
            JsonNode set = ok(w.admin().put("/api/v1/tickets/" + key + "/details", """
                    {"description": "The fetcher follows redirects to 169.254.169.254", "cwe": "cwe-918"}"""));
            assertThat(set.get("cwe").asString()).isEqualTo("CWE-918");
            assertThat(set.get("updatedBy").asString()).isNotBlank();
            JsonNode cleared = ok(w.admin().put("/api/v1/tickets/" + key + "/details", "{\"cwe\": \"CWE-918\"}"));
            assertThat(cleared.hasNonNull("description"))
                    .as("a field left out is cleared")
                    .isFalse();
            assertThat(w.admin()
                            .put(
                                    "/api/v1/tickets/" + key + "/details",
                                    "{\"description\": \"%s\"}".formatted("x".repeat(20_001)))
                            .status())
                    .isEqualTo(400);
            assertThat(w.admin().get("/api/v1/tickets/AMS-999999/details").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void detailsTravelInTheSnapshotAndADocumentWithoutThemKeepsWardens() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String key = ok(w.admin().post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "SSRF",
                             "cvss": "%s"}""".formatted(HIGH)))
                    .get("key")
                    .asString();
            ok(w.admin().put("/api/v1/tickets/" + key + "/details", """
                    {"description": "Follows redirects to 169.254.169.254", "cwe": "CWE-918", "affectedVersions": "2.x"}"""));

            // The operator's export and the partner's both carry them.
            String exported = w.admin().get("/api/v1/snapshot").body();
            JsonNode ticket = ticket(exported, key);
            assertThat(ticket.get("details").get("cwe").asString()).isEqualTo("CWE-918");
            assertThat(ticket(w.pat().get("/api/v1/snapshot").body(), key)
                            .get("details")
                            .get("description")
                            .asString())
                    .isEqualTo("Follows redirects to 169.254.169.254");

            // The same document again changes nothing.
            JsonNode again = ok(w.admin().post("/api/v1/snapshot", exported));
            assertThat(again.get("tickets").get("updated").asInt())
                    .as(again.toString())
                    .isZero();

            // Without its details (a document from before tickets had them): Warden's are kept.
            tools.jackson.databind.node.ObjectNode tree = (tools.jackson.databind.node.ObjectNode)
                    tools.jackson.databind.json.JsonMapper.shared().readTree(exported);
            for (JsonNode t : tree.get("tickets")) {
                ((tools.jackson.databind.node.ObjectNode) t).remove("details");
            }
            ok(w.admin().post("/api/v1/snapshot", tree.toString()));
            assertThat(ok(w.admin().get("/api/v1/tickets/" + key + "/details"))
                            .get("cwe")
                            .asString())
                    .isEqualTo("CWE-918");

            // Other details in the document replace Warden's; the history is untouched.
            String changed = exported.replace("\"CWE-918\"", "\"CWE-601\"");
            JsonNode result = ok(w.admin().post("/api/v1/snapshot", changed));
            assertThat(result.get("tickets").get("updated").asInt())
                    .as(result.toString())
                    .isOne();
            JsonNode details = ok(w.admin().get("/api/v1/tickets/" + key + "/details"));
            assertThat(details.get("cwe").asString()).isEqualTo("CWE-601");
            assertThat(details.get("affectedVersions").asString()).isEqualTo("2.x");
            assertThat(ok(w.admin().get("/api/v1/tickets/" + key)).get("events").size())
                    .isOne();

            // A malformed weakness is refused with its place, and nothing is written.
            Http.Response bad = w.admin().post("/api/v1/snapshot", exported.replace("\"CWE-918\"", "\"918\""));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("/details/cwe");
            assertThat(ok(w.admin().get("/api/v1/tickets/" + key + "/details"))
                            .get("cwe")
                            .asString())
                    .isEqualTo("CWE-601");
        }
    }

    private static JsonNode ticket(String snapshot, String key) {
        for (JsonNode t : tools.jackson.databind.json.JsonMapper.shared()
                .readTree(snapshot)
                .get("tickets")) {
            if (t.get("key").asString().equals(key)) {
                return t;
            }
        }
        throw new AssertionError(key + " is not in the snapshot");
    }
}

package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A form that is refused comes back with everything the person typed, and says what is wrong in words
 * (the field's name, not an API pointer); the new-ticket form offers the apps to choose from.
 */
@ExtendWith(DatabaseRequirement.class)
class RefusedFormsIT {
    @Test
    void theUsersAndNewTicketFormsKeepEveryFieldWhenRefusedAndRevokingAClientAsksFirst() throws Exception {
        try (FreshWarden warden = FreshWarden.start(
                Map.of("warden.jobs.enabled", "false"), new TestClock(Instant.parse("2026-12-01T09:00:00Z")))) {
            Http api = warden.admin();
            assertThat(api.post("/api/v1/partners", """
                            {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                              {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                            """).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/apps", """
                            {"key": "com.acme.app", "name": "Acme Roadmaps", "partner": "acme", "firstListedOn": "2021-01-01",
                             "listings": [{"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 5}]}
                            """).status()).isEqualTo(201);
            SignIns.createUser(warden.bean(Users.class), "ada.admin", null, Role.ADMIN);
            Http ada = SignIns.person(warden.port(), "ada.admin");

            Http.Response usersPage = ada.get("/admin/users");
            Http.Response refused = ada.form(
                    "/admin/users",
                    Map.of(
                            "username", "pat@initech.example",
                            "displayName", "Pat Partner",
                            "roles", "PARTNER",
                            "partner", "initech",
                            "_csrf", usersPage.csrf()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("Partner: a PARTNER user needs an existing partner")
                    .doesNotContain("/partner:")
                    .contains("value=\"pat@initech.example\"", "value=\"Pat Partner\"", "value=\"initech\"")
                    .containsPattern("value=\"PARTNER\"\\s+checked");

            Http.Response form = ada.get("/tickets/new");
            assertThat(form.body())
                    .as("the apps to choose from")
                    .contains("<option value=\"com.acme.app\">com.acme.app — Acme Roadmaps</option>");
            Http.Response badVector = ada.form(
                    "/tickets",
                    Map.of(
                            "type", "SECURITY",
                            "app", "com.acme.app",
                            "hosting", "DATA_CENTER",
                            "title", "Stored XSS in the roadmap title",
                            "cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q",
                            "note", "Found by the pen test, line 3",
                            "_csrf", form.csrf()));
            assertThat(badVector.status()).isEqualTo(200);
            assertThat(badVector.body())
                    .contains("CVSS: ")
                    .contains("value=\"com.acme.app\"", "value=\"Stored XSS in the roadmap title\"")
                    .contains("value=\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q\"")
                    .contains(">Found by the pen test, line 3</textarea>")
                    .containsPattern("value=\"SECURITY\"\\s+selected")
                    .containsPattern("value=\"DATA_CENTER\"\\s+selected");

            // Revoking an API client asks first, saying what it means; only the confirmation revokes it.
            var registered = warden.bean(dev.warden.server.identity.ApiClients.class)
                    .register(
                            new dev.warden.server.identity.ApiClients.NewClient(
                                    "Storefront sync", java.util.List.of("catalog:read"), null),
                            dev.warden.server.shared.Actor.system("test"));
            String id = registered.client().clientId();
            Http.Response clientsPage = ada.get("/admin/clients");
            Http.Response asked = ada.form("/admin/clients/" + id + "/revoke", Map.of("_csrf", clientsPage.csrf()));
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.body()).contains("Revoke <strong>Storefront sync</strong>", "cannot be enabled again");
            assertThat(ada.get("/admin/clients").body()).as("not revoked yet").doesNotContain(">revoked<");
            Http.Response confirmed =
                    ada.form("/admin/clients/" + id + "/revoke", Map.of("confirm", "yes", "_csrf", clientsPage.csrf()));
            assertThat(confirmed.status()).isIn(302, 303);
            assertThat(ada.get("/admin/clients").body()).contains(">revoked<");
        }
    }
}

package dev.warden.server.notifications;

import static dev.warden.server.notifications.NotificationsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.StandardWebhooksVerifier;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import dev.warden.server.testing.WebhookReceiver;
import dev.warden.server.tickets.BreachRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks to real HTTP receivers on this machine: signed by the Standard Webhooks scheme (checked by an
 * independent verifier), tried again after a 500 and a timeout with the same webhook-id, signed with both
 * secrets during a rotation; the storefront gets each enforcement effect and the effect counts as applied
 * there only once it answered 2xx. And the address guard keeps endpoints off private and metadata
 * addresses.
 */
@ExtendWith(DatabaseRequirement.class)
class WebhooksIT {
    static final String HIGH = NotificationsIT.HIGH;

    static JsonNode json(WebhookReceiver.Received r) {
        return JsonMapper.shared().readTree(r.body());
    }

    static void acme(Http admin) {
        partner(admin, "acme", "Acme Inc", "Acme App");
    }

    /**
     * A GOLD partner with one security contact ({@code sec@ID.example}) and one app, {@code com.ID.app},
     * listed on Cloud and Data Center.
     */
    static void partner(Http admin, String id, String name, String appName) {
        ok(admin.post("/api/v1/partners", """
                {"id": "%s", "name": "%s", "tier": "GOLD", "securityContacts": [
                  {"name": "Sec", "email": "sec@%s.example", "ecosystemAccount": true}]}
                """.formatted(id, name, id)));
        ok(admin.post("/api/v1/apps", """
                {"key": "com.%s.app", "name": "%s", "partner": "%s", "firstListedOn": "2021-01-01",
                 "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5},
                              {"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 2}]}
                """.formatted(id, appName, id)));
    }

    @Test
    void endpointsGetSignedEventsRetriedUntilAnsweredAndTheStorefrontAcknowledgesEffects() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (WebhookReceiver storefront = new WebhookReceiver();
                WebhookReceiver siem = new WebhookReceiver();
                FreshWarden warden = FreshWarden.start(
                        Map.of(
                                "warden.outbound.allow-private-addresses", "true",
                                "warden.webhooks.timeout", "1s",
                                "warden.jobs.enabled", "false"),
                        clock)) {
            Http admin = warden.admin();
            acme(admin);
            OutboxWorker worker = warden.bean(OutboxWorker.class);

            // The storefront: an administrator's endpoint that hears every enforcement effect.
            JsonNode shop = ok(admin.post("/api/v1/webhooks", """
                    {"url": "%s", "description": "Marketplace storefront", "storefront": true, "events": []}
                    """.formatted(storefront.url("/warden/effects"))));
            String shopSecret = shop.get("secret").asString();
            assertThat(shopSecret).startsWith("whsec_");
            long shopId = shop.get("endpoint").get("id").asLong();
            assertThat(shop.get("endpoint").get("events").valueStream().map(JsonNode::asString))
                    .containsExactly("enforcement.applied", "enforcement.lifted");
            Http.Response shown = admin.get("/api/v1/webhooks/" + shopId);
            assertThat(shown.body()).as("the secret is shown once").doesNotContain(shopSecret.substring(6));

            // Acme's own endpoint (here made by an administrator for acme): its tickets, nobody else's.
            JsonNode hook = ok(admin.post("/api/v1/webhooks", """
                    {"url": "%s", "partner": "acme", "events": ["ticket.assigned", "ticket.overdue"]}
                    """.formatted(siem.url("/acme"))));
            String secret = hook.get("secret").asString();
            long hookId = hook.get("endpoint").get("id").asLong();

            String key = ok(admin.post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                             "title": "Stored XSS in the macro editor", "cvss": "%s"}
                            """.formatted(HIGH)))
                    .get("key")
                    .asString();
            worker.deliverDue();
            assertThat(siem.received()).hasSize(1);
            WebhookReceiver.Received assigned = siem.received().get(0);
            assertThat(new StandardWebhooksVerifier(secret).verifies(assigned)).isTrue();
            assertThat(new StandardWebhooksVerifier(shopSecret).verifies(assigned))
                    .as("another endpoint's secret does not verify it")
                    .isFalse();
            assertThat(assigned.header("content-type")).startsWith("application/json");
            assertThat(json(assigned).get("type").asString()).isEqualTo("ticket.assigned");
            assertThat(json(assigned).get("data").get("ticket").asString()).isEqualTo(key);
            assertThat(json(assigned).get("data").get("severity").asString()).isEqualTo("HIGH");
            assertThat(storefront.received())
                    .as("the storefront hears effects only")
                    .isEmpty();

            // A 500, then no answer within the timeout, then a 204: three attempts of one message.
            siem.thenAnswer(500).thenPause(Duration.ofSeconds(3));
            long test = ok(admin.post("/api/v1/webhooks/" + hookId + "/test", ""))
                    .get("message")
                    .asLong();
            worker.deliverDue();
            JsonNode afterFirst = ok(admin.get("/api/v1/outbox/" + test));
            assertThat(afterFirst.get("message").get("status").asString()).isEqualTo("PENDING");
            assertThat(afterFirst.get("attempts").get(0).get("statusCode").asInt())
                    .isEqualTo(500);
            assertThat(afterFirst.get("message").get("lastError").asString())
                    .contains("answered 500: receiver says no");
            clock.advance(Duration.ofMinutes(2));
            worker.deliverDue();
            JsonNode afterSecond = ok(admin.get("/api/v1/outbox/" + test));
            assertThat(afterSecond.get("message").get("lastError").asString()).contains("no answer within 1 s");
            clock.advance(Duration.ofMinutes(5));
            worker.deliverDue();
            JsonNode done = ok(warden.admin().get("/api/v1/webhooks/" + hookId + "/deliveries/" + test));
            assertThat(done.get("message").get("status").asString()).isEqualTo("SENT");
            assertThat(done.get("attempts")
                            .valueStream()
                            .map(a -> a.get("outcome").asString()))
                    .containsExactly("FAILED", "FAILED", "SENT");
            List<WebhookReceiver.Received> tries = siem.received().subList(1, 4);
            assertThat(tries)
                    .extracting(r -> r.header("webhook-id"))
                    .as("one webhook-id on every attempt, so the receiver can drop repeats")
                    .containsOnly(tries.get(0).header("webhook-id"));
            assertThat(tries).allMatch(new StandardWebhooksVerifier(secret)::verifies);
            assertThat(json(tries.get(0)).get("type").asString()).isEqualTo("webhook.test");

            // A rotation: for the overlap both secrets sign, so the receiver switches without a gap.
            admin = warden.admin();
            String rotated = ok(admin.post("/api/v1/webhooks/" + hookId + "/rotate-secret", "{\"overlapHours\": 24}"))
                    .get("secret")
                    .asString();
            ok(admin.post("/api/v1/webhooks/" + hookId + "/test", ""));
            worker.deliverDue();
            WebhookReceiver.Received during = siem.received().get(4);
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(new StandardWebhooksVerifier(rotated).verifies(during)).isTrue();
            assertThat(new StandardWebhooksVerifier(secret).verifies(during)).isTrue();
            clock.advance(Duration.ofHours(25));
            admin = warden.admin();
            ok(admin.post("/api/v1/webhooks/" + hookId + "/test", ""));
            worker.deliverDue();
            WebhookReceiver.Received after = siem.received().get(5);
            assertThat(new StandardWebhooksVerifier(rotated).verifies(after)).isTrue();
            assertThat(new StandardWebhooksVerifier(secret).verifies(after))
                    .as("the old secret is over")
                    .isFalse();

            // The ticket is overdue; the listing is hidden; the storefront is told, and only its 2xx
            // makes the effect "applied on the storefront".
            clock.advance(Duration.ofDays(30));
            warden.bean(BreachRecorder.class).detect();
            admin = warden.admin();
            ok(admin.post("/api/v1/enforcement/evaluations", ""));
            JsonNode proposed = ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"));
            long hide = proposed.get("items")
                    .valueStream()
                    .filter(a -> a.get("action").asString().equals("HIDE_LISTING"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no hide proposed: " + proposed))
                    .get("id")
                    .asLong();
            SignIns.createUser(warden.bean(Users.class), "ana.approver", null, Role.APPROVER);
            Http ana = SignIns.person(warden.port(), "ana.approver");
            ok(ana.post("/api/v1/enforcement/actions/" + hide + "/approve", "{\"comment\": \"SLO breach\"}"));
            String onShop = "/api/v1/enforcement/actions/" + hide + "/storefront";
            JsonNode before = ok(admin.get(onShop));
            assertThat(before.get("applied").asBoolean()).isFalse();
            assertThat(before.get("effect").get(0).get("status").asString()).isEqualTo("PENDING");

            storefront.thenAnswer(503);
            worker.deliverDue();
            JsonNode refused = ok(admin.get(onShop));
            assertThat(refused.get("applied").asBoolean()).isFalse();
            assertThat(refused.get("effect").get(0).get("lastError").asString()).contains("503");
            clock.advance(Duration.ofMinutes(2));
            worker.deliverDue();
            JsonNode acknowledged = ok(warden.admin().get(onShop));
            assertThat(acknowledged.get("applied").asBoolean()).isTrue();
            assertThat(acknowledged.get("effect").get(0).get("acknowledgedAt").isNull())
                    .isFalse();

            List<WebhookReceiver.Received> effects = storefront.received();
            assertThat(effects).hasSize(2).allMatch(new StandardWebhooksVerifier(shopSecret)::verifies);
            JsonNode effect = json(effects.get(1));
            assertThat(effect.get("type").asString()).isEqualTo("enforcement.applied");
            assertThat(effect.get("data").get("kind").asString()).isEqualTo("HIDE_LISTING");
            JsonNode change = effect.get("data").get("changes").get(0);
            assertThat(change.get("kind").asString()).isEqualTo("listing");
            assertThat(change.get("target").asString()).isEqualTo("com.acme.app/CLOUD");
            assertThat(change.get("from").asString()).isEqualTo("LISTED");
            assertThat(change.get("to").asString()).isEqualTo("HIDDEN");
            assertThat(siem.received().stream().map(r -> json(r).get("type").asString()))
                    .as("acme's endpoint heard of its overdue ticket, and not of the effect it did not subscribe to")
                    .contains("ticket.overdue")
                    .doesNotContain("enforcement.applied");
        }
    }

    @Test
    void theAddressGuardKeepsEndpointsOffPrivateAndMetadataAddressesAndPartnersToTheirOwn() {
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            Http admin = warden.admin();
            acme(admin);
            Map<String, String> refused = Map.of(
                    "http://93.184.216.34/hook", "must be an https URL",
                    "https://127.0.0.1/hook", "loopback",
                    "https://localhost:8443/hook", "localhost resolves to",
                    "https://10.1.2.3/hook", "private",
                    "https://169.254.169.254/latest/meta-data/", "link-local or metadata",
                    "https://metadata.google.internal/computeMetadata/v1/", "metadata service",
                    "https://[::1]/hook", "loopback",
                    "https://[fd00:ec2::254]/hook", "private",
                    "https://100.64.0.1/hook", "private",
                    "https://ops:secret@93.184.216.34/hook", "user name or password");
            refused.forEach((url, why) -> {
                Http.Response r = admin.post("/api/v1/webhooks", """
                        {"url": "%s", "events": ["ticket.assigned"]}
                        """.formatted(url));
                assertThat(r.status()).as(url).isEqualTo(400);
                assertThat(r.body()).as(url).contains("/url").contains(why);
            });
            Http.Response unknown = admin.post("/api/v1/webhooks", """
                    {"url": "https://93.184.216.34/hook", "events": ["ticket.exploded"]}
                    """);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("'ticket.exploded' is not an event type");
            long operators = ok(admin.post("/api/v1/webhooks", """
                            {"url": "https://93.184.216.34/siem", "events": ["*"]}
                            """))
                    .get("endpoint")
                    .get("id")
                    .asLong();

            ok(admin.post("/api/v1/partners", """
                    {"id": "globex", "name": "Globex", "tier": "SILVER", "securityContacts": []}
                    """));
            Http partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.WEBHOOKS_MANAGE);
            JsonNode own = ok(partner.post("/api/v1/webhooks", """
                    {"url": "https://93.184.216.34/acme", "partner": "globex", "events": ["ticket.assigned"]}
                    """));
            assertThat(own.get("endpoint").get("partner").asString())
                    .as("a partner's endpoint is its own, whatever it asks")
                    .isEqualTo("acme");
            assertThat(partner.post("/api/v1/webhooks", """
                            {"url": "https://93.184.216.34/shop", "storefront": true, "events": []}
                            """).status()).isEqualTo(403);
            assertThat(partner.get("/api/v1/webhooks/" + operators).status()).isEqualTo(404);
            assertThat(partner.post("/api/v1/webhooks/" + operators + "/test", "")
                            .status())
                    .isEqualTo(404);
            assertThat(partner.send("DELETE", "/api/v1/webhooks/" + operators, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(ok(partner.get("/api/v1/webhooks")).size()).isOne();
            assertThat(ok(admin.get("/api/v1/webhooks")).size()).isEqualTo(2);
        }
    }
}

package dev.warden.server.web;

import static dev.warden.server.web.PagesIT.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.notifications.Outbox;
import dev.warden.server.notifications.OutboxWorker;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.WebhookReceiver;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks from the console and the portal on the demo marketplace: an administrator adds the
 * storefront (its secret shown once), sends a test event and reads its delivery; an approved action's
 * case page says whether the storefront applied it; a partner manages only its own endpoints.
 */
@ExtendWith(DatabaseRequirement.class)
class WebhookPagesIT {
    @Test
    void theStorefrontIsAddedTestedAndShownOnTheCaseAndPartnersKeepToTheirOwn() throws Exception {
        try (WebhookReceiver shop = new WebhookReceiver();
                FreshWarden warden = FreshWarden.start(Map.of("warden.demo", "true", "warden.jobs.enabled", "false"))) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ada.admin", null, Role.ADMIN);
            SignIns.createUser(users, "pat@acme.example", "acme-software", Role.PARTNER);
            Http admin = SignIns.signIn(warden.port(), "ada.admin", SignIns.PASSWORD);
            var delivery = warden.bean(Outbox.class);

            // A refusal keeps what was typed.
            Http.Response list = admin.get("/webhooks");
            Http.Response refused = admin.form(
                    "/webhooks",
                    Map.of("url", "ftp://shop.example/x", "description", "Our storefront", "_csrf", list.csrf()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).contains("must be an http or https URL").contains("Our storefront");

            Http.Response made = admin.form(
                    "/webhooks",
                    Map.of(
                            "url",
                            shop.url("/effects"),
                            "description",
                            "Our storefront",
                            "storefront",
                            "true",
                            "_csrf",
                            list.csrf()));
            String location = made.header("Location");
            assertThat(location).as(made.body()).matches(".*/webhooks/\\d+$");
            String path = location.substring(location.indexOf("/webhooks/"));
            String first = page(admin, path, "Our storefront");
            Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(first);
            assertThat(secret.find()).as("the secret is shown once").isTrue();
            assertThat(page(admin, path, "Our storefront")).doesNotContain(secret.group());
            assertThat(page(admin, "/webhooks", "Webhooks"))
                    .contains("Our storefront")
                    .contains("storefront");

            // A test event, delivered, and its attempt on the endpoint's page.
            Http.Response tested = admin.form(path + "/test", Map.of("_csrf", list.csrf()));
            assertThat(tested.header("Location")).contains("done=webhook-test");
            deliver(warden);
            assertThat(shop.received()).hasSize(1);
            String endpoint = page(admin, path + "?done=webhook-test", "webhook.test");
            assertThat(endpoint).contains("A webhook.test event is queued").contains("sent");
            long message = delivery.toRecipient(
                            "webhook:" + path.substring(path.lastIndexOf('/') + 1),
                            new dev.warden.server.shared.Paging(0, 10))
                    .items()
                    .get(0)
                    .id();
            assertThat(page(admin, path + "?message=" + message, "Attempt")).contains("204");

            // An approved hide: the case page says whether the storefront applied it.
            Http api = warden.admin();
            JsonNode proposed = api.get("/api/v1/enforcement/actions?status=PROPOSED&size=100")
                    .json();
            JsonNode hide = proposed.get("items")
                    .valueStream()
                    .filter(a -> a.get("action").asString().equals("HIDE_LISTING")
                            && a.get("approvalsRequired").asInt() == 1)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the demo has a hide to approve"));
            Http.Response approved = SignIns.person(warden.port(), "ada.admin")
                    .post("/api/v1/enforcement/actions/" + hide.get("id").asLong() + "/approve", "{}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            String casePath = "/cases/" + hide.get("caseId").asLong();
            assertThat(page(admin, casePath, "Storefront")).contains("not yet acknowledged by the storefront");
            deliver(warden);
            assertThat(page(admin, casePath, "Storefront")).contains("applied on the storefront");
            assertThat(shop.received().get(1).body()).contains("\"enforcement.applied\"");

            // The demo sends no mail: it keeps what it would send, for the people trying it to read.
            String caught = page(admin, "/mail", "The demo sends no mail");
            assertThat(caught).contains("assigned to you").contains("Open it in Warden");
            Http pat = SignIns.signIn(warden.port(), "pat@acme.example", SignIns.PASSWORD);
            String theirs = page(pat, "/mail", "The demo sends no mail");
            assertThat(mailCount(theirs))
                    .as("a partner reads its own mails only")
                    .isPositive()
                    .isLessThan(mailCount(caught));
            assertThat(delivery.detail(message).attempts()).isNotEmpty();

            // Notification settings: the partner's own digest; the operator's page also says how mail goes out.
            assertThat(page(admin, "/settings/notifications", "Notification settings"))
                    .contains("none configured (spring.mail.host)");
            Http.Response settings = pat.get("/settings/notifications");
            assertThat(settings.body()).contains("acme-software").doesNotContain("Mail server");
            Http.Response saved = pat.form(
                    "/settings/notifications", Map.of("scope", "operator", "digest", "true", "_csrf", settings.csrf()));
            assertThat(saved.header("Location")).contains("scope=acme-software").contains("done=notification-settings");
            assertThat(page(
                            pat,
                            "/settings/notifications?scope=operator&done=notification-settings",
                            "Notification settings saved"))
                    .contains("checked");

            // A partner: its own endpoints only, and no storefront.
            Http.Response portal = pat.get("/webhooks");
            assertThat(portal.status()).isEqualTo(200);
            assertThat(portal.body()).contains("No endpoint yet").doesNotContain("Our storefront");
            assertThat(pat.get(path).status()).isEqualTo(404);
            Http.Response notShop = pat.form(
                    "/webhooks",
                    Map.of(
                            "url",
                            shop.url("/acme"),
                            "storefront",
                            "true",
                            "events",
                            "ticket.assigned",
                            "_csrf",
                            portal.csrf()));
            assertThat(notShop.body()).contains("only an administrator makes the storefront");
            Http.Response own = pat.form(
                    "/webhooks", Map.of("url", shop.url("/acme"), "events", "ticket.assigned", "_csrf", portal.csrf()));
            assertThat(own.header("Location")).as(own.body()).contains("/webhooks/");
            assertThat(page(pat, "/webhooks", "Webhooks"))
                    .contains(shop.url("/acme"))
                    .contains("acme-software");
            assertThat(List.of(pat.form(path + "/delete", Map.of("_csrf", portal.csrf()))
                            .status()))
                    .containsExactly(404);
        }
    }

    private static int mailCount(String page) {
        Matcher m = Pattern.compile("<span>(\\d+)</span> mails").matcher(page);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void deliver(FreshWarden warden) {
        warden.bean(OutboxWorker.class).deliverDue();
    }
}

package dev.warden.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClock;
import dev.warden.server.tickets.BreachRecorder;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The partner's security contacts are told, by real mail through a real SMTP server (GreenMail): a
 * ticket assigned, each reminder day once, the missed due date, a warning with its window; and a mail
 * server that is down delays a mail but loses nothing.
 */
@ExtendWith(DatabaseRequirement.class)
class NotificationsIT {
    static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N";

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 202);
        return response.body().isEmpty() ? null : response.json();
    }

    /** Waits until the server holds {@code count} mails in all, and returns them. */
    static List<MimeMessage> mails(GreenMail smtp, int count) throws InterruptedException {
        assertThat(smtp.waitForIncomingEmail(15_000, count))
                .as("%d mails arrive", count)
                .isTrue();
        return Arrays.asList(smtp.getReceivedMessages());
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String to(MimeMessage m) throws Exception {
        return m.getRecipients(Message.RecipientType.TO)[0].toString();
    }

    @Test
    void securityContactsAreToldOfTicketsRemindersBreachesAndWarnings() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of(
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", String.valueOf(port),
                        "warden.mail.from", "warden@marketplace.example",
                        "warden.public-url", "https://warden.marketplace.example",
                        "warden.jobs.enabled", "false"),
                clock)) {
            Http admin = warden.admin();
            ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true},
                      {"name": "Ops", "email": "ops@acme.example", "ecosystemAccount": true}]}
                    """));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme", "firstListedOn": "2021-01-01",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 5}],
                     "oauthClients": [{"clientId": "acme-3lo", "redirectUris": ["https://acme.example/cb"]}]}
                    """));
            OutboxWorker worker = warden.bean(OutboxWorker.class);
            Notices notices = warden.bean(Notices.class);

            // Assigned: each security contact gets the ticket, its severity, its due date and the link.
            String key = ok(admin.post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                             "title": "Stored XSS in the macro editor", "cvss": "%s"}
                            """.formatted(HIGH)))
                    .get("key")
                    .asString();
            worker.deliverDue();
            List<MimeMessage> assigned = mails(smtp, 2);
            assertThat(assigned)
                    .extracting(NotificationsIT::to)
                    .containsExactlyInAnyOrder("sec@acme.example", "ops@acme.example");
            MimeMessage first = assigned.get(0);
            assertThat(first.getSubject())
                    .isEqualTo("[Warden] " + key + " assigned to you: Stored XSS in the macro editor");
            assertThat(first.getFrom()[0].toString()).isEqualTo("warden@marketplace.example");
            String body = GreenMailUtil.getBody(first);
            assertThat(body)
                    .contains("Severity: HIGH (CVSS 8.1)")
                    .contains("Due:      2026-11-30 09:00 UTC, 28 days from now")
                    .contains("https://warden.marketplace.example/tickets/" + key)
                    .contains("Security notices cannot be switched off");

            // Reminders on the policy's days (14, 7, 1 before the due date), each once.
            assertThat(notices.remind()).isZero();
            clock.advance(Duration.ofDays(14));
            assertThat(notices.remind()).isEqualTo(2);
            assertThat(notices.remind()).as("once per reminder day").isZero();
            clock.advance(Duration.ofDays(7));
            assertThat(notices.remind()).isEqualTo(2);
            clock.advance(Duration.ofDays(6).plusHours(1));
            assertThat(notices.remind()).isEqualTo(2);
            worker.deliverDue();
            List<MimeMessage> reminded = mails(smtp, 8);
            assertThat(reminded)
                    .extracting(MimeMessage::getSubject)
                    .filteredOn(subject -> subject.contains(" is due in "))
                    .containsExactlyInAnyOrder(
                            "[Warden] " + key + " is due in 14 day(s): Stored XSS in the macro editor",
                            "[Warden] " + key + " is due in 14 day(s): Stored XSS in the macro editor",
                            "[Warden] " + key + " is due in 7 day(s): Stored XSS in the macro editor",
                            "[Warden] " + key + " is due in 7 day(s): Stored XSS in the macro editor",
                            "[Warden] " + key + " is due in 1 day(s): Stored XSS in the macro editor",
                            "[Warden] " + key + " is due in 1 day(s): Stored XSS in the macro editor");

            // The due date passes: an overdue notice.
            clock.advance(Duration.ofDays(1));
            warden.bean(BreachRecorder.class).detect();
            worker.deliverDue();
            assertThat(mails(smtp, 10))
                    .extracting(MimeMessage::getSubject)
                    .filteredOn(subject -> subject.contains(" is overdue"))
                    .containsExactly(
                            "[Warden] " + key + " is overdue: Stored XSS in the macro editor",
                            "[Warden] " + key + " is overdue: Stored XSS in the macro editor");

            // The mail server goes down: the notice waits, with the reason, and is delivered once it is back.
            admin = warden.admin(); // the first token expired four weeks ago, on the test's clock
            smtp.stop();
            String second = ok(admin.post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                             "title": "Open redirect", "score": 4.3}
                            """)).get("key").asString();
            worker.deliverDue();
            JsonNode waiting = ok(admin.get("/api/v1/outbox?status=PENDING"));
            assertThat(waiting.get("totalItems").asInt()).isEqualTo(2);
            assertThat(waiting.get("items").get(0).get("attempts").asInt()).isEqualTo(1);
            assertThat(waiting.get("items").get(0).get("lastError").asString()).contains("mail server");
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            worker.deliverDue();
            assertThat(smtp.getReceivedMessages()).as("not before the pause").isEmpty();
            clock.advance(Duration.ofMinutes(2));
            worker.deliverDue();
            assertThat(mails(smtp, 2))
                    .extracting(MimeMessage::getSubject)
                    .containsOnly("[Warden] " + second + " assigned to you: Open redirect");
            assertThat(ok(admin.get("/api/v1/outbox?status=SENT"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(12);

            // A warning, approved: its window and what it is about.
            admin = warden.admin();
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ana.approver", null, Role.APPROVER);
            ok(admin.post("/api/v1/enforcement/evaluations", ""));
            JsonNode proposed = ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"));
            long warning = proposed.get("items")
                    .valueStream()
                    .filter(a -> a.get("action").asString().equals("WARNING"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no warning proposed: " + proposed))
                    .get("id")
                    .asLong();
            Http ana = SignIns.person(warden.port(), "ana.approver");
            ok(ana.post("/api/v1/enforcement/actions/" + warning + "/approve", "{\"comment\": \"agreed\"}"));
            worker.deliverDue();
            List<MimeMessage> warned = mails(smtp, 4);
            MimeMessage w = warned.stream()
                    .filter(m -> subject(m).startsWith("[Warden] Warning: "))
                    .findFirst()
                    .orElseThrow();
            assertThat(w.getSubject()).contains("fix by 2026-12-30 10:02 UTC");
            assertThat(GreenMailUtil.getBody(w)).contains("This is a warning under the operator's security policy");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMailThatKeepsFailingIsDeadUntilSomeoneSendsItAgain() throws Exception {
        int port = freePort(); // nothing listens here until the end
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of(
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", String.valueOf(port),
                        "warden.notifications.max-attempts", "2",
                        "warden.jobs.enabled", "false"),
                clock)) {
            Http admin = warden.admin();
            ok(admin.post("/api/v1/partners", """
                    {"id": "acme", "name": "Acme Inc", "tier": "GOLD", "securityContacts": [
                      {"name": "Sec", "email": "sec@acme.example", "ecosystemAccount": true}]}
                    """));
            ok(admin.post("/api/v1/apps", """
                    {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                     "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                    """));
            ok(admin.post("/api/v1/tickets", """
                    {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "XSS", "score": 6.1}
                    """));
            OutboxWorker worker = warden.bean(OutboxWorker.class);
            worker.deliverDue();
            JsonNode once = ok(admin.get("/api/v1/outbox")).get("items").get(0);
            assertThat(once.get("status").asString()).isEqualTo("PENDING");
            assertThat(once.get("attempts").asInt()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(5));
            worker.deliverDue();
            JsonNode dead = ok(admin.get("/api/v1/outbox")).get("items").get(0);
            assertThat(dead.get("status").asString()).isEqualTo("DEAD");
            assertThat(dead.get("attempts").asInt()).isEqualTo(2);
            assertThat(dead.get("lastError").asString()).contains("mail server");

            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                assertThat(admin.post("/api/v1/outbox/" + dead.get("id").asLong() + "/retry", "")
                                .status())
                        .isEqualTo(202);
                worker.deliverDue();
                assertThat(mails(smtp, 1))
                        .extracting(MimeMessage::getSubject)
                        .containsExactly("[Warden] AMS-1 assigned to you: XSS");
                assertThat(admin.post("/api/v1/outbox/" + dead.get("id").asLong() + "/retry", "")
                                .status())
                        .as("a sent message is not sent again")
                        .isEqualTo(409);
            } finally {
                smtp.stop();
            }
        }
    }
}

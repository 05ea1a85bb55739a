package dev.warden.server.notifications;

import static dev.warden.server.notifications.NotificationsIT.freePort;
import static dev.warden.server.notifications.NotificationsIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.warden.server.identity.ApiClients;
import dev.warden.server.identity.Users;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import dev.warden.server.tickets.BreachRecorder;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator's people are told what waits for them (an extension to decide, an action to approve, an
 * appeal to decide), and the partner hears each decision: by real mail through GreenMail.
 */
@ExtendWith(DatabaseRequirement.class)
class OperatorNoticesIT {
    /**
     * The mails not seen before, once at least {@code count} of them arrived: to whom, about what, and the
     * body. (GreenMail does not keep its messages in the order they came, so they are told apart by
     * Message-ID.)
     */
    static List<String> newMails(GreenMail smtp, Set<String> seen, int count) throws Exception {
        assertThat(smtp.waitForIncomingEmail(15_000, seen.size() + count))
                .as("%d more mails arrive", count)
                .isTrue();
        List<String> fresh = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (seen.add(m.getMessageID() + " " + m.getRecipients(Message.RecipientType.TO)[0])) {
                fresh.add(m.getRecipients(Message.RecipientType.TO)[0] + " | " + m.getSubject() + " | "
                        + GreenMailUtil.getBody(m).replace("\r\n", "\n"));
            }
        }
        return fresh;
    }

    @Test
    void theOperatorHearsWhatWaitsForItAndThePartnerHearsEachDecision() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of(
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", String.valueOf(port),
                        "warden.notifications.approvers", "approvals@operator.example",
                        "warden.jobs.enabled", "false"),
                clock)) {
            Users users = warden.bean(Users.class);
            SignIns.createUser(users, "ana@operator.example", null, Role.SECURITY_ANALYST);
            SignIns.createUser(users, "cy@operator.example", null, Role.APPROVER);
            SignIns.createUser(users, "bo.approver", null, Role.APPROVER);
            Http admin = warden.admin();
            WebhooksIT.acme(admin);
            OutboxWorker worker = warden.bean(OutboxWorker.class);
            Http partner = TestClients.as(
                    new Http(warden.port()),
                    warden.bean(ApiClients.class),
                    "acme",
                    Permission.TICKETS_RESPOND,
                    Permission.TICKETS_READ,
                    Permission.APPEALS_FILE);

            String key = ok(admin.post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                             "title": "Stored XSS", "cvss": "%s"}
                            """.formatted(NotificationsIT.HIGH)))
                    .get("key")
                    .asString();
            worker.deliverDue();
            Set<String> seen = new HashSet<>();
            newMails(smtp, seen, 1); // assigned, to acme's one contact

            // The partner asks for more time: the analysts hear of it, with the date and the plan.
            Instant asked = clock.instant().plus(Duration.ofDays(50));
            ok(partner.post("/api/v1/tickets/" + key + "/extension-requests", """
                    {"reason": "UPSTREAM_DEPENDENCY", "plan": "Upgrade the sanitizer when 3.2 ships", "proposedDueAt": "%s"}
                    """.formatted(asked)));
            worker.deliverDue();
            List<String> requested = newMails(smtp, seen, 1);
            assertThat(requested.get(0))
                    .startsWith(
                            "ana@operator.example | [Warden] " + key + ": extension requested to 2026-12-22 09:00 UTC")
                    .contains("Upgrade the sanitizer when 3.2 ships")
                    .contains("UPSTREAM_DEPENDENCY");

            // Granted: the partner hears the new due date.
            Http ana = SignIns.person(warden.port(), "ana@operator.example");
            ok(ana.post("/api/v1/tickets/" + key + "/extension-requests/approve", "{\"note\": \"fine\"}"));
            worker.deliverDue();
            List<String> granted = newMails(smtp, seen, 1);
            assertThat(granted.get(0))
                    .startsWith("sec@acme.example | [Warden] " + key + ": extension granted, due 2026-12-22 09:00 UTC")
                    .contains("New due date:  2026-12-22 09:00 UTC")
                    .contains("Note:          fine");

            // Overdue, then a hide proposed: the approvers (the mailbox and each approver with an
            // address) hear that an approval waits; nobody else.
            clock.advance(Duration.ofDays(51));
            warden.bean(BreachRecorder.class).detect();
            admin = warden.admin();
            ok(admin.post("/api/v1/enforcement/evaluations", ""));
            worker.deliverDue();
            List<String> proposals = newMails(smtp, seen, 3).stream()
                    .filter(m -> m.contains("Approval needed: hide listing"))
                    .toList();
            assertThat(proposals)
                    .extracting(m -> m.substring(0, m.indexOf(" |")))
                    .containsExactlyInAnyOrder("approvals@operator.example", "cy@operator.example");
            assertThat(proposals.get(0))
                    .contains("[Warden] Approval needed: hide listing on com.acme.app/CLOUD (VULN-OVERDUE)")
                    .contains("Approvers: 1 needed");

            // Approved and appealed: the approvers hear of the appeal; denied, the partner hears so.
            JsonNode hide = ok(admin.get("/api/v1/enforcement/actions?status=PROPOSED&size=100"))
                    .get("items")
                    .valueStream()
                    .filter(a -> a.get("action").asString().equals("HIDE_LISTING"))
                    .findFirst()
                    .orElseThrow();
            long action = hide.get("id").asLong();
            ok(SignIns.person(warden.port(), "cy@operator.example")
                    .post("/api/v1/enforcement/actions/" + action + "/approve", "{}"));
            partner = TestClients.as( // a new token: the first expired weeks ago on the test's clock
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.APPEALS_FILE);
            long appeal = ok(partner.post(
                            "/api/v1/enforcement/actions/" + action + "/appeals",
                            "{\"grounds\": \"The fix shipped yesterday\"}"))
                    .get("id")
                    .asLong();
            worker.deliverDue();
            List<String> afterAppeal = newMails(smtp, seen, 3);
            assertThat(afterAppeal)
                    .filteredOn(m -> m.contains("Appeal to decide"))
                    .hasSize(2)
                    .allMatch(m -> m.contains("The fix shipped yesterday"));
            ok(SignIns.person(warden.port(), "bo.approver")
                    .post("/api/v1/enforcement/appeals/" + appeal + "/deny", "{\"note\": \"Still unpatched in 2.4\"}"));
            worker.deliverDue();
            List<String> denied = newMails(smtp, seen, 1);
            assertThat(denied.get(0))
                    .startsWith("sec@acme.example | [Warden] Appeal of action #" + action + " denied")
                    .contains("the action stays in effect")
                    .contains("Still unpatched in 2.4");
            assertThat(ok(admin.get("/api/v1/outbox?size=100")).get("items").valueStream())
                    .filteredOn(m -> m.get("event").asString().equals("ACTION_PROPOSED"))
                    .as("the operator's internal mail is nobody partner's")
                    .isNotEmpty()
                    .allMatch(m -> !m.hasNonNull("partner"));
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aPartnerIsToldWhatItsVerificationNeedsAndByWhen() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of(
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", String.valueOf(port),
                        "warden.jobs.enabled", "false"),
                clock)) {
            Http admin = warden.admin();
            WebhooksIT.acme(admin);
            OutboxWorker worker = warden.bean(OutboxWorker.class);
            Http partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.OBLIGATIONS_RESPOND);
            Set<String> seen = new HashSet<>();

            String id = ok(admin.post("/api/v1/verifications", "{\"partner\": \"acme\"}"))
                    .get("verification")
                    .get("id")
                    .asString();
            worker.deliverDue();
            assertThat(newMails(smtp, seen, 1).get(0))
                    .startsWith("sec@acme.example | [Warden] Verification requested: submit by 2026-11-16 09:00 UTC")
                    .contains("Submit the documents by 2026-11-16 09:00 UTC (14 days)");

            clock.advance(Duration.ofDays(2));
            admin = warden.admin(); // tokens live ten minutes on the test's clock too
            partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.OBLIGATIONS_RESPOND);
            ok(partner.post("/api/v1/verifications/" + id + "/events", "{\"type\": \"SUBMITTED\"}"));
            ok(admin.post(
                    "/api/v1/verifications/" + id + "/events",
                    "{\"type\": \"INFO_REQUESTED\", \"note\": \"A current registry extract\"}"));
            worker.deliverDue();
            List<String> asked = newMails(smtp, seen, 1);
            assertThat(asked)
                    .as("the partner's own submission is not mailed back")
                    .hasSize(1);
            assertThat(asked.get(0))
                    .startsWith(
                            "sec@acme.example | [Warden] Verification: more information needed by 2026-11-18 09:00 UTC")
                    .contains("Asked:    A current registry extract");

            // Deadlines: the answer is due in 14 days; none reached yet, then the seven-day reminder.
            DeadlineReminders deadlines = warden.bean(DeadlineReminders.class);
            assertThat(deadlines.remind()).isZero();
            clock.advance(Duration.ofDays(8));
            assertThat(deadlines.remind()).isEqualTo(1);
            worker.deliverDue();
            assertThat(newMails(smtp, seen, 1).get(0))
                    .contains("[Warden] Due by 2026-11-18 09:00 UTC: VERIFICATION-OVERDUE on acme")
                    .contains("A deadline of the operator's security policy comes within 7 day(s)");

            // An incident: its first status update is due in 72 hours, reminded at 7 days and at 1.
            ok(TestClients.as(
                            new Http(warden.port()),
                            warden.bean(ApiClients.class),
                            "acme",
                            Permission.OBLIGATIONS_RESPOND)
                    .post("/api/v1/incidents", """
                            {"apps": ["com.acme.app"], "category": "DATA_EXPOSURE", "title": "Leaked export",
                             "awareAt": "%s"}
                            """.formatted(clock.instant().minus(Duration.ofHours(1)))));
            assertThat(deadlines.remind()).isEqualTo(1);
            assertThat(deadlines.remind()).as("once per reminder day").isZero();
            worker.deliverDue();
            assertThat(newMails(smtp, seen, 1).get(0))
                    .contains("[Warden] Due by 2026-11-15 09:00 UTC: INCIDENT-FOLLOW-UP on com.acme.app")
                    .contains("Leaked export");
            clock.advance(Duration.ofHours(49));
            assertThat(deadlines.remind())
                    .as("a day before the incident's update; the answer, four days away, was reminded at seven")
                    .isEqualTo(1);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void remindersThatFailForOnePartnerInTheDatabaseNeitherStopNorTakeBackTheOthers() {
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"), clock)) {
            Http admin = warden.admin();
            WebhooksIT.acme(admin);
            WebhooksIT.partner(admin, "beta", "Beta Ltd", "Beta App");
            Instant due = Instant.EPOCH;
            for (String p : List.of("acme", "beta")) {
                ok(admin.post("/api/v1/verifications", "{\"partner\": \"%s\"}".formatted(p)));
                due = Instant.parse(ok(admin.post("/api/v1/tickets", """
                                        {"type": "SECURITY", "app": "com.%s.app", "hosting": "CLOUD",
                                         "title": "Stored XSS", "cvss": "%s"}
                                        """.formatted(p, NotificationsIT.HIGH)))
                        .get("dueAt")
                        .asString());
            }
            JdbcClient jdbc = warden.bean(JdbcClient.class);
            DeadlineReminders deadlines = warden.bean(DeadlineReminders.class);
            Notices notices = warden.bean(Notices.class);

            // acme comes first; on PostgreSQL its failed insert would spoil a transaction shared with beta.
            clock.advance(Duration.ofDays(8)); // the verifications are due in 6 days: the 7-day reminder
            onlyBetasUntilAcmesGoThrough(jdbc, "DEADLINE_SOON", deadlines::remind);
            clock.set(due.minus(Duration.ofDays(3))); // the tickets are due in 3 days: the 7-day reminder
            onlyBetasUntilAcmesGoThrough(jdbc, "TICKET_DUE_SOON", notices::remind);
        }
    }

    /**
     * The reminders of this kind with acme's refused by the database: beta's are queued, then acme's on
     * the next run once they go through; and none while the server is shutting down.
     */
    private static void onlyBetasUntilAcmesGoThrough(
            JdbcClient jdbc, String event, ToIntFunction<BooleanSupplier> remind) {
        assertThat(remind.applyAsInt(() -> true))
                .as("a server shutting down stops")
                .isZero();
        refuseAcmes(jdbc, event);
        assertThat(remind.applyAsInt(() -> false)).as("beta's alone").isEqualTo(1);
        assertThat(queued(jdbc, event)).containsExactly("beta");
        allowAcmes(jdbc);
        assertThat(remind.applyAsInt(() -> false)).as("acme's, on the next run").isEqualTo(1);
        assertThat(queued(jdbc, event)).containsExactly("acme", "beta");
    }

    /** A real failure in the database for acme's reminders alone: a check that its outbox rows break. */
    private static void refuseAcmes(JdbcClient jdbc, String event) {
        jdbc.sql("alter table outbox add constraint refuses_acme check (partner_id <> 'acme' or event <> '%s')"
                        .formatted(event))
                .update();
    }

    private static void allowAcmes(JdbcClient jdbc) {
        jdbc.sql("alter table outbox drop constraint refuses_acme").update();
    }

    private static List<String> queued(JdbcClient jdbc, String event) {
        return jdbc.sql("select partner_id from outbox where event = :event order by partner_id")
                .param("event", event)
                .query(String.class)
                .list();
    }

    @Test
    void aPartnerWithTheDigestGetsItsRemindersOnceADayAndEverythingElseAtOnce() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (FreshWarden warden = FreshWarden.start(
                Map.of(
                        "spring.mail.host", "127.0.0.1",
                        "spring.mail.port", String.valueOf(port),
                        "warden.jobs.enabled", "false"),
                clock)) {
            Http admin = warden.admin();
            WebhooksIT.acme(admin);
            OutboxWorker worker = warden.bean(OutboxWorker.class);
            Set<String> seen = new HashSet<>();
            Http partner = TestClients.as(
                    new Http(warden.port()), warden.bean(ApiClients.class), "acme", Permission.NOTIFICATIONS_MANAGE);
            JsonNode set = ok(partner.send(
                    "PUT", "/api/v1/notification-settings?scope=operator", "{\"digest\": true}", "application/json"));
            assertThat(set.get("scope").asString())
                    .as("a partner sets its own, whatever it asks")
                    .isEqualTo("acme");
            assertThat(ok(admin.get("/api/v1/notification-settings"))
                            .get("digest")
                            .asBoolean())
                    .as("the operator's own setting is untouched")
                    .isFalse();

            String key = ok(admin.post("/api/v1/tickets", """
                            {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                             "title": "Stored XSS", "cvss": "%s"}
                            """.formatted(NotificationsIT.HIGH)))
                    .get("key")
                    .asString();
            worker.deliverDue();
            assertThat(newMails(smtp, seen, 1).get(0)).as("assigned: at once").contains("assigned to you");

            clock.advance(Duration.ofDays(14));
            assertThat(warden.bean(Notices.class).remind()).isEqualTo(1);
            worker.deliverDue();
            admin = warden.admin();
            assertThat(ok(admin.get("/api/v1/outbox?status=HELD"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(1);
            assertThat(smtp.getReceivedMessages())
                    .as("the reminder waits for the digest")
                    .hasSize(1);

            Digests digests = warden.bean(Digests.class);
            assertThat(digests.send()).isEqualTo(1);
            assertThat(digests.send()).as("nothing held any more").isZero();
            worker.deliverDue();
            String digest = newMails(smtp, seen, 1).get(0);
            assertThat(digest)
                    .startsWith("sec@acme.example | [Warden] Daily digest: 1 notice")
                    .contains("- [Warden] " + key + " is due in 14 day(s): Stored XSS")
                    .contains("/tickets/" + key);
            assertThat(ok(admin.get("/api/v1/outbox?status=DIGESTED"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(1);

            // The missed due date is a security notice: sent at once, digest or not.
            clock.advance(Duration.ofDays(15));
            warden.bean(BreachRecorder.class).detect();
            worker.deliverDue();
            assertThat(newMails(smtp, seen, 1).get(0)).contains("is overdue");
        } finally {
            smtp.stop();
        }
    }
}

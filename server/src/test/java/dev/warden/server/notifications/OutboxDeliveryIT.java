package dev.warden.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox survives the server: messages committed by a node that stopped before delivering them
 * (one of them claimed mid-delivery) are delivered by the nodes that remain, each exactly once, with
 * two nodes delivering at the same time.
 */
@ExtendWith(DatabaseRequirement.class)
class OutboxDeliveryIT {
    @Test
    void messagesLeftByAStoppedNodeAreDeliveredOnceByTwoOthers() throws Exception {
        int port = NotificationsIT.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, Object> mail = Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(port),
                "warden.notifications.poll-interval", "1s",
                "warden.notifications.stale-after", "2s",
                "warden.jobs.polling-interval", "1s");
        try {
            Map<String, Object> quiet = new HashMap<>(mail);
            quiet.put("warden.jobs.enabled", "false");
            try (FreshWarden first = FreshWarden.start(quiet)) {
                Http admin = first.admin();
                StringBuilder contacts = new StringBuilder();
                for (int i = 0; i < 20; i++) {
                    contacts.append(i == 0 ? "" : ", ")
                            .append("{\"name\": \"C")
                            .append(i)
                            .append("\", \"email\": \"c")
                            .append(i)
                            .append("@acme.example\", \"ecosystemAccount\": true}");
                }
                assertThat(admin.post("/api/v1/partners", """
                                {"id": "acme", "name": "Acme", "tier": "SILVER", "securityContacts": [%s]}
                                """.formatted(contacts))
                                .status())
                        .isEqualTo(201);
                assertThat(admin.post("/api/v1/apps", """
                                {"key": "com.acme.app", "name": "Acme App", "partner": "acme",
                                 "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                                """).status()).isEqualTo(201);
                for (int t = 0; t < 5; t++) {
                    assertThat(admin.post("/api/v1/tickets", """
                                    {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD",
                                     "title": "Finding %d", "score": 6.5}
                                    """.formatted(t)).status())
                            .isEqualTo(201);
                }
                JdbcClient jdbc = first.bean(JdbcClient.class);
                assertThat(jdbc.sql("select count(*) from outbox where status = 'PENDING'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(100);
                // This node stops after the commit and before delivering; one message it had claimed when
                // it stopped, as a node killed mid-delivery leaves it.
                jdbc.sql("update outbox set status = 'SENDING', claimed_by = 'killed-node', claimed_at = :at"
                                + " where id = (select min(id) from outbox)")
                        .param("at", OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC))
                        .update();

                Map<String, Object> node = new HashMap<>(mail);
                node.putAll(first.database());
                try (FreshWarden b = FreshWarden.start(node);
                        FreshWarden c = FreshWarden.start(node)) {
                    assertThat(smtp.waitForIncomingEmail(60_000, 100)).isTrue();
                    Thread.sleep(3_000); // anything sent twice would arrive by now
                    List<MimeMessage> received = List.of(smtp.getReceivedMessages());
                    Map<String, Long> perMessage = received.stream()
                            .collect(Collectors.groupingBy(
                                    OutboxDeliveryIT::recipientAndSubject, Collectors.counting()));
                    assertThat(received).hasSize(100);
                    assertThat(perMessage)
                            .hasSize(100)
                            .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
                    assertThat(jdbc.sql("select count(*) from outbox where status = 'SENT'")
                                    .query(Long.class)
                                    .single())
                            .isEqualTo(100);
                    assertThat(jdbc.sql("select count(distinct claimed_by) from outbox")
                                    .query(Long.class)
                                    .single())
                            .as("rows were delivered by the surviving nodes")
                            .isBetween(1L, 2L);
                }
            }
        } finally {
            smtp.stop();
        }
    }

    static String recipientAndSubject(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0] + " " + m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

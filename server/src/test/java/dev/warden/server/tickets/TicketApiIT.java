package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The whole life of a ticket over HTTP, as the operator and the partner each see it. */
@IntegrationTest
class TicketApiIT {
    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    Http analyst;
    Http partnerClient;
    String partner;
    String app;

    @BeforeEach
    void aPartnerWithAnApp() {
        analyst = TestClients.admin(new Http(port), clients);
        partner = "t" + UUID.randomUUID().toString().substring(0, 8);
        app = "com." + partner + ".app";
        analyst.post("/api/v1/partners", """
                {"id": "%s", "name": "P", "tier": "GOLD", "securityContacts": [
                  {"name": "A", "email": "sec@%s.example", "ecosystemAccount": true},
                  {"name": "B", "email": "psirt@%s.example"}]}
                """.formatted(partner, partner, partner));
        analyst.post("/api/v1/apps", """
                {"key": "%s", "name": "App", "partner": "%s", "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                """.formatted(app, partner));
        partnerClient = TestClients.as(
                new Http(port),
                clients,
                partner,
                Permission.TICKETS_READ,
                Permission.TICKETS_RESPOND,
                Permission.CATALOG_READ);
    }

    JsonNode report(String type, String severityField) {
        Http.Response created = analyst.post("/api/v1/tickets", """
                {"type": "%s", "app": "%s", "hosting": "CLOUD", "title": "Finding", %s}
                """.formatted(type, app, severityField));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aReportedTicketGetsItsSeverityDueDateAndAssignees() {
        Instant before = Instant.now();
        JsonNode ticket = report("SCANNER", "\"cvss\": \"" + CRITICAL + "\"");

        assertThat(ticket.get("key").asString()).startsWith("AMS-");
        assertThat(ticket.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(ticket.get("score").asDouble()).isEqualTo(9.8);
        assertThat(ticket.get("policyVersion").asString()).isEqualTo("2026-04-15");
        assertThat(ticket.get("status").asString()).isEqualTo("NEEDS_PATCH");
        Instant due = Instant.parse(ticket.get("dueAt").asString());
        assertThat(due)
                .isBetween(before.plus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(10)));
        assertThat(ticket.get("assignees").valueStream().map(JsonNode::asString))
                .containsExactly("sec@" + partner + ".example", "psirt@" + partner + ".example");
        assertThat(ticket.get("events").get(0).get("type").asString()).isEqualTo("REPORTED");
    }

    @Test
    void thePartnerAcknowledgesATicketOnceWithinFiveBusinessDays() {
        // "Partners should acknowledge and triage AMS tickets promptly after they are assigned."
        JsonNode ticket = report("SCANNER", "\"cvss\": \"" + CRITICAL + "\"");
        String key = ticket.get("key").asString();
        JsonNode ack = ticket.get("acknowledgement");
        Instant reported = Instant.parse(ticket.get("reportedAt").asString());
        Instant due = Instant.parse(ack.get("dueAt").asString());
        // The stored report time is rounded to the microsecond by the database; the window is not.
        assertThat(Duration.between(reported, due).toMillis())
                .as("five business days: seven calendar days, whatever the weekday")
                .isCloseTo(Duration.ofDays(7).toMillis(), org.assertj.core.data.Offset.offset(1L));
        assertThat(ack.has("at")).isFalse();
        assertThat(ack.get("overdue").asBoolean()).isFalse();

        Http.Response done = partnerClient.post("/api/v1/tickets/" + key + "/acknowledgement", "{\"note\": \"on it\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("acknowledgement").get("at").asString()).isNotBlank();
        assertThat(done.json().get("events").get(1).get("type").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(partnerClient
                        .post("/api/v1/tickets/" + key + "/acknowledgement", "{}")
                        .status())
                .as("once")
                .isEqualTo(409);
    }

    @Test
    void aBadReportNamesEveryField() {
        Http.Response response = analyst.post("/api/v1/tickets", """
                {"type": "SCANNER", "app": "%s", "hosting": "DATA_CENTER", "cvss": "CVSS:3.1/AV:N/AC:Z/PR:N/UI:N/S:U/C:H/I:H/A:H"}
                """.formatted(app));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString() + " "
                                + e.get("message").asString()))
                .containsExactly(
                        "/cvss metric AC has no value Z (allowed: H, L)",
                        "/hosting app '" + app + "' has no DATA_CENTER listing",
                        "/title is required (1 to 300 characters)");
    }

    @Test
    void aBugBountyTicketGoesThroughItsWholeLifeBetweenPartnerAndOperator() {
        JsonNode ticket = report("BUG_BOUNTY", "\"score\": 8.0");
        String key = ticket.get("key").asString();
        assertThat(ticket.get("status").asString()).isEqualTo("NEEDS_TRIAGE");
        assertThat(ticket.has("triageDueAt")).isTrue();

        JsonNode triaged = partnerClient
                .post("/api/v1/tickets/" + key + "/triage", "{\"note\": \"confirmed\"}")
                .json();
        assertThat(triaged.get("status").asString()).isEqualTo("NEEDS_PATCH");
        Instant due = Instant.parse(triaged.get("dueAt").asString());
        Instant proposed = due.plus(Duration.ofDays(30));

        Http.Response tooFar = partnerClient.post(
                "/api/v1/tickets/" + key + "/extension-requests", """
                {"reason": "UPSTREAM_DEPENDENCY", "plan": "wait", "proposedDueAt": "%s"}
                """.formatted(due.plus(Duration.ofDays(200))));
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().get("errors").get(0).get("message").asString()).contains("at most 90 days");

        JsonNode requested = partnerClient
                .post("/api/v1/tickets/" + key + "/extension-requests", """
                {"reason": "UPSTREAM_DEPENDENCY", "plan": "Upgrade the parser when 2.1 ships", "proposedDueAt": "%s"}
                """.formatted(proposed))
                .json();
        assertThat(requested.get("status").asString()).isEqualTo("EXTENSION_REQUESTED");
        assertThat(requested.get("dueAt").asString())
                .as("a pending request does not move the clock")
                .isEqualTo(due.toString());
        assertThat(partnerClient
                        .post("/api/v1/tickets/" + key + "/extension-requests/approve", "{}")
                        .status())
                .as("a partner cannot approve its own extension")
                .isEqualTo(403);

        JsonNode approved = analyst.post("/api/v1/tickets/" + key + "/extension-requests/approve", "{\"note\": \"ok\"}")
                .json();
        assertThat(approved.get("dueAt").asString()).isEqualTo(proposed.toString());
        assertThat(partnerClient
                        .post("/api/v1/tickets/" + key + "/waiting-for-release", "{}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("WAITING_FOR_RELEASE");
        assertThat(partnerClient
                        .post("/api/v1/tickets/" + key + "/released", "{}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("NEEDS_SECURITY_REVIEW");
        assertThat(analyst.post("/api/v1/tickets/" + key + "/patched", "{}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PATCHED");
        JsonNode reopened = analyst.post("/api/v1/tickets/" + key + "/reopen", "{\"note\": \"the fix was incomplete\"}")
                .json();

        assertThat(reopened.get("status").asString()).isEqualTo("NEEDS_PATCH");
        assertThat(reopened.get("events").valueStream().map(e -> e.get("type").asString()))
                .containsExactly(
                        "REPORTED",
                        "TRIAGED",
                        "EXTENSION_REQUESTED",
                        "EXTENSION_APPROVED",
                        "WAITING_FOR_RELEASE",
                        "RELEASED",
                        "VERIFIED_PATCHED",
                        "REOPENED");
        assertThat(reopened.get("events").get(1).get("actor").asString()).startsWith("wc_");
        // The partner sees its own client's id, and "operator" for the operator's clients and people.
        JsonNode partnerView = partnerClient.get("/api/v1/tickets/" + key).json();
        assertThat(partnerView.get("events").get(1).get("actor").asString())
                .isEqualTo(reopened.get("events").get(1).get("actor").asString());
        assertThat(partnerView.get("events").get(0).get("actor").asString()).isEqualTo("operator");
        assertThat(partnerView.get("events").get(7).get("actor").asString()).isEqualTo("operator");
        assertThat(partnerView.toString())
                .doesNotContain(reopened.get("events").get(0).get("actor").asString());
        JsonNode audit = analyst.get("/api/v1/audit?subjectType=ticket&subjectId=" + key + "&size=20")
                .json();
        assertThat(audit.get("totalItems").asInt()).isEqualTo(8);
    }

    @Test
    void impossibleStepsAreConflictsAndNotesAreRequiredWhereThePolicyWantsAReason() {
        String key = report("SCANNER", "\"score\": 5.0").get("key").asString();

        Http.Response triage = analyst.post("/api/v1/tickets/" + key + "/triage", "{}");
        Http.Response reopen = analyst.post("/api/v1/tickets/" + key + "/reopen", "{\"note\": \"x\"}");
        Http.Response notApplicable = analyst.post("/api/v1/tickets/" + key + "/not-applicable", "{}");
        Http.Response deny = analyst.post("/api/v1/tickets/" + key + "/extension-requests/deny", "{\"note\": \"no\"}");

        assertThat(triage.status()).isEqualTo(409);
        assertThat(triage.json().get("detail").asString())
                .isEqualTo("triage is not possible while the ticket is NEEDS_PATCH");
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(notApplicable.status()).isEqualTo(400);
        assertThat(notApplicable.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/note");
        assertThat(deny.status()).isEqualTo(409);
    }

    @Test
    void aNoteTooLongIsReportedOnTheNoteNotTheScore() {
        String key = report("SCANNER", "\"score\": 5.0").get("key").asString();
        analyst.post("/api/v1/tickets/" + key + "/not-applicable", "{\"note\": \"a false positive\"}");

        Http.Response reopen =
                analyst.post("/api/v1/tickets/" + key + "/reopen", "{\"note\": \"" + "x".repeat(4001) + "\"}");

        assertThat(reopen.status()).isEqualTo(400);
        assertThat(reopen.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/note");
        assertThat(reopen.json().get("errors").get(0).get("message").asString()).contains("1 to 4000 characters");
    }

    @Test
    void anExtensionIsNeverGrantedBackwardsNorByWhoeverFiledIt() {
        JsonNode ticket = report("SCANNER", "\"cvss\": \"" + CRITICAL + "\"");
        String key = ticket.get("key").asString();
        Instant due = Instant.parse(ticket.get("dueAt").asString());
        Instant proposed = due.plus(Duration.ofDays(20));
        assertThat(partnerClient
                        .post("/api/v1/tickets/" + key + "/extension-requests", """
                                {"reason": "UPSTREAM_DEPENDENCY", "plan": "Wait for the library", "proposedDueAt": "%s"}
                                """.formatted(proposed))
                        .status())
                .isEqualTo(200);

        // Reassessed meanwhile as MEDIUM: the due date moves past the proposed one, which would now pull
        // it earlier.
        JsonNode medium = analyst.post(
                        "/api/v1/tickets/" + key + "/severity", "{\"score\": 5.0, \"note\": \"admins only\"}")
                .json();
        Instant later = Instant.parse(medium.get("dueAt").asString());
        assertThat(later).isAfter(proposed);
        Http.Response backwards = analyst.post("/api/v1/tickets/" + key + "/extension-requests/approve", "{}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body())
                .contains("the proposed date " + proposed + " no longer works")
                .contains("must be after the current due date, "
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                                .withZone(java.time.ZoneOffset.UTC)
                                .format(later));
        assertThat(analyst.get("/api/v1/tickets/" + key).json().get("dueAt").asString())
                .isEqualTo(later.toString());
        assertThat(analyst.post(
                                "/api/v1/tickets/" + key + "/extension-requests/approve",
                                "{\"dueAt\": \"%s\"}".formatted(later.plus(Duration.ofDays(10))))
                        .status())
                .isEqualTo(200);

        // An analyst who files a request for the partner does not grant it herself.
        JsonNode other = report("SCANNER", "\"cvss\": \"" + CRITICAL + "\"");
        String otherKey = other.get("key").asString();
        Instant otherDue = Instant.parse(other.get("dueAt").asString());
        assertThat(analyst.post("/api/v1/tickets/" + otherKey + "/extension-requests", """
                                {"reason": "UPSTREAM_DEPENDENCY", "plan": "Filed for them", "proposedDueAt": "%s"}
                                """.formatted(
                                        otherDue.plus(Duration.ofDays(5))))
                        .status())
                .isEqualTo(200);
        Http.Response self = analyst.post("/api/v1/tickets/" + otherKey + "/extension-requests/approve", "{}");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body()).contains("You filed this extension request");
        Http secondPerson = TestClients.admin(new Http(port), clients);
        assertThat(secondPerson
                        .post("/api/v1/tickets/" + otherKey + "/extension-requests/approve", "{}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSeverityChangeRecomputesTheDueDateFromTheSameClockStart() {
        JsonNode ticket = report("SCANNER", "\"cvss\": \"" + CRITICAL + "\"");
        String key = ticket.get("key").asString();
        Instant start = Instant.parse(ticket.get("clockStartAt").asString());

        JsonNode changed = analyst.post(
                        "/api/v1/tickets/" + key + "/severity",
                        "{\"score\": 5.0, \"note\": \"only reachable by admins\"}")
                .json();

        assertThat(changed.get("severity").asString()).isEqualTo("MEDIUM");
        assertThat(changed.get("dueAt").asString())
                .isEqualTo(start.plus(Duration.ofDays(84)).toString());
        assertThat(analyst.post("/api/v1/tickets/" + key + "/severity", "{\"score\": 5.0}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void partnersSeeOnlyTheirOwnTicketsAndCannotReport() {
        String key = report("SCANNER", "\"score\": 5.0").get("key").asString();
        Http other = TestClients.as(new Http(port), clients, null, Permission.TICKETS_READ);
        String stranger = "s" + UUID.randomUUID().toString().substring(0, 8);
        analyst.post("/api/v1/partners", "{\"id\": \"%s\", \"name\": \"S\", \"tier\": \"NONE\"}".formatted(stranger));
        Http strangerClient =
                TestClients.as(new Http(port), clients, stranger, Permission.TICKETS_READ, Permission.TICKETS_RESPOND);

        assertThat(partnerClient.get("/api/v1/tickets/" + key).status()).isEqualTo(200);
        assertThat(strangerClient.get("/api/v1/tickets/" + key).status()).isEqualTo(404);
        assertThat(strangerClient
                        .post("/api/v1/tickets/" + key + "/triage", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(strangerClient
                        .get("/api/v1/tickets?partner=" + partner)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(strangerClient
                        .get("/api/v1/tickets")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(partnerClient.post("/api/v1/tickets", "{}").status()).isEqualTo(403);
        assertThat(other.get("/api/v1/tickets?partner=" + partner)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }
}

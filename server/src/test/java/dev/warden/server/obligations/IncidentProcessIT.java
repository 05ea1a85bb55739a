package dev.warden.server.obligations;

import static dev.warden.server.obligations.ObligationsIT.ok;
import static dev.warden.server.obligations.ObligationsIT.openCases;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A partner's documented incident response process through the API (docs/policy section 7: "All
 * Marketplace partners are expected to maintain a documented security incident response process"): the
 * partner attests it, an incomplete or stale one is a violation, and the history travels in the snapshot.
 */
@ExtendWith(DatabaseRequirement.class)
class IncidentProcessIT {
    static final String PROCESS = "/api/v1/partners/acme/incident-process";

    static String attestation(String reviewedOn, String covers) {
        return """
                {"document": "https://acme.example/security/incident-response", "reviewedOn": "%s",
                 "covers": [%s], "notes": "Reviewed with the on-call team"}
                """.formatted(reviewedOn, covers);
    }

    @Test
    void aPartnerAttestsItsProcessAndIsInViolationWhileItIsMissingIncompleteOrStale() {
        ObligationsIT.World w = ObligationsIT.world(); // 1 November 2026: past the 2026-10-15 start
        try (FreshWarden ignored = w.warden()) {
            JsonNode none = ok(w.partner().get(PROCESS));
            assertThat(none.get("standing").asString()).isEqualTo("MISSING");
            assertThat(none.get("required").asBoolean()).isTrue();
            assertThat(none.get("requiredFrom").asString()).isEqualTo("2026-10-15");
            w.evaluate();
            assertThat(openCases(w, "INCIDENT-PROCESS-UNDOCUMENTED")).containsExactly("acme");

            // Bad input is refused with the field it concerns; nothing is recorded.
            Http.Response future = w.partner().post(PROCESS + "/attestations", attestation("2026-11-02", ""));
            assertThat(future.status()).isEqualTo(400);
            assertThat(future.body()).contains("/reviewedOn").contains("future");
            Http.Response script = w.partner()
                    .post(
                            PROCESS + "/attestations",
                            "{\"document\": \"javascript:alert(1)\", \"reviewedOn\": \"2026-10-30\"}");
            assertThat(script.status()).isEqualTo(400);
            assertThat(script.body()).contains("/document").contains("https link");
            Http.Response unknown = w.partner().post(PROCESS + "/attestations", attestation("2026-10-30", "\"LUCK\""));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(ok(w.partner().get(PROCESS)).get("history")).isEmpty();
            // Another partner cannot attest for acme, or read its process.
            assertThat(w.other()
                            .post(PROCESS + "/attestations", attestation("2026-10-30", "\"INVESTIGATION\""))
                            .status())
                    .isEqualTo(404);
            assertThat(w.other().get(PROCESS).status()).isEqualTo(404);

            JsonNode partial = ok(w.partner()
                    .post(PROCESS + "/attestations", attestation("2026-10-30", "\"INVESTIGATION\", \"CONTAINMENT\"")));
            assertThat(partial.get("standing").asString()).isEqualTo("INCOMPLETE");
            assertThat(partial.get("missing").get(0).asString()).isEqualTo("COLLABORATION");
            assertThat(partial.get("current").get("attestedBy").asString()).contains("pat@acme.example");
            assertThat(openCases(w, "INCIDENT-PROCESS-UNDOCUMENTED")).containsExactly("acme");
            assertThat(caseEvidence(w)).contains("does not cover collaboration");

            JsonNode full = ok(w.partner()
                    .post(
                            PROCESS + "/attestations",
                            attestation("2026-10-30", "\"INVESTIGATION\", \"CONTAINMENT\", \"COLLABORATION\"")));
            assertThat(full.get("standing").asString()).isEqualTo("CURRENT");
            assertThat(full.get("reviewDue").asString()).isEqualTo("2027-10-30");
            assertThat(full.get("history")).hasSize(2);
            assertThat(openCases(w, "INCIDENT-PROCESS-UNDOCUMENTED"))
                    .as("the attestation resolves the case at once")
                    .isEmpty();

            // Twelve months after the review (current until 2027-10-30), the process is stale again.
            w.clock().advance(Duration.ofDays(362)); // 2027-10-29
            assertThat(ok(w.partner().get(PROCESS)).get("standing").asString()).isEqualTo("CURRENT");
            w.clock().advance(Duration.ofDays(2));
            assertThat(ok(w.partner().get(PROCESS)).get("standing").asString()).isEqualTo("STALE");
            w.evaluate();
            assertThat(openCases(w, "INCIDENT-PROCESS-UNDOCUMENTED")).containsExactly("acme");
            assertThat(caseEvidence(w)).contains("last reviewed on 2026-10-30, more than 12 months ago");

            // The history is audited and travels in the snapshot.
            assertThat(w.admin()
                            .get("/api/v1/audit?action=INCIDENT_PROCESS_ATTESTED")
                            .body())
                    .contains("INCIDENT_PROCESS_ATTESTED");
            JsonNode snapshot = ok(w.admin().get("/api/v1/snapshot"));
            assertThat(snapshot.get("incidentProcesses")).singleElement().satisfies(p -> {
                assertThat(p.get("partner").asString()).isEqualTo("acme");
                assertThat(p.get("attestations")).hasSize(2);
            });
        }
    }

    static String caseEvidence(ObligationsIT.World w) {
        return ok(w.admin().get("/api/v1/enforcement/cases?partner=acme&size=100"))
                .get("items")
                .valueStream()
                .filter(c -> c.get("rule").asString().equals("INCIDENT-PROCESS-UNDOCUMENTED"))
                .filter(c -> c.get("status").asString().equals("OPEN"))
                .map(c -> c.get("evidence").asString())
                .findFirst()
                .orElse("");
    }
}

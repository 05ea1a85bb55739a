package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.catalog.Tier;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentCategory;
import dev.warden.core.obligations.IncidentEngagement;
import dev.warden.core.obligations.IncidentEvent;
import dev.warden.core.obligations.IncidentPriority;
import dev.warden.core.obligations.IncidentReview;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The incident rules, named by the sentences of docs/policy section 7. */
class IncidentRulesTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-07-01T00:00:00Z"));
    static final PartnerId ACME = PartnerId.of("acme");
    static final AppKey APP = AppKey.of("com.acme.app");
    static final AppKey OTHER = AppKey.of("com.acme.other");
    static final IncidentReview REVIEW = new IncidentReview("s", "t", "r", "i", "c", "m", "p");

    static Incident incident(
            String aware, String reported, boolean exploited, long customers, IncidentEvent... events) {
        return new Incident(
                "INC-1",
                ACME,
                List.of(APP, OTHER),
                IncidentCategory.DATA_EXPOSURE,
                "Leaked export",
                Instant.parse(aware),
                Instant.parse(reported),
                exploited,
                customers,
                List.of(events));
    }

    static IncidentEvent event(IncidentEvent.Type type, String at) {
        return new IncidentEvent(
                type,
                Instant.parse(at),
                "sec@acme.example",
                type == IncidentEvent.Type.CONTAINED || type == IncidentEvent.Type.CLOSED ? null : "text",
                null,
                type == IncidentEvent.Type.REVIEW ? REVIEW : null);
    }

    static List<Violation> evaluate(Rule rule, String at, Incident... incidents) {
        Facts facts = new Facts(
                Instant.parse(at),
                List.of(),
                List.of(),
                new Breaches(),
                new Obligations(List.of(incidents), List.of(), List.of(), List.of(), List.of()));
        return rule.evaluate(facts, POLICY);
    }

    @Test
    void anIncidentMustBeReportedWithinTwentyFourHoursOfAwareness() {
        // "report an incident affecting an app within 24 hours of becoming aware of it"
        Incident onTime = incident("2026-06-01T08:00:00Z", "2026-06-02T08:00:00Z", false, 0);
        assertThat(evaluate(new IncidentLateReport(), "2026-06-03T00:00:00Z", onTime))
                .isEmpty();

        Incident late = incident("2026-06-01T08:00:00Z", "2026-06-02T08:00:01Z", false, 0);
        List<Violation> found = evaluate(new IncidentLateReport(), "2026-06-03T00:00:00Z", late);
        assertThat(found).extracting(v -> v.subject().id()).containsExactly("com.acme.app", "com.acme.other");
        assertThat(found.get(0).since()).isEqualTo(Instant.parse("2026-06-02T08:00:00Z"));
        assertThat(found.get(0).evidence())
                .isEqualTo(
                        "INC-1 (Leaked export): aware 2026-06-01, reported 2026-06-02, 24 hours later (the policy asks"
                                + " within 24 hours)");
    }

    static Incident knownFirstToTheOperator(String aware, String recorded, @Nullable String reported) {
        return new Incident(
                "INC-9",
                ACME,
                List.of(APP),
                IncidentCategory.CREDENTIAL_LEAK,
                "Keys on a paste site",
                Instant.parse(aware),
                reported == null ? null : Instant.parse(reported),
                false,
                0,
                List.of(),
                Instant.parse(recorded),
                null,
                null,
                false);
    }

    // "Partners must notify Atlassian of any security incident impacting a Marketplace app by raising a
    // P1 incident ticket within 24 hours of becoming aware of the incident": an incident the operator
    // learned of first is late 24 hours after awareness until the partner reports it.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            before it came on record nothing is known       | 2026-06-01T12:00:00Z | -                    | -
            on record, within the 24 hours                  | 2026-06-02T08:00:00Z | -                    | -
            unreported past the 24 hours                    | 2026-06-02T08:00:01Z | -                    | 2026-06-02T08:00:00Z
            still unreported a month on                     | 2026-07-02T08:00:00Z | -                    | 2026-06-02T08:00:00Z
            reported later: late, held while open           | 2026-07-02T08:00:00Z | 2026-06-20T00:00:00Z | 2026-06-02T08:00:00Z
            judged before the later report: unreported      | 2026-06-10T00:00:00Z | 2026-06-20T00:00:00Z | 2026-06-02T08:00:00Z
            reported within the 24 hours after all          | 2026-07-02T08:00:00Z | 2026-06-02T07:00:00Z | -
            """)
    void anIncidentThePartnerNeverReportedIsLateUntilItIsReported(
            String why, String at, @Nullable String reported, @Nullable String since) {
        Incident incident = knownFirstToTheOperator("2026-06-01T08:00:00Z", "2026-06-01T20:00:00Z", reported);

        List<Violation> found = evaluate(new IncidentLateReport(), at, incident);

        if (since == null) {
            assertThat(found).as(why).isEmpty();
        } else {
            assertThat(found).as(why).singleElement().satisfies(v -> {
                assertThat(v.since()).isEqualTo(Instant.parse(since));
                boolean reportedThen =
                        reported != null && !Instant.parse(reported).isAfter(Instant.parse(at));
                assertThat(v.evidence())
                        .startsWith("INC-9 (Keys on a paste site): aware 2026-06-01, ")
                        .contains(
                                reportedThen
                                        ? "reported 2026-06-20, 448 hours later"
                                        : "not reported by the partner (known to the operator since 2026-06-01)");
            });
        }
        boolean reportedThen = reported != null && !Instant.parse(reported).isAfter(Instant.parse(at));
        assertThat(dev.warden.core.obligations.IncidentDuties.at(
                                incident.asOf(Instant.parse(at)).orElse(incident),
                                POLICY.incidents(),
                                Instant.parse(at))
                        .size())
                .as("before the partner's report, only the report is due")
                .isEqualTo(reportedThen ? 4 : 1);
    }

    @Test
    void anIncidentNotReportedGivesWhenTheOperatorLearnedOfIt() {
        assertThatThrownBy(() -> new Incident(
                        "INC-9",
                        ACME,
                        List.of(APP),
                        IncidentCategory.OTHER,
                        "t",
                        Instant.parse("2026-06-01T08:00:00Z"),
                        null,
                        false,
                        0,
                        List.of(),
                        null,
                        null,
                        null,
                        false))
                .hasMessageContaining("recordedAt");
        assertThatThrownBy(() ->
                        knownFirstToTheOperator("2026-06-01T08:00:00Z", "2026-06-03T00:00:00Z", "2026-06-02T00:00:00Z"))
                .hasMessageContaining("recordedAt must not be after reportedAt");
        assertThatThrownBy(() -> knownFirstToTheOperator("2026-06-01T08:00:00Z", "2026-06-01T20:00:00Z", null)
                        .reported(Instant.parse("2026-06-01T19:00:00Z"), IncidentPriority.P1))
                .hasMessageContaining("not before the incident came on record");
    }

    // "Platinum Marketplace Partners and partners whose apps are used by Enterprise customers can expect
    // closer, more hands-on collaboration ... Partners at other tiers ... Atlassian engaging commensurate
    // with the risk."
    @ParameterizedTest(name = "{0}, Enterprise {1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            PLATINUM, false, HANDS_ON
            GOLD,     true,  HANDS_ON
            GOLD,     false, COMMENSURATE
            SILVER,   false, COMMENSURATE
            -,        false, COMMENSURATE
            -,        true,  HANDS_ON
            """)
    void theOperatorsEngagementFollowsTierAndEnterpriseUse(
            @Nullable Tier tier, boolean enterprise, IncidentEngagement expected) {
        Incident incident = new Incident(
                "INC-9",
                ACME,
                List.of(APP),
                IncidentCategory.OTHER,
                "t",
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-01T09:00:00Z"),
                false,
                0,
                List.of(),
                null,
                IncidentPriority.P2,
                tier,
                enterprise);

        assertThat(incident.engagement()).isEqualTo(expected);
        assertThat(incident.recordedAt()).isEqualTo(incident.reportedAt());
        assertThat(incident.priority()).isEqualTo(IncidentPriority.P2);
    }

    @Test
    void aLateReportIsHeldUntilTheIncidentIsClosedAndNotBeforeItWasReported() {
        Incident late = incident(
                "2026-06-01T08:00:00Z",
                "2026-06-05T08:00:00Z",
                false,
                0,
                event(IncidentEvent.Type.CONTAINED, "2026-06-06T00:00:00Z"),
                event(IncidentEvent.Type.REVIEW, "2026-06-10T00:00:00Z"),
                event(IncidentEvent.Type.CLOSED, "2026-06-12T00:00:00Z"));
        assertThat(evaluate(new IncidentLateReport(), "2026-06-04T00:00:00Z", late))
                .isEmpty();
        assertThat(evaluate(new IncidentLateReport(), "2026-06-11T00:00:00Z", late))
                .hasSize(2);
        assertThat(evaluate(new IncidentLateReport(), "2026-06-12T00:00:00Z", late))
                .isEmpty();
    }

    @Test
    void statusUpdatesAreDueEverySeventyTwoHoursUntilContained() {
        // "give timely status updates (default we chose: at least every 72 hours until contained)"
        Incident quiet = incident(
                "2026-06-01T00:00:00Z",
                "2026-06-01T06:00:00Z",
                false,
                0,
                event(IncidentEvent.Type.UPDATE, "2026-06-02T06:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-05T06:00:00Z", quiet))
                .isEmpty();
        List<Violation> found = evaluate(new IncidentFollowUp(), "2026-06-05T06:00:01Z", quiet);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).since()).isEqualTo(Instant.parse("2026-06-05T06:00:00Z"));
        assertThat(found.get(0).evidence()).contains("a status update at least every 72 hours until contained");

        Incident contained = quiet.with(event(IncidentEvent.Type.CONTAINED, "2026-06-03T00:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-07T00:00:00Z", contained))
                .isEmpty();
    }

    @Test
    void aRemediationPlanIsDueWithinSevenDaysOfTheReport() {
        // "a detailed remediation plan (default: within 7 days)"
        Incident contained = incident(
                "2026-06-01T00:00:00Z",
                "2026-06-01T06:00:00Z",
                false,
                0,
                event(IncidentEvent.Type.CONTAINED, "2026-06-01T12:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-08T06:00:00Z", contained))
                .isEmpty();
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-08T06:00:01Z", contained))
                .first()
                .extracting(Violation::evidence)
                .asString()
                .contains("a remediation plan within 7 days of the report, due 2026-06-08");
        Incident planned = contained.with(event(IncidentEvent.Type.REMEDIATION_PLAN, "2026-06-09T00:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-10T00:00:00Z", planned))
                .as("a plan given late no longer counts")
                .isEmpty();
    }

    @Test
    void aPostIncidentReviewIsDueWithinThirtyDaysOfContainment() {
        // "a comprehensive post-incident review (default: within 30 days of containment)"
        Incident contained = incident(
                "2026-06-01T00:00:00Z",
                "2026-06-01T06:00:00Z",
                false,
                0,
                event(IncidentEvent.Type.REMEDIATION_PLAN, "2026-06-02T00:00:00Z"),
                event(IncidentEvent.Type.CONTAINED, "2026-06-03T00:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-07-03T00:00:00Z", contained))
                .isEmpty();
        assertThat(evaluate(new IncidentFollowUp(), "2026-07-03T00:00:01Z", contained))
                .first()
                .extracting(Violation::evidence)
                .asString()
                .contains("a post-incident review within 30 days of containment, due 2026-07-03");
        Incident reviewed = contained.with(event(IncidentEvent.Type.REVIEW, "2026-07-02T00:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-07-10T00:00:00Z", reviewed))
                .isEmpty();
    }

    @Test
    void affectedCustomersMustBeNotifiedAndOnlyWhenThereAreAny() {
        // "notify affected customers promptly using the operator's communication template"
        IncidentEvent plan = event(IncidentEvent.Type.REMEDIATION_PLAN, "2026-06-02T00:00:00Z");
        IncidentEvent contained = event(IncidentEvent.Type.CONTAINED, "2026-06-03T00:00:00Z");
        Incident none = incident("2026-06-01T00:00:00Z", "2026-06-01T06:00:00Z", false, 0, plan, contained);
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-20T00:00:00Z", none))
                .isEmpty();
        Incident some = incident("2026-06-01T00:00:00Z", "2026-06-01T06:00:00Z", false, 40, plan, contained);
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-20T00:00:00Z", some))
                .first()
                .extracting(Violation::evidence)
                .asString()
                .contains("notify the 40 affected customers");
        Incident notified = some.with(event(IncidentEvent.Type.CUSTOMERS_NOTIFIED, "2026-06-04T00:00:00Z"));
        assertThat(evaluate(new IncidentFollowUp(), "2026-06-20T00:00:00Z", notified))
                .isEmpty();
    }

    @Test
    void activeExploitationOpensACriticalCaseUntilContained() {
        // "Where customer data or systems are being actively exploited through an app, the operator may
        // suspend the app immediately."
        Incident exploited = incident("2026-06-01T00:00:00Z", "2026-06-01T02:00:00Z", true, 0);
        List<Violation> found = evaluate(new IncidentActiveExploitation(), "2026-06-01T03:00:00Z", exploited);
        assertThat(found).hasSize(2).allSatisfy(v -> assertThat(v.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(POLICY.enforcement().ladder(IncidentActiveExploitation.ID))
                .as("no automatic step: a person proposes the pause")
                .isEmpty();
        Incident contained = exploited.with(event(IncidentEvent.Type.CONTAINED, "2026-06-02T00:00:00Z"));
        assertThat(evaluate(new IncidentActiveExploitation(), "2026-06-02T00:00:00Z", contained))
                .isEmpty();
        assertThat(evaluate(new IncidentActiveExploitation(), "2026-06-01T23:00:00Z", contained))
                .as("as it stood before containment")
                .hasSize(2);
    }
}

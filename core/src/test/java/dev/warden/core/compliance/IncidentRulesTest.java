package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.cvss.Severity;
import dev.warden.core.obligations.Incident;
import dev.warden.core.obligations.IncidentCategory;
import dev.warden.core.obligations.IncidentEvent;
import dev.warden.core.obligations.IncidentReview;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

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

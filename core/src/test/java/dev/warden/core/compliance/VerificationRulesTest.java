package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.obligations.EntityChange;
import dev.warden.core.obligations.Obligations;
import dev.warden.core.obligations.Verification;
import dev.warden.core.obligations.VerificationEvent;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The verification rules, named by the sentences of docs/policy section 4. */
class VerificationRulesTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-07-01T00:00:00Z"));
    static final PartnerId ACME = PartnerId.of("acme");

    static Verification requested(String at, VerificationEvent... events) {
        return new Verification("VER-1", ACME, Instant.parse(at), List.of(events));
    }

    static VerificationEvent event(VerificationEvent.Type type, String at) {
        return new VerificationEvent(type, Instant.parse(at), "someone", null);
    }

    static List<Violation> evaluate(Rule rule, String at, List<Verification> verifications, EntityChange... changes) {
        Facts facts = new Facts(
                Instant.parse(at),
                List.of(),
                List.of(),
                new Breaches(),
                new Obligations(List.of(), List.of(), verifications, List.of(changes), List.of()));
        return rule.evaluate(facts, POLICY);
    }

    @Test
    void aPartnerHasFourteenDaysToSubmitItsVerification() {
        // "The operator's due-diligence page gives 14 days to submit; a missed deadline rejects the ticket."
        Verification v = requested("2026-06-01T09:00:00Z");
        assertThat(evaluate(new VerificationOverdue(), "2026-06-15T09:00:00Z", List.of(v)))
                .isEmpty();
        List<Violation> late = evaluate(new VerificationOverdue(), "2026-06-15T09:00:01Z", List.of(v));
        assertThat(late).singleElement().satisfies(x -> {
            assertThat(x.subject()).isEqualTo(new Subject.Partner(ACME));
            assertThat(x.since()).isEqualTo(Instant.parse("2026-06-15T09:00:00Z"));
            assertThat(x.evidence()).contains("not submitted; due 2026-06-15 (14 days)");
        });
        Verification submitted = v.with(event(VerificationEvent.Type.SUBMITTED, "2026-06-10T00:00:00Z"));
        assertThat(evaluate(new VerificationOverdue(), "2026-07-01T00:00:00Z", List.of(submitted)))
                .isEmpty();
    }

    @Test
    void partnersMustAnswerRequestsForMoreInformationInTime() {
        // "Partners must answer requests for more information in time" (14 days, operator-set).
        Verification asked = requested(
                "2026-06-01T00:00:00Z",
                event(VerificationEvent.Type.SUBMITTED, "2026-06-05T00:00:00Z"),
                event(VerificationEvent.Type.INFO_REQUESTED, "2026-06-08T00:00:00Z"));
        assertThat(evaluate(new VerificationOverdue(), "2026-06-22T00:00:00Z", List.of(asked)))
                .isEmpty();
        assertThat(evaluate(new VerificationOverdue(), "2026-06-22T00:00:01Z", List.of(asked)))
                .singleElement()
                .extracting(Violation::evidence)
                .asString()
                .contains("more information requested 2026-06-08, unanswered; due 2026-06-22");
        Verification answered = asked.with(event(VerificationEvent.Type.INFO_PROVIDED, "2026-06-20T00:00:00Z"));
        assertThat(evaluate(new VerificationOverdue(), "2026-07-01T00:00:00Z", List.of(answered)))
                .isEmpty();
    }

    @Test
    void aRejectedPartnerStaysInViolationUntilANewVerificationSucceeds() {
        Verification rejected =
                requested("2026-05-01T00:00:00Z", event(VerificationEvent.Type.REJECTED, "2026-05-16T00:00:00Z"));
        assertThat(evaluate(new VerificationOverdue(), "2026-06-01T00:00:00Z", List.of(rejected)))
                .singleElement()
                .extracting(Violation::evidence)
                .asString()
                .contains("rejected 2026-05-16");
        Verification again = new Verification(
                "VER-2",
                ACME,
                Instant.parse("2026-05-20T00:00:00Z"),
                List.of(
                        event(VerificationEvent.Type.SUBMITTED, "2026-05-21T00:00:00Z"),
                        event(VerificationEvent.Type.VERIFIED, "2026-05-25T00:00:00Z")));
        assertThat(evaluate(new VerificationOverdue(), "2026-06-01T00:00:00Z", List.of(rejected, again)))
                .isEmpty();
    }

    @Test
    void verificationStepsFollowTheirOrder() {
        Verification v = requested("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> v.with(event(VerificationEvent.Type.VERIFIED, "2026-06-02T00:00:00Z")))
                .hasMessageContaining("after a submission");
        assertThatThrownBy(() -> v.with(event(VerificationEvent.Type.INFO_PROVIDED, "2026-06-02T00:00:00Z")))
                .hasMessageContaining("no request for more information is open");
        Verification decided = v.with(event(VerificationEvent.Type.REJECTED, "2026-06-02T00:00:00Z"));
        assertThatThrownBy(() -> decided.with(event(VerificationEvent.Type.SUBMITTED, "2026-06-03T00:00:00Z")))
                .hasMessageContaining("already decided");
    }

    static EntityChange change(String happened, @Nullable String reported) {
        return new EntityChange(
                "CHG-1",
                ACME,
                EntityChange.Kind.ACQUISITION,
                "Acquired by Globex",
                LocalDate.parse(happened),
                reported == null ? null : Instant.parse(reported));
    }

    @Test
    void changesToTheVerifiedEntityMustBeNotified() {
        // "notify the operator of changes to the verified entity (acquisition, change of control, change
        // of legal name)" -- within 30 days of the change (operator-set).
        EntityChange unreported = change("2026-06-01", null);
        assertThat(evaluate(new VerificationChangeUnreported(), "2026-07-01T23:59:59Z", List.of(), unreported))
                .isEmpty();
        List<Violation> found =
                evaluate(new VerificationChangeUnreported(), "2026-07-02T00:00:00Z", List.of(), unreported);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.evidence())
                    .isEqualTo("Acquisition on 2026-06-01 not notified; due 2026-07-01 (30 days): Acquired by Globex");
            assertThat(v.since()).isEqualTo(Instant.parse("2026-07-02T00:00:00Z"));
        });
        EntityChange reportedLate = change("2026-06-01", "2026-07-10T00:00:00Z");
        assertThat(evaluate(new VerificationChangeUnreported(), "2026-07-05T00:00:00Z", List.of(), reportedLate))
                .as("as it stood before the report")
                .hasSize(1);
        assertThat(evaluate(new VerificationChangeUnreported(), "2026-07-10T00:00:00Z", List.of(), reportedLate))
                .isEmpty();
    }
}

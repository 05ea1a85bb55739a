package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.cvss.Severity;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyVersionsTest {
    static final PolicyVersions BUILT_IN = PolicyVersions.builtIn();

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2022-12-06", "2023-10-08", "2026-04-15"})
    void everyBuiltInVersionPassesTheFullCheckIncludingTheSchema(String id) {
        assertThat(PolicyReader.read(PolicyVersions.resource(id), id).id()).isEqualTo(id);
    }

    @Test
    void theThreeBuiltInVersionsLoad() {
        assertThat(BUILT_IN.all())
                .extracting(PolicyVersion::id)
                .containsExactly("2022-12-06", "2023-10-08", "2026-04-15");
    }

    @ParameterizedTest(name = "{0}: {1} on {2} is {3} days")
    @CsvSource({
        // docs/policy section 1, every cell of every built-in table
        "2022-12-06, CRITICAL, CLOUD, 28",
        "2022-12-06, HIGH, CLOUD, 42",
        "2022-12-06, MEDIUM, CLOUD, 56",
        "2022-12-06, LOW, CLOUD, 175",
        "2022-12-06, CRITICAL, DATA_CENTER, 90",
        "2022-12-06, HIGH, DATA_CENTER, 90",
        "2022-12-06, MEDIUM, DATA_CENTER, 90",
        "2022-12-06, LOW, DATA_CENTER, 180",
        "2023-10-08, CRITICAL, CLOUD, 28",
        "2023-10-08, HIGH, CLOUD, 42",
        "2023-10-08, MEDIUM, CLOUD, 56",
        "2023-10-08, LOW, CLOUD, 175",
        "2023-10-08, CRITICAL, DATA_CENTER, 84",
        "2023-10-08, HIGH, DATA_CENTER, 84",
        "2023-10-08, MEDIUM, DATA_CENTER, 84",
        "2023-10-08, LOW, DATA_CENTER, 175",
        "2026-04-15, CRITICAL, CLOUD, 10",
        "2026-04-15, HIGH, CLOUD, 28",
        "2026-04-15, MEDIUM, CLOUD, 84",
        "2026-04-15, LOW, CLOUD, 175",
        "2026-04-15, CRITICAL, DATA_CENTER, 84",
        "2026-04-15, HIGH, DATA_CENTER, 84",
        "2026-04-15, MEDIUM, DATA_CENTER, 84",
        "2026-04-15, LOW, DATA_CENTER, 175",
    })
    void everyTimeframeOfEveryBuiltInTable(String version, Severity severity, Hosting hosting, int days) {
        assertThat(BUILT_IN.byId(version).orElseThrow().days(severity, hosting)).isEqualTo(days);
    }

    @ParameterizedTest(name = "{0} is under {1}")
    @CsvSource({
        "2023-10-07T23:59:59Z, 2022-12-06",
        "2023-10-08T00:00:00Z, 2023-10-08",
        "2026-04-14T23:59:59.999Z, 2023-10-08",
        "2026-04-15T00:00:00Z, 2026-04-15",
        "2030-01-01T00:00:00Z, 2026-04-15",
    })
    void theVersionInForceIsTheLatestEffectiveOnOrBefore(Instant at, String version) {
        assertThat(BUILT_IN.inForceAt(at).id()).isEqualTo(version);
    }

    @ParameterizedTest(name = "score {0} is {1}")
    @CsvSource({
        "10.0, CRITICAL",
        "9.0, CRITICAL",
        "8.9, HIGH",
        "7.0, HIGH",
        "6.9, MEDIUM",
        "4.0, MEDIUM",
        "3.9, LOW",
        "0.1, LOW"
    })
    void cvssBandsDecideSeverity(double score, Severity severity) {
        assertThat(BUILT_IN.inForceAt(Instant.parse("2026-05-01T00:00:00Z")).severityOf(score))
                .contains(severity);
    }

    @Test
    void aZeroScoreIsNoVulnerability() {
        assertThat(BUILT_IN.inForceAt(Instant.parse("2026-05-01T00:00:00Z")).severityOf(0.0))
                .isEmpty();
    }

    @Test
    void nothingIsInForceBeforeTheFirstVersion() {
        assertThatThrownBy(() -> BUILT_IN.inForceAt(Instant.parse("2020-01-01T00:00:00Z")))
                .hasMessageContaining("no policy version was in force");
    }

    @Test
    void operatorSetDefaultsAreMarkedAndPublishedNumbersAreNot() {
        PolicyVersion current = BUILT_IN.byId("2026-04-15").orElseThrow();
        assertThat(current.isOperatorSet("triage.clockStart")).isTrue();
        assertThat(current.isOperatorSet("enforcement.ladders.VULN-OVERDUE")).isTrue();
        assertThat(current.isOperatorSet("triage.windowDays")).isFalse();
        assertThat(current.isOperatorSet("remediationDays.CRITICAL.CLOUD")).isFalse();
    }

    @Test
    void aBrokenVersionIsRejectedWithEveryErrorLocated() {
        String broken = PolicyVersions.resource("2026-04-15")
                .replace("CRITICAL: { CLOUD: 10, DATA_CENTER: 84 }", "CRITICAL: { CLOUD: 0, DATA_CENTER: 84 }")
                .replace("HIGH: 7.0", "HIGH: 9.5")
                .replace("PAUSE_LISTING: 2", "PAUSE_LISTING: 1")
                .replace("  - bounty.dormantDays", "  - bounty.sleepDays")
                .replace("  windowDays: 14", "  windowDays: 14\n  colour: red");

        assertThatThrownBy(() -> PolicyReader.read(broken, "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/remediationDays/CRITICAL/CLOUD", "/triage/colour"));
        String inconsistent = PolicyVersions.resource("2026-04-15")
                .replace("HIGH: 7.0", "HIGH: 9.5")
                .replace("PAUSE_LISTING: 2", "PAUSE_LISTING: 1")
                .replace("  - bounty.dormantDays", "  - bounty.sleepDays");
        assertThatThrownBy(() -> PolicyReader.read(inconsistent, "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly(
                                        "/enforcement/approvals/PAUSE_LISTING", "/operatorSet/12", "/severity/HIGH"));
    }

    @Test
    void aScannerRulesVectorMustBeAVector() {
        String broken = PolicyVersions.resource("2026-04-15")
                .replace("pat-collection: \"CVSS:3.1/AV:N/AC:L", "pat-collection: \"CVSS:3.1/AV:Q/AC:L");
        assertThatThrownBy(() -> PolicyReader.read(broken, "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/scanner/findingCvss/pat-collection"));
    }

    @Test
    void aDraftSlotsInByItsEffectiveDate() {
        PolicyVersion draft = PolicyReader.read(
                PolicyVersions.resource("2026-04-15")
                        .replace("id: \"2026-04-15\"", "id: \"draft-2027\"")
                        .replace("effectiveFrom: 2026-04-15", "effectiveFrom: 2027-01-01")
                        .replace("CRITICAL: { CLOUD: 10,", "CRITICAL: { CLOUD: 7,"),
                "draft");
        PolicyVersions withDraft = BUILT_IN.with(draft);

        assertThat(withDraft.inForceAt(Instant.parse("2026-12-31T23:59:59Z")).id())
                .isEqualTo("2026-04-15");
        assertThat(withDraft.inForceAt(Instant.parse("2027-01-01T00:00:00Z")).days(Severity.CRITICAL, Hosting.CLOUD))
                .isEqualTo(7);
    }
}

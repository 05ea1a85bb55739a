package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.policy.PolicyParts.Signal;
import dev.warden.core.policy.PolicyReader;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.validation.InvalidInputException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new-app security review's signals, named by the policy: "Any new app submitted to the Marketplace
 * must be fully compliant. Apps that collect, transmit, or store Atlassian user account API tokens will
 * not be approved during the security questionnaire review" (section 6); client secrets "never hardcoded
 * … stored in an encrypted secret store or KMS" (section 3); "every partner needs at least one" security
 * contact (section 2); "a documented security incident response process" (section 7).
 */
class ReviewSignalsTest {
    static final PolicyVersion POLICY = PolicyVersions.builtIn().inForceAt(Instant.parse("2026-11-01T00:00:00Z"));

    /** Answers that pass every question. */
    static Map<String, String> clean() {
        Map<String, String> a = new HashMap<>();
        a.put("user-api-tokens", "NO");
        a.put("oauth-secret-storage", "KMS");
        a.put("stores-data", "YES");
        a.put("data-residency", "EU");
        a.put("egress-domains", "api.vendor.example");
        a.put("security-contact", "YES");
        a.put("incident-response-process", "YES");
        a.put("bug-bounty", "YES");
        return a;
    }

    @Test
    void aCleanQuestionnairePasses() {
        List<ReviewSignals.Found> found = ReviewSignals.ofAnswers(POLICY, clean());
        assertThat(found).hasSize(8).allSatisfy(f -> assertThat(f.signal()).isEqualTo(Signal.PASS));
        assertThat(ReviewSignals.worst(found)).isEqualTo(Signal.PASS);
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            user-api-tokens           | YES            | FAIL    | Apps that collect, transmit, or store Atlassian user account API tokens will not be approved
            oauth-secret-storage      | NONE           | PASS    | answered NONE
            oauth-secret-storage      | FORGE_SECRET_STORE | PASS | answered FORGE_SECRET_STORE
            oauth-secret-storage      | ENVIRONMENT    | WARNING | encrypted secret store or KMS
            oauth-secret-storage      | CONFIG_FILE    | FAIL    | never hardcoded in source, configuration
            oauth-secret-storage      | SOURCE_CODE    | FAIL    | never hardcoded in source, configuration
            security-contact          | NO             | FAIL    | Every partner needs at least one security contact
            incident-response-process | NO             | FAIL    | documented security incident response process
            bug-bounty                | NO             | WARNING | prerequisite for Cloud Fortified
            bug-bounty                | MAYBE          | FAIL    | is not an answer to: Will the app be covered
            user-api-tokens           | ''             | FAIL    | not answered: Does the app collect, transmit or store
            """)
    void eachAnswerSignalsWhatThePolicySays(String question, String answer, Signal signal, String why) {
        Map<String, String> answers = clean();
        answers.put(question, answer);
        List<ReviewSignals.Found> found = ReviewSignals.ofAnswers(POLICY, answers);
        assertThat(found)
                .filteredOn(f -> f.source().equals("answer " + question))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.signal()).isEqualTo(signal);
                    assertThat(f.why()).contains(why);
                });
        assertThat(ReviewSignals.worst(found)).isEqualTo(signal);
    }

    @ParameterizedTest(name = "scan {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pat-collection         | FAIL    | will not be approved during the security questionnaire review: the artifact has code that asks users for an API token
            atlassian-api-token    | FAIL    | the artifact holds a user API token
            oauth-client-secret    | FAIL    | never hardcoded in source, configuration or any artifact a user can inspect
            vulnerable-dependency  | FAIL    | known Critical or High vulnerability
            oauth-scope-unused     | WARNING | Least privilege
            """)
    void eachScanFindingSignalsWhatThePolicySays(String rule, Signal signal, String why) {
        assertThat(ReviewSignals.ofScan(List.of(rule))).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("scan " + rule);
            assertThat(f.signal()).isEqualTo(signal);
            assertThat(f.why()).contains(why);
        });
    }

    @Test
    void scanSignalsComeOnePerRuleFailuresFirstAndUnknownRulesRaiseNone() {
        List<ReviewSignals.Found> found = ReviewSignals.ofScan(
                List.of("oauth-scope-unused", "pat-collection", "pat-collection", "some-gitleaks-rule"));
        assertThat(found)
                .extracting(ReviewSignals.Found::source)
                .containsExactly("scan pat-collection", "scan oauth-scope-unused");
        assertThat(ReviewSignals.worst(found)).isEqualTo(Signal.FAIL);
        assertThat(ReviewSignals.worst(List.of())).isEqualTo(Signal.PASS);
    }

    @Test
    void theQuestionnaireIsCheckedWhenAVersionIsRead() {
        String base = PolicyVersions.resource("2026-04-15");
        String broken = base.replace(
                        "      \"NO\": { signal: WARNING, why: \"Depending on tier",
                        "      \"NO\": { signal: WARNING }\n      \"X\": { signal: PASS, why: \"Depending on tier")
                .replace("id: \"2026-04-15\"", "id: \"broken\"");
        assertThatThrownBy(() -> PolicyReader.read(broken, "test"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .extracting(x -> x.pointer() + ": " + x.message())
                        .contains(
                                "/questionnaire/7/answers: a YES_NO question gives the signal of YES and of NO",
                                "/questionnaire/7/answers/NO/why: a WARNING says why: the partner reads it"));
    }
}

package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleCategoryTest {

    @Test
    void everyRuleBelongsToANamedAreaOfThePolicy() {
        for (Rule rule : Rules.ALL) {
            assertThat(rule.category()).as(rule.id()).isNotEqualTo(RuleCategory.OTHER);
        }
    }

    @Test
    void aRuleIsFiledUnderTheAreaItsIdNames() {
        assertThat(RuleCategory.of("VULN-OVERDUE").words()).isEqualTo("Fixing security vulnerabilities on time");
        assertThat(RuleCategory.of("oauth-secret-exposed")).isEqualTo(RuleCategory.APP_CREDENTIALS);
        assertThat(RuleCategory.of("INCIDENT-LATE-REPORT")).isEqualTo(RuleCategory.INCIDENT_RESPONSE);
        assertThat(RuleCategory.of("PAT-COLLECTION")).isEqualTo(RuleCategory.API_TOKENS);
    }

    @Test
    void anIdNoAreaClaimsIsThePolicyAsAWhole() {
        assertThat(RuleCategory.of("NEW-RULE-OF-2027")).isEqualTo(RuleCategory.OTHER);
        assertThat(RuleCategory.of("")).isEqualTo(RuleCategory.OTHER);
    }
}

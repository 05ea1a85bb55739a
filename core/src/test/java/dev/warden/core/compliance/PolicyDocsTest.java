package dev.warden.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project documents every rule it applies, and only those, in docs/policy/rules.md. */
class PolicyDocsTest {
    // A table row: | `ID` | when | section | [Class](path) |
    private static final Pattern APPLIED =
            Pattern.compile("^\\| `([A-Z-]+)` \\| .+ \\| \\d \\| \\[(\\w+)\\]\\(([^)]+)\\) \\|$", Pattern.MULTILINE);

    private static final Path RULES = Path.of("..", "docs", "policy", "rules.md");

    @Test
    void everyRuleIsDocumentedWithItsClassAndEveryDocumentedRuleExists() throws IOException {
        String doc = Files.readString(RULES);
        String applied = doc;
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = APPLIED.matcher(applied);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
            assertThat(RULES.getParent().resolve(m.group(3)).normalize())
                    .as("the class file linked for %s", m.group(1))
                    .exists();
        }
        Map<String, String> registry = Rules.ALL.stream()
                .collect(
                        Collectors.toMap(Rule::id, r -> r.getClass().getSimpleName(), (a, b) -> a, LinkedHashMap::new));

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(registry);
    }

    @Test
    void everyRuleWithALadderInABuiltInPolicyIsApplied() throws IOException {
        java.util.Set<String> laddered = new java.util.TreeSet<>();
        dev.warden.core.policy.PolicyVersions.builtIn()
                .all()
                .forEach(v -> laddered.addAll(v.enforcement().ladders().keySet()));
        assertThat(laddered).isNotEmpty();
        assertThat(Rules.ALL).extracting(Rule::id).containsAll(laddered);
        assertThat(Files.readString(RULES))
                .as("no id is left reserved once every id of the policy is applied")
                .doesNotContain("## Ids reserved");
    }
}

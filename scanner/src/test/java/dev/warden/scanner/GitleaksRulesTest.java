package dev.warden.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.scanner.rules.GitleaksRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom rules in gitleaks' format: what each field does, and clear errors for bad ones. */
class GitleaksRulesTest {
    static List<String> found(String toml, String fileName, String text) {
        Scanner scanner = new Scanner(GitleaksRules.read(toml), ScanLimits.DEFAULTS, 1);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scanner.scanBytes(ArtifactPath.of(fileName), bytes, bytes.length).stream()
                .map(f -> f.rule() + ":" + f.line() + ":" + f.column() + ":" + f.preview())
                .toList();
    }

    @Test
    void theSecretGroupIsWhatIsReportedAndMasked() {
        String toml = """
                [[rules]]
                id = "acme-key"
                regex = '''acme_key\\s*=\\s*"([a-z0-9]{20})"'''
                secretGroup = 1
                keywords = ["acme_key"]
                """;
        assertThat(found(toml, "a.py", "acme_key = \"q8w7e6r5t4y3u2i1o0p9\""))
                .containsExactly("acme-key:1:13:q8w…(20 chars)");
    }

    @Test
    void entropyPathAndAllowListsFilter() {
        String toml = """
                [allowlist]
                paths = ['''(^|/)test/''']

                [[rules]]
                id = "token"
                regex = '''tok_[A-Za-z0-9]{16}'''
                entropy = 3.0
                path = '''\\.(js|ts)$'''
                [[rules.allowlists]]
                stopwords = ["example"]
                regexes = ['''tok_0{16}''']
                """;
        assertThat(found(toml, "src/a.js", "t = 'tok_Q8w7E6r5T4y3U2i1'")).hasSize(1);
        assertThat(found(toml, "src/a.py", "t = 'tok_Q8w7E6r5T4y3U2i1'"))
                .as("path")
                .isEmpty();
        assertThat(found(toml, "src/test/a.js", "t = 'tok_Q8w7E6r5T4y3U2i1'"))
                .as("global allowlist")
                .isEmpty();
        assertThat(found(toml, "src/a.js", "t = 'tok_aaaaaaaaaaaaaaaa'"))
                .as("entropy")
                .isEmpty();
        assertThat(found(toml, "src/a.js", "t = 'tok_0000000000000000'"))
                .as("allowlist regex")
                .isEmpty();
        assertThat(found(toml, "src/a.js", "t = 'tok_example1example2'"))
                .as("stopword")
                .isEmpty();
    }

    @Test
    void aRuleWithoutKeywordsReadsEveryFileAndPathOnlyRulesAreSkipped() {
        String toml = """
                [[rules]]
                id = "files-only"
                path = '''\\.pem$'''

                [[rules]]
                id = "anything"
                regex = '''zz[0-9]{6}zz'''
                """;
        assertThat(found(toml, "a.txt", "x\ny zz123456zz")).containsExactly("anything:2:3:zz…(10 chars)");
    }

    @Test
    void badRulesAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> GitleaksRules.read("[[rules]]\nid = 'x'\nregex = '''(open'''\n"))
                .hasMessageStartingWith("rule x regex:");
        assertThatThrownBy(() -> GitleaksRules.read("[[rules]]\nregex = 'a'\n"))
                .hasMessageContaining("rule 1: id is required");
        assertThatThrownBy(() -> GitleaksRules.read("title = 'nothing'\n")).hasMessage("no [[rules]] with a regex");
        assertThatThrownBy(() -> GitleaksRules.read("[[rules\n")).hasMessageStartingWith("not valid TOML");
    }
}

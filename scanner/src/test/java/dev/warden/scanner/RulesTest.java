package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.adminKey;
import static dev.warden.scanner.Fixtures.apiToken;
import static dev.warden.scanner.Fixtures.dcToken;
import static dev.warden.scanner.Fixtures.privateKey;
import static dev.warden.scanner.Fixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in rule, on what it must find and on the look-alikes it must leave alone. */
class RulesTest {
    static final Scanner SCANNER = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1);

    static List<Finding> scan(String fileName, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SCANNER.scanBytes(ArtifactPath.of(fileName), bytes, bytes.length);
    }

    static List<String> rules(String fileName, String text) {
        return scan(fileName, text).stream().map(Finding::rule).toList();
    }

    @Test
    void userApiTokensAreFoundInCodeConfigAndBundles() {
        String token = apiToken(1);
        assertThat(rules("index.js", "const t = \"" + token + "\";")).containsExactly("atlassian-api-token");
        assertThat(rules("app.properties", "jira.token=" + token)).containsExactly("atlassian-api-token");
        assertThat(rules("bundle.min.js", "a.b(\"x\"),e={t:\"" + token + "\"},f()"))
                .containsExactly("atlassian-api-token");
        Finding f = scan("index.js", "\n  x = '" + token + "'").get(0);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isEqualTo(8);
    }

    @Test
    void tokenLookAlikesAreNot() {
        assertThat(rules("docs.md", "Tokens look like ATATT3xFfGF0... (about 190 characters)"))
                .isEmpty();
        assertThat(rules("a.js", "var ATATT3_PREFIX = 'ATATT3';")).isEmpty();
        // Part of a longer identifier, or too short to be one.
        assertThat(rules("a.js", "x = \"XATATT3" + apiToken(2).substring(6) + "\""))
                .isEmpty();
        assertThat(rules("a.js", "x = \"" + apiToken(3).substring(0, 60) + "\""))
                .isEmpty();
        assertThat(rules("a.js", "x = \"ATATT3" + "x".repeat(186) + "\""))
                .as("a placeholder")
                .isEmpty();
    }

    @Test
    void organizationAdminKeysAreFound() {
        assertThat(rules("deploy.sh", "curl -H \"Authorization: Bearer " + adminKey(4) + "\""))
                .containsExactly("atlassian-admin-key");
    }

    @Test
    void dataCenterTokensAreFoundOnlyWhenTheyDecodeToAnIdAndRandomBytes() {
        String token = dcToken(5);
        assertThat(rules("client.py", "headers = {'Authorization': 'Bearer " + token + "'}"))
                .containsExactly("dc-personal-access-token");
        assertThat(rules("settings.json", "{\"token\": \"" + token + "\"}"))
                .containsExactly("dc-personal-access-token");
        // 44 base64 characters that decode to something else, next to the same words.
        String notAToken = java.util.Base64.getEncoder()
                .encodeToString("just thirty-three bytes of text!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(notAToken).hasSize(44);
        assertThat(rules("client.py", "headers = {'Authorization': 'Bearer " + notAToken + "'}"))
                .isEmpty();
        // A token without a word that says so (an integrity hash of the same shape, say) is not reported.
        assertThat(rules("data.txt", "value " + token)).isEmpty();
    }

    @Test
    void clientSecretsAssignedLiteralsAreFound() {
        String s = secret(6);
        assertThat(rules("Auth.java", "private static final String CLIENT_SECRET = \"" + s + "\";"))
                .containsExactly("oauth-client-secret");
        assertThat(rules("Auth.java", "String clientSecret = \"" + s + "\";")).containsExactly("oauth-client-secret");
        assertThat(rules("auth.js", "const config = { client_secret: '" + s + "' };"))
                .containsExactly("oauth-client-secret");
        assertThat(rules("atlassian-connect.json", "{\"clientSecret\": \"" + s + "\"}"))
                .containsExactly("oauth-client-secret");
        assertThat(rules("application.properties", "oauth.client-secret=" + s)).containsExactly("oauth-client-secret");
        assertThat(rules("application.yml", "oauth:\n  client-secret: " + s + "\n"))
                .containsExactly("oauth-client-secret");
        assertThat(rules(".env", "CLIENT_SECRET=" + s)).containsExactly("oauth-client-secret");
        assertThat(rules("atlassian-plugin.xml", "<clientSecret>" + s + "</clientSecret>"))
                .containsExactly("oauth-client-secret");
    }

    @Test
    void clientSecretsReadFromElsewhereOrStandInsAreNot() {
        assertThat(rules("auth.js", "const clientSecret = process.env.CLIENT_SECRET;"))
                .isEmpty();
        assertThat(rules("Auth.java", "String clientSecret = System.getenv(\"CLIENT_SECRET\");"))
                .isEmpty();
        assertThat(rules("application.yml", "client-secret: ${OAUTH_CLIENT_SECRET}"))
                .isEmpty();
        assertThat(rules("application.properties", "client.secret=${vault:secret/oauth#client}"))
                .isEmpty();
        assertThat(rules("README.md", "clientSecret: \"your-client-secret-here\""))
                .isEmpty();
        assertThat(rules("auth.js", "clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxx'")).isEmpty();
        assertThat(rules("auth.js", "clientSecret: \"<CLIENT_SECRET_FROM_DEVELOPER_CONSOLE>\""))
                .isEmpty();
        // Minified code assigns variables, not literals; an unquoted value in code is not a secret.
        assertThat(rules("vendor.min.js", "n={clientId:e.clientId,clientSecret:e.clientSecretValue1234,r:t}"))
                .isEmpty();
        // A UUID is an identifier. (Hex is not a stand-in: many providers issue hex secrets.)
        assertThat(rules("a.js", "clientSecret = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\""))
                .isEmpty();
        // Lock-file integrity strings.
        assertThat(rules(
                        "package-lock.json",
                        "\"secret-handshake\": {\"integrity\": \"sha512-" + secret(7) + secret(8) + "==\"}"))
                .isEmpty();
        // A word, not a secret.
        assertThat(rules("a.js", "clientSecret = \"CLIENT_SECRET_VALUE_GOES\"")).isEmpty();
    }

    @Test
    void privateKeysWithABodyAreFoundAndDocumentationIsNot() {
        List<Finding> found = scan("id_rsa", privateKey(9));
        assertThat(found).extracting(Finding::rule).containsExactly("private-key");
        assertThat(found.get(0).message()).startsWith("A private key (RSA)");
        assertThat(rules("Keys.java", "String k = \"" + privateKey(10).replace("\n", "\\n") + "\";"))
                .containsExactly("private-key");
        assertThat(rules("README.md", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"))
                .isEmpty();
        assertThat(rules("README.md", "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----"))
                .isEmpty();
        assertThat(rules(
                        "cert.pem",
                        "-----BEGIN PUBLIC KEY-----\n"
                                + privateKey(11).lines().skip(1).findFirst().orElseThrow()
                                + "\n-----END PUBLIC KEY-----"))
                .isEmpty();
    }

    @Test
    void codeThatCollectsApiTokensIsFound() {
        assertThat(rules("settings.jsx", "<TextField label=\"Your Atlassian API token\" name=\"token\" />"))
                .containsExactly("pat-collection");
        assertThat(rules("client.js", "headers.Authorization = 'Basic ' + btoa(`${email}:${apiToken}`);"))
                .containsExactly("pat-collection");
        assertThat(rules("client.ts", "const auth = Buffer.from(userEmail + ':' + token).toString('base64');"))
                .containsExactly("pat-collection");
        assertThat(rules(
                        "help.html",
                        "<a href=\"https://id.atlassian.com/manage-profile/security/api-tokens\">Create a token</a>"))
                .containsExactly("pat-collection");
    }

    @Test
    void codeThatMerelyEncodesOrMentionsTokensIsNot() {
        assertThat(rules("util.js", "const data = btoa(JSON.stringify(state));"))
                .isEmpty();
        assertThat(rules("oauth.js", "const auth = Buffer.from(clientId + ':' + clientSecretRef).toString('base64');"))
                .isEmpty();
        assertThat(rules("lexer.js", "function nextToken() { return tokens[i++]; }"))
                .isEmpty();
    }

    @Test
    void aCommentSuppressesItsLine() {
        String token = apiToken(12);
        assertThat(rules("a.js", "const t = \"" + token + "\"; // warden:ignore (test fixture)"))
                .isEmpty();
        assertThat(rules("a.py", "t = '" + token + "'  # gitleaks:allow")).isEmpty();
        assertThat(rules("a.js", "// warden:ignore\nconst t = \"" + token + "\";"))
                .hasSize(1);
    }

    @Test
    void findingsNeverHoldTheSecretAndTheirFingerprintIsStable() {
        String token = apiToken(13);
        Finding f = scan("a.js", "t = \"" + token + "\"").get(0);
        assertThat(f.preview()).isEqualTo("ATATT3…(192 chars)");
        assertThat(f.toString()).doesNotContain(token.substring(6, 30));
        assertThat(f.secretHash()).isEqualTo(Secrets.sha256(token));
        // The same secret in the same file, moved down by a line: the same fingerprint.
        assertThat(scan("a.js", "\n\nt = \"" + token + "\"").get(0).fingerprint())
                .isEqualTo(f.fingerprint());
        assertThat(scan("b.js", "t = \"" + token + "\"").get(0).fingerprint()).isNotEqualTo(f.fingerprint());
    }
}

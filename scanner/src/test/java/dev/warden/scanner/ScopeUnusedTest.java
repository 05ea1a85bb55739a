package dev.warden.scanner;

import static dev.warden.scanner.Fixtures.utf8;
import static dev.warden.scanner.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oauth-scope-unused}: declared scopes against what the code next to the descriptor does. */
class ScopeUnusedTest {
    @TempDir
    Path dir;

    List<String> unused(String name, Map<String, byte[]> app) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, zip(app));
        return new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1)
                .scan(file, Scanner.Progress.NONE).findings().stream()
                        .filter(f -> f.rule().equals("oauth-scope-unused"))
                        .map(f -> f.preview() + "@" + f.path() + ":" + f.line())
                        .toList();
    }

    @Test
    void aForgeScopeNoCodeNeedsIsReportedAtItsLine() throws IOException {
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put("manifest.yml", utf8("""
                app:
                  id: ari:cloud:ecosystem::app/1
                modules: {}
                permissions:
                  scopes:
                    - read:jira-work
                    - write:jira-work
                    - storage:app
                    - read:some-future-scope
                """));
        app.put("src/index.js", utf8("""
                import api, { route } from '@forge/api';
                export async function run(key) {
                  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
                  return res.json();
                }
                """));
        assertThat(unused("forge.zip", app))
                .as("reading is used; writing and storage are not; an unknown scope is never judged")
                .containsExactly("write:jira-work@forge.zip!/manifest.yml:7", "storage:app@forge.zip!/manifest.yml:8");
    }

    @Test
    void connectScopesAreJudgedByTheMethodsUsedWithTheApi() throws IOException {
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put("atlassian-connect.json", utf8("""
                {"key": "com.acme.x", "baseUrl": "https://x.example.com", "scopes": ["READ", "WRITE", "DELETE"]}
                """));
        app.put("lib/client.js", utf8("""
                await httpClient.post({url: '/rest/api/2/issue', json: fields});
                const issue = await httpClient.get('/rest/api/2/issue/' + key);
                """));
        assertThat(unused("connect.zip", app)).containsExactly("DELETE@connect.zip!/atlassian-connect.json:1");
    }
}

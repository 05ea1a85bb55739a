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

    @Test
    void evidenceBelongsToTheNearestAppNotToTheWholeFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("apps"));
        Files.createDirectories(folder.resolve("admin-app/src"));
        Files.createDirectories(folder.resolve("other-app/src"));
        Files.writeString(folder.resolve("admin-app/manifest.yml"), """
                app:
                  id: ari:cloud:ecosystem::app/admin
                permissions:
                  scopes:
                    - read:jira-work
                    - manage:jira-configuration
                """);
        Files.writeString(folder.resolve("admin-app/src/index.js"), """
                const r = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
                """);
        Files.writeString(
                folder.resolve("other-app/manifest.yml"),
                "app:\n  id: ari:cloud:ecosystem::app/other\npermissions:\n  scopes:\n    - read:jira-work\n");
        Files.writeString(folder.resolve("other-app/src/fields.js"), """
                const fields = await api.asApp().requestJira(route`/rest/api/3/field`);
                """);
        List<String> found = new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 2)
                .scan(folder, Scanner.Progress.NONE).findings().stream()
                        .filter(f -> f.rule().equals("oauth-scope-unused"))
                        .map(f -> f.preview() + "@" + f.path())
                        .toList();
        assertThat(found)
                .as("the other app's call to /field does not cover this one")
                .containsExactly("manage:jira-configuration@admin-app/manifest.yml");
    }

    @Test
    void granularScopesAndLaterOperationsAreJudgedByTheOperationsCalled() throws IOException {
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put("manifest.yml", utf8("""
                app:
                  id: ari:cloud:ecosystem::app/granular
                permissions:
                  scopes:
                    - read:issue:jira
                    - write:issue:jira
                    - manage:jira-configuration
                """));
        app.put("src/index.js", utf8("""
                const issue = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
                const mods = await api.asApp().requestJira(route`/rest/api/3/uiModifications`, {
                  method: 'POST', body: JSON.stringify(mod) });
                """));
        assertThat(unused("granular.zip", app))
                .as("UI modifications need manage:jira-configuration (a later addition to the table)")
                .containsExactly("write:issue:jira@granular.zip!/manifest.yml:6");
    }

    @Test
    void aPostNearbyIsNotAWriteUnlessItIsTheSameCall() throws IOException {
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put(
                "manifest.yml",
                utf8(
                        "app:\n  id: ari:cloud:ecosystem::app/n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"));
        app.put("src/index.js", utf8("""
                await fetch('https://metrics.example.com/event', { method: 'POST', body: '{}' });
                const issue = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
                """));
        assertThat(unused("nearby.zip", app)).containsExactly("write:jira-work@nearby.zip!/manifest.yml:6");
    }

    @Test
    void anAppWhoseArchiveWasNotReadWholeIsNotJudgedAndAnUnknownCallJudgesNoJiraScope() throws IOException {
        Map<String, byte[]> partly = new LinkedHashMap<>();
        partly.put(
                "manifest.yml",
                utf8("app:\n  id: ari:cloud:ecosystem::app/p\npermissions:\n  scopes:\n    - write:jira-work\n"));
        partly.put("lib/broken.jar", new byte[] {'P', 'K', 3, 4, 1, 2});
        assertThat(unused("partly.zip", partly)).isEmpty();

        // The app's archive itself cut short: its manifest is read, the code after the damage is not.
        Map<String, byte[]> cut = new LinkedHashMap<>();
        cut.put(
                "manifest.yml",
                utf8("app:\n  id: ari:cloud:ecosystem::app/c\npermissions:\n  scopes:\n    - write:jira-work\n"));
        byte[] noise = new byte[8000];
        new java.util.Random(3).nextBytes(noise);
        cut.put("lib/vendor.bin", noise);
        cut.put("src/index.js", utf8("await api.asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST' });\n"));
        byte[] whole = zip(cut);
        Path truncated = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length - 400));
        assertThat(new Scanner(BuiltInRules.all(), ScanLimits.DEFAULTS, 1)
                        .scan(truncated, Scanner.Progress.NONE).findings().stream()
                                .filter(f -> f.rule().equals("oauth-scope-unused"))
                                .toList())
                .isEmpty();

        Map<String, byte[]> unknown = new LinkedHashMap<>();
        unknown.put(
                "manifest.yml",
                utf8("app:\n  id: ari:cloud:ecosystem::app/p\npermissions:\n  scopes:\n    - write:jira-work\n"));
        unknown.put("src/index.js", utf8("await api.asApp().requestJira(route`/rest/api/3/some-2026-resource`);\n"));
        assertThat(unused("unknown.zip", unknown)).isEmpty();
    }
}

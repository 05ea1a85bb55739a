package dev.warden.scanner.sca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.ArtifactPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory's readers, one format at a time, including what they must refuse. */
class InventoryTest {
    private static List<String> read(String path, String text) {
        Inventory inventory = new Inventory();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        inventory.file(ArtifactPath.parse(path), bytes, bytes.length);
        return inventory.components().stream()
                .map(c -> c.purl() + " " + c.source() + " " + c.location())
                .toList();
    }

    @Test
    void packageLockVersionOneIsReadToAnyDepthWithoutDevelopmentPackages() {
        assertThat(read("app/package-lock.json", """
                {"lockfileVersion": 1, "dependencies": {
                  "express": {"version": "4.17.1", "dependencies": {"qs": {"version": "6.7.0"}}},
                  "mocha": {"version": "9.0.0", "dev": true},
                  "local": {"version": "file:../local"}
                }}"""))
                .containsExactly(
                        "pkg:npm/express@4.17.1 PACKAGE_LOCK app/package-lock.json",
                        "pkg:npm/qs@6.7.0 PACKAGE_LOCK app/package-lock.json");
    }

    @Test
    void scopedPackagesAndAliasesInLockVersionThree() {
        assertThat(read("package-lock.json", """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "root"},
                  "node_modules/@babel/core": {"version": "7.20.0"},
                  "node_modules/old": {"name": "lodash", "version": "4.17.20"},
                  "packages/workspace": {"version": "1.0.0"},
                  "node_modules/workspace": {"resolved": "packages/workspace", "link": true}
                }}"""))
                .containsExactly(
                        "pkg:npm/%40babel/core@7.20.0 PACKAGE_LOCK package-lock.json",
                        "pkg:npm/lodash@4.17.20 PACKAGE_LOCK package-lock.json");
    }

    @Test
    void yarnBerryAndScopedHeaders() {
        assertThat(read("yarn.lock", """
                __metadata:
                  version: 6

                "@types/node@npm:^18.0.0":
                  version: 18.11.9
                  resolution: "@types/node@npm:18.11.9"

                "minimist@npm:^1.2.0, minimist@npm:^1.2.5":
                  version: 1.2.5
                """))
                .containsExactly(
                        "pkg:npm/%40types/node@18.11.9 YARN_LOCK yarn.lock",
                        "pkg:npm/minimist@1.2.5 YARN_LOCK yarn.lock");
    }

    @Test
    void aPomXmlTakesItsParentsGroupAndVersionAndUnresolvedPropertiesAreRefused() {
        assertThat(read("lib/a.jar!/META-INF/maven/org.example/child/pom.xml", """
                <?xml version="1.0"?>
                <project><parent><groupId>org.example</groupId><artifactId>parent</artifactId>
                <version>2.0</version></parent><artifactId>child</artifactId>
                <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>9</version>
                </dependency></dependencies></project>"""))
                .containsExactly("pkg:maven/org.example/child@2.0 POM_XML lib/a.jar");
        assertThat(read(
                        "lib/b.jar!/META-INF/maven/org.example/b/pom.xml",
                        "<project><groupId>org.example</groupId><artifactId>b</artifactId>"
                                + "<version>${revision}</version></project>"))
                .as("a jar with no usable metadata falls back to its name, which has no version here")
                .isEmpty();
    }

    @Test
    void anXmlEntityIsNeverExpanded() {
        assertThat(read("lib/c.jar!/META-INF/maven/g/c/pom.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <project><groupId>g</groupId><artifactId>c</artifactId><version>&x;</version></project>""")).isEmpty();
    }

    @Test
    void hostileNamesAndVersionsAreNotComponents() {
        assertThat(read("node_modules/evil/package.json", "{\"name\": \"../../etc\", \"version\": \"1.0.0\"}"))
                .isEmpty();
        assertThat(read("node_modules/x/package.json", "{\"name\": \"x\", \"version\": \"git+https://h/x.git\"}"))
                .isEmpty();
        assertThat(read("node_modules/x/package.json", "not json")).isEmpty();
        assertThat(read("a.jar!/META-INF/maven/g/a/pom.properties", "groupId=g h\nartifactId=a\nversion=1\n"))
                .isEmpty();
    }

    @Test
    void aPackageJsonOutsideNodeModulesOrDeeperInAPackageIsNotAComponent() {
        assertThat(read("package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}"))
                .isEmpty();
        assertThat(read("node_modules/lodash/fp/package.json", "{\"name\": \"fp\", \"version\": \"1.0.0\"}"))
                .isEmpty();
        assertThat(read("node_modules/@scope/pkg/package.json", "{\"name\": \"@scope/pkg\", \"version\": \"2.0.0\"}"))
                .containsExactly("pkg:npm/%40scope/pkg@2.0.0 PACKAGE_JSON node_modules/@scope/pkg");
    }
}

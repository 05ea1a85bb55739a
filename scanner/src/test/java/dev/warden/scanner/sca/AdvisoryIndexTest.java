package dev.warden.scanner.sca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scanner.ArtifactPath;
import dev.warden.scanner.Severity;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching against the real advisories, including the edge cases the real data holds. */
class AdvisoryIndexTest {
    private static List<String> ids(Ecosystem e, String name, String version) throws IOException {
        Component c = new Component(e, name, version, ArtifactPath.of("x"), Component.Source.POM_PROPERTIES);
        return TestAdvisories.index().match(c).stream()
                .map(m -> m.advisory().id())
                .toList();
    }

    @Test
    void theKnownVulnerableVersionsMatchAndTheirFixesDoNot() throws IOException {
        assertThat(ids(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1"))
                .containsExactly("GHSA-7rjr-3q55-vv33", "GHSA-jfh8-c2jp-5v3q", "GHSA-p6xc-xr62-6r2g");
        assertThat(ids(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.15.0"))
                .containsExactly("GHSA-7rjr-3q55-vv33", "GHSA-p6xc-xr62-6r2g");
        assertThat(ids(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.17.1"))
                .isEmpty();
        assertThat(ids(Ecosystem.MAVEN, "org.apache.commons:commons-text", "1.9"))
                .containsExactly("GHSA-599f-7c49-w659");
        assertThat(ids(Ecosystem.MAVEN, "org.apache.commons:commons-text", "1.10.0"))
                .isEmpty();
        assertThat(ids(Ecosystem.NPM, "minimist", "1.2.5")).contains("GHSA-xvch-5gv4-984h");
        assertThat(ids(Ecosystem.NPM, "minimist", "1.2.6")).doesNotContain("GHSA-xvch-5gv4-984h");
    }

    @Test
    void mavenQualifiersOrderAsMavenOrdersThem() throws IOException {
        // 4.1.68.Final lies before the fix 4.1.71.Final; .Final is the release itself.
        assertThat(ids(Ecosystem.MAVEN, "io.netty:netty-codec-http", "4.1.68.Final"))
                .contains("GHSA-wx5j-54mm-rqqq");
        assertThat(ids(Ecosystem.MAVEN, "io.netty:netty-codec-http", "4.1.71.Final"))
                .doesNotContain("GHSA-wx5j-54mm-rqqq");
        assertThat(ids(Ecosystem.MAVEN, "org.springframework:spring-webmvc", "5.3.17"))
                .contains("GHSA-36p3-wjmg-h94x");
        assertThat(ids(Ecosystem.MAVEN, "org.springframework:spring-webmvc", "5.3.18"))
                .doesNotContain("GHSA-36p3-wjmg-h94x");
    }

    @Test
    void lastAffectedIncludesThatVersionAndGuavaFlavoursCompareAsTheirRelease() throws IOException {
        assertThat(ids(Ecosystem.MAVEN, "com.google.guava:guava", "29.0-jre"))
                .containsExactly("GHSA-5mg8-w23w-74h3", "GHSA-7g45-4rm6-3mm3");
        assertThat(ids(Ecosystem.MAVEN, "com.google.guava:guava", "30.0-android"))
                .containsExactly("GHSA-7g45-4rm6-3mm3");
        assertThat(ids(Ecosystem.MAVEN, "com.google.guava:guava", "32.0.0-jre")).isEmpty();
        assertThat(ids(Ecosystem.MAVEN, "com.google.guava:guava", "23.0"))
                .containsExactly("GHSA-5mg8-w23w-74h3", "GHSA-7g45-4rm6-3mm3", "GHSA-mvr2-9pj6-7w5j");
    }

    @Test
    void aGapBetweenRangesIsNotAffected() throws IOException {
        String connect = "com.atlassian.connect:atlassian-connect-spring-boot";
        assertThat(ids(Ecosystem.MAVEN, connect, "2.1.2")).containsExactly("GHSA-2x7v-w2mv-f3rx");
        assertThat(ids(Ecosystem.MAVEN, connect, "2.1.3")).isEmpty();
        assertThat(ids(Ecosystem.MAVEN, connect, "2.1.4")).containsExactly("GHSA-2x7v-w2mv-f3rx");
        assertThat(ids(Ecosystem.MAVEN, connect, "2.1.5")).isEmpty();
        assertThat(ids(Ecosystem.MAVEN, connect, "1.0.9"))
                .as("before the first introduced")
                .isEmpty();
    }

    @Test
    void withdrawnAdvisoriesMatchNothing() throws IOException {
        assertThat(ids(Ecosystem.MAVEN, "io.jsonwebtoken:jjwt-impl", "0.12.5")).isEmpty();
        assertThat(TestAdvisories.index().size()).isEqualTo(89);
    }

    @Test
    void npmNamesMatchWithoutCaseAndLooseVersionsAreCoerced() throws IOException {
        assertThat(ids(Ecosystem.NPM, "axios", "1.6.0")).contains("GHSA-8hc4-vh64-cxmj");
        assertThat(ids(Ecosystem.NPM, "axios", "1.7.4")).doesNotContain("GHSA-8hc4-vh64-cxmj");
        // node-fetch's range starts at "1.0", not semver: read as 1.0.0. The ranges overlap, read literally.
        assertThat(ids(Ecosystem.NPM, "node-fetch", "3.1.0")).containsExactly("GHSA-r683-j2x4-v87g");
        assertThat(ids(Ecosystem.NPM, "node-fetch", "3.1.1")).isEmpty();
        assertThat(ids(Ecosystem.NPM, "node-fetch", "3.0.0-beta.5"))
                .containsExactly("GHSA-r683-j2x4-v87g", "GHSA-w7rc-rwvf-8q5r");
    }

    @Test
    void aJarKnownByItsFileNameMatchesByArtifactId() throws IOException {
        Component byName = new Component(
                Ecosystem.MAVEN,
                "commons-collections",
                "3.2.1",
                ArtifactPath.of("lib/commons-collections-3.2.1.jar"),
                Component.Source.FILE_NAME);
        assertThat(TestAdvisories.index().match(byName))
                .extracting(m -> m.advisory().id())
                .contains("GHSA-fjq5-5j5f-mvxh");
    }

    @Test
    void theFixedVersionIsTheMatchedRangesFix() throws IOException {
        Component log4j = new Component(
                Ecosystem.MAVEN,
                "org.apache.logging.log4j:log4j-core",
                "2.14.1",
                ArtifactPath.of("x"),
                Component.Source.POM_PROPERTIES);
        AdvisoryIndex.Match logShell = TestAdvisories.index().match(log4j).stream()
                .filter(m -> m.advisory().id().equals("GHSA-jfh8-c2jp-5v3q"))
                .findFirst()
                .orElseThrow();
        assertThat(logShell.fixed()).isEqualTo("2.15.0");
        assertThat(logShell.advisory().aliases()).contains("CVE-2021-44228");
        assertThat(logShell.advisory().score()).isEqualTo(10.0);
        assertThat(logShell.advisory().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anAdvisoryWithoutAVectorTakesTheDatabasesWord() throws IOException {
        Advisory noVector = TestAdvisories.all().stream()
                .filter(a -> a.id().equals("GHSA-8hc4-vh64-cxmj"))
                .findFirst()
                .orElseThrow();
        assertThat(noVector.cvss()).isNull();
        assertThat(noVector.severity()).isEqualTo(Severity.HIGH);
    }
}

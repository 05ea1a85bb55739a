package dev.warden.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactPathTest {

    @Test
    void nestedArchivesAreWrittenWithOneSeparatorPerArchive() {
        ArtifactPath path = ArtifactPath.of("a.zip").enter("lib/b.jar").enter("x.properties");

        assertThat(path).hasToString("a.zip!/lib/b.jar!/x.properties");
        assertThat(path.depth()).isEqualTo(2);
        assertThat(ArtifactPath.parse(path.toString())).isEqualTo(path);
    }

    @Test
    void absoluteOrEmptySegmentsAreRefused() {
        assertThatThrownBy(() -> ArtifactPath.of("a.zip").enter("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArtifactPath.parse("a.zip!/")).isInstanceOf(IllegalArgumentException.class);
    }
}

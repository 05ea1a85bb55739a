package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @Test
    void sealsSoThatOnlyTheSameKeyOpens() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        SecretBox box = SecretBox.withKey(key);
        String a = box.seal("whsec_abc");
        assertThat(a).startsWith("v1:").doesNotContain("abc").isNotEqualTo(box.seal("whsec_abc"));
        assertThat(box.open(a)).isEqualTo("whsec_abc");
        key[0] = 8;
        assertThatThrownBy(() -> SecretBox.withKey(key).open(a)).hasMessageContaining("another key");
        String tampered = a.substring(0, a.length() - 4) + (a.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(tampered)).hasMessageContaining("changed");
    }

    @Test
    void makesItsKeyFileReadableByItsOwnerOnlyAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/secrets.key");
        String sealed = new SecretBox(null, file).seal("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new SecretBox("", file).open(sealed)).isEqualTo("s3cret");
    }
}

package dev.warden.server.bugcrowd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The {@code X-Bugcrowd-Digest} check: the HMAC-SHA256 of the raw body under the webhook's secret, in
 * hex or Base64, with or without {@code sha256=}, and with a timestamp when the header carries one;
 * anything else, or any other body or secret, is refused with a reason.
 */
class BugcrowdDigestTest {
    private static final String SECRET = "whsec-bugcrowd-test";
    private static final byte[] BODY =
            "{\"data\":{\"id\":\"e1\",\"type\":\"event\",\"attributes\":{\"key\":\"submission.created\"}}}"
                    .getBytes(StandardCharsets.UTF_8);

    private static String hex(byte[] text) {
        return HexFormat.of().formatHex(BugcrowdDigest.hmac(SECRET, text));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theMacIsHmacSha256AsRfc4231Gives() {
        // RFC 4231, test case 2.
        assertThat(HexFormat.of().formatHex(BugcrowdDigest.hmac("Jefe", bytes("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theBodysDigestUnderTheSecretIsAdmittedInEachSpelling() {
        String hex = hex(BODY);
        byte[] mac = BugcrowdDigest.hmac(SECRET, BODY);
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, hex)).isEmpty();
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, "sha256=" + hex)).isEmpty();
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, "SHA256=" + hex.toUpperCase(java.util.Locale.ROOT)))
                .isEmpty();
        assertThat(BugcrowdDigest.refusal(
                        SECRET, BODY, "sha256=" + Base64.getEncoder().encodeToString(mac)))
                .isEmpty();
        assertThat(BugcrowdDigest.refusal(
                        SECRET, BODY, Base64.getUrlEncoder().withoutPadding().encodeToString(mac)))
                .isEmpty();
    }

    @Test
    void aTimestampInTheHeaderMaySignWithTheBody() {
        assertThat(BugcrowdDigest.refusal(
                        SECRET,
                        BODY,
                        "timestamp=1764748800,sha256="
                                + hex(bytes("1764748800." + new String(BODY, StandardCharsets.UTF_8)))))
                .isEmpty();
        assertThat(BugcrowdDigest.refusal(
                        SECRET,
                        BODY,
                        "sha256=" + hex(bytes(new String(BODY, StandardCharsets.UTF_8) + ".1764748800"))
                                + "; t=1764748800"))
                .isEmpty();
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, "timestamp=1764748800,sha256=" + hex(BODY)))
                .as("the body alone still signs")
                .isEmpty();
        assertThat(BugcrowdDigest.refusal(
                        SECRET,
                        BODY,
                        "timestamp=1764748801,sha256="
                                + hex(bytes("1764748800." + new String(BODY, StandardCharsets.UTF_8)))))
                .as("another timestamp than the one signed")
                .hasValueSatisfying(r -> assertThat(r).contains("not the body's"));
    }

    @Test
    void anythingElseIsRefusedWithTheReason() throws Exception {
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, null)).hasValue("the delivery has no X-Bugcrowd-Digest header");
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, " ")).hasValue("the delivery has no X-Bugcrowd-Digest header");
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, "sha256=not-a-digest"))
                .hasValueSatisfying(r -> assertThat(r).contains("carries no SHA-256 digest"));
        assertThat(BugcrowdDigest.refusal(SECRET, BODY, "x".repeat(1001)))
                .hasValueSatisfying(r -> assertThat(r).contains("longer than 1000"));
        byte[] other = bytes(new String(BODY, StandardCharsets.UTF_8).replace("created", "updated"));
        assertThat(BugcrowdDigest.refusal(SECRET, other, "sha256=" + hex(BODY)))
                .as("another body")
                .hasValue("the X-Bugcrowd-Digest digest is not the body's under the webhook secret");
        assertThat(BugcrowdDigest.refusal("another-secret", BODY, "sha256=" + hex(BODY)))
                .as("another secret")
                .isPresent();
        assertThat(BugcrowdDigest.refusal(
                        SECRET,
                        BODY,
                        "sha256="
                                + HexFormat.of()
                                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                                .digest(BODY))))
                .as("a plain SHA-256 of the body, which anyone can make")
                .isPresent();
    }
}

package dev.warden.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void signsTheStandardWebhooksSpecificationsExample() {
        // The example in the Standard Webhooks specification (spec/standard-webhooks.md, "Signature scheme").
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(WebhookSignature.sign(
                        List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithBothSecrets() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        String both = WebhookSignature.sign(List.of(a, b), "msg_1", 1L, "{}");
        assertThat(both.split(" "))
                .containsExactly(
                        WebhookSignature.sign(List.of(a), "msg_1", 1L, "{}"),
                        WebhookSignature.sign(List.of(b), "msg_1", 1L, "{}"));
    }
}

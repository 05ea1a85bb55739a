package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Sign-in and token requests from one address are limited per minute, before any password is checked. */
@ExtendWith(DatabaseRequirement.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "warden.security.attempts-per-minute=3")
@ContextConfiguration(initializers = TestDatabase.class)
class SignInThrottleIT {
    @LocalServerPort
    int port;

    @Test
    void theFourthAttemptInAMinuteIsRefusedWithRetryAfter() {
        Http http = new Http(port);
        int[] statuses = new int[4];
        Http.Response last = null;
        for (int i = 0; i < 4; i++) {
            last = http.form(
                    "/oauth2/token",
                    Map.of("grant_type", "client_credentials", "client_id", "wc_x", "client_secret", "y"));
            statuses[i] = last.status();
        }

        assertThat(statuses).containsExactly(401, 401, 401, 429);
        assertThat(last.header("Retry-After")).matches("[0-9]+");
        assertThat(last.json().get("type").asString()).isEqualTo("https://warden.dev/problems/too-many-requests");
    }
}

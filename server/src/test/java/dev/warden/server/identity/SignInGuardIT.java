package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.audit.AuditEntry;
import dev.warden.server.audit.AuditQuery;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed sign-ins make the address they come from wait, progressively, and never lock the owner out:
 * other addresses are not affected, attempts during a wait are turned away unchecked and do not make
 * it longer, and the owner is told. Addresses are told apart through {@code X-Forwarded-For}, which this
 * Warden trusts from loopback (its configured proxy).
 */
@ExtendWith(DatabaseRequirement.class)
class SignInGuardIT {
    static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T09:00:00Z"));
    static FreshWarden warden;

    @BeforeAll
    static void start() {
        warden = FreshWarden.start(
                Map.of(
                        "warden.jobs.enabled", "false",
                        "warden.security.trusted-proxies", "127.0.0.1/32,::1",
                        "warden.security.max-failures", "3",
                        "warden.security.account-failures", "8",
                        "warden.security.first-delay", "30s",
                        "warden.security.max-delay", "5m"),
                CLOCK);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    static String person() {
        String name = "guarded-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SignIns.createUser(warden.bean(Users.class), name, null, Role.AUDITOR);
        return name;
    }

    /** Where the sign-in form sends the browser after this attempt from {@code from}. */
    static String attempt(String username, String password, String from) {
        return signIn(username, password, from).location();
    }

    record Attempt(Http browser, String location) {}

    static Attempt signIn(String username, String password, String from) {
        Http browser = Http.browser(warden.port());
        Http.Response page = browser.get("/login");
        Http.Response result = browser.form(
                "/login",
                Map.of("username", username, "password", password, "_csrf", page.csrf()),
                "X-Forwarded-For",
                "198.51.100.77, " + from); // the left part is whatever the client claims; the proxy adds the right
        String location = result.header("Location");
        return new Attempt(browser, location == null ? "" : location);
    }

    static List<AuditEntry> trail(String action, String subject) {
        return warden.bean(AuditTrail.class)
                .list(new AuditQuery(null, action, null, subject, null), new Paging(0, 100))
                .items();
    }

    @Test
    void anAddressWaitsAfterRepeatedFailuresWhileTheOwnerSignsInFromElsewhere() {
        String name = person();
        String attacker = "203.0.113.5";
        for (int i = 0; i < 4; i++) {
            assertThat(attempt(name, "wrong " + i, attacker)).endsWith("/login?error");
        }
        // The fourth failure started a 30-second wait for that address: even the right password is turned
        // away before it is checked, and trying again does not lengthen the wait.
        for (int i = 0; i < 5; i++) {
            assertThat(attempt(name, SignIns.PASSWORD, attacker)).endsWith("/login?wait=30");
        }
        Attempt owner = signIn(name, SignIns.PASSWORD, "192.0.2.10");
        assertThat(owner.location()).doesNotContain("error").doesNotContain("wait");

        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(attempt(name, "wrong again", attacker)).endsWith("/login?error");
        // The fifth failure doubles the wait.
        assertThat(attempt(name, SignIns.PASSWORD, attacker)).endsWith("/login?wait=60");
        assertThat(owner.browser().get("/api/v1/me").status())
                .as("the owner's session carries on")
                .isEqualTo(200);

        assertThat(trail("SIGN_IN_FAILED", name)).hasSize(5);
        List<AuditEntry> delays = trail("SIGN_IN_DELAYED", name);
        assertThat(delays).hasSize(2);
        assertThat(delays.get(0).details()).contains("\"addresses\":\"" + attacker + "\"", "\"failures\":5");
        assertThat(trail("SIGN_IN_FAILED", name).get(0).details()).contains("\"source\":\"" + attacker + "\"");

        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(attempt(name, SignIns.PASSWORD, attacker))
                .as("after the wait the right password works from there too")
                .doesNotContain("error")
                .doesNotContain("wait");
    }

    @Test
    void guessingFromManyAddressesMakesUnknownAddressesWaitButNotTheOwnersKnownOne() {
        String name = person();
        String home = "192.0.2.20";
        assertThat(attempt(name, SignIns.PASSWORD, home)).doesNotContain("error");
        for (int i = 1; i <= 9; i++) {
            assertThat(attempt(name, "guess " + i, "203.0.113." + (100 + i))).endsWith("/login?error");
        }
        // The ninth failure (more than 8 for the account) made every address that never signed in wait.
        assertThat(attempt(name, SignIns.PASSWORD, "203.0.113.200")).endsWith("/login?wait=30");
        assertThat(attempt(name, SignIns.PASSWORD, home))
                .doesNotContain("error")
                .doesNotContain("wait");
        assertThat(trail("SIGN_IN_DELAYED", name).get(0).details()).contains("every address that never signed in");
    }

    @Test
    void theOwnerIsToldOfFailedAttemptsOnTheFirstPageAfterSigningIn() {
        String name = person();
        attempt(name, SignIns.PASSWORD, "192.0.2.30");
        attempt(name, "wrong 1", "203.0.113.31");
        attempt(name, "wrong 2", "203.0.113.32");

        Attempt owner = signIn(name, SignIns.PASSWORD, "192.0.2.30");
        String first = owner.browser().get("/").body();
        assertThat(first)
                .contains("2 attempts to sign in as you failed since your previous sign-in, the latest from"
                        + " 203.0.113.32 at 2026-");
        assertThat(owner.browser().get("/").body()).doesNotContain("failed since your previous sign-in");
        assertThat(trail("SIGN_IN", name).get(0).details()).contains("\"failedSinceLastSignIn\":2");
    }

    @Test
    void unknownUsernamesAreCountedAlikeSoTheAnswersTellNothing() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        for (int i = 0; i < 4; i++) {
            assertThat(attempt(nobody, "wrong " + i, "203.0.113.40")).endsWith("/login?error");
        }
        assertThat(attempt(nobody, "anything", "203.0.113.40")).endsWith("/login?wait=30");
    }

    @Test
    void aClientsWrongSecretsMakeThatAddressWaitWhileOthersGetTokens() {
        ApiClients.RegisteredClient c =
                TestClients.register(warden.bean(ApiClients.class), null, Permission.CATALOG_READ);
        String id = c.client().clientId();
        for (int i = 0; i < 4; i++) {
            assertThat(token(id, "wrong-" + i, "203.0.113.50").status()).isEqualTo(401);
        }
        Http.Response waiting = token(id, c.clientSecret(), "203.0.113.50");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.header("Retry-After")).isEqualTo("30");
        assertThat(waiting.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(token(id, c.clientSecret(), "192.0.2.51").status()).isEqualTo(200);
        assertThat(trail("CLIENT_AUTH_DELAYED", id)).hasSize(1);
    }

    static Http.Response token(String clientId, String secret, @Nullable String from) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
        return new Http(warden.port())
                .form(
                        "/oauth2/token",
                        Map.of("grant_type", "client_credentials"),
                        "Authorization",
                        "Basic " + basic,
                        "X-Forwarded-For",
                        from);
    }
}

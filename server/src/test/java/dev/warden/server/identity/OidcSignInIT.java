package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FakeOidcProvider;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in through an OpenID Connect provider: the provider says who someone is; the Warden account
 * with that verified email decides what they may do. Everyone else is turned away.
 */
@ExtendWith(DatabaseRequirement.class)
class OidcSignInIT {
    static FakeOidcProvider provider;
    static FreshWarden warden;

    @BeforeAll
    static void start() {
        provider = new FakeOidcProvider();
        warden = FreshWarden.start(provider.properties());
        warden.bean(Users.class)
                .create(new Users.NewUser("ana@corp.example", "Ana", Set.of(Role.AUDITOR), null), Actor.system("test"));
    }

    @AfterAll
    static void stop() {
        warden.close();
        provider.close();
    }

    /** Follows the authorization-code flow the way a browser does; returns where Warden sends the person. */
    static String signIn(Http browser) {
        Http.Response start = browser.get("/oauth2/authorization/corp");
        assertThat(start.status()).isEqualTo(302);
        String authorize = start.header("Location");
        assertThat(authorize).startsWith(provider.issuer() + "/authorize");
        Http.Response approved = browser.get(authorize);
        assertThat(approved.status()).isEqualTo(302);
        return approved.header("Location");
    }

    @Test
    void aKnownVerifiedEmailSignsInWithItsWardenRoles() throws Exception {
        provider.signInAs("ana@corp.example", true);
        Http browser = Http.browser(warden.port());
        String callback = signIn(browser);

        Http.Response done = browser.get(callback.substring(callback.indexOf("/login/oauth2")));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).doesNotContain("error").doesNotContain("/account/password");
        assertThat(browser.get("/api/v1/me").json().get("id").asString()).isEqualTo("ana@corp.example");
        assertThat(browser.get("/api/v1/audit").status())
                .as("an auditor reads the trail")
                .isEqualTo(200);
    }

    @Test
    void anUnknownOrUnverifiedEmailIsTurnedAway() throws Exception {
        for (boolean verified : new boolean[] {true, false}) {
            provider.signInAs(verified ? "mallory@corp.example" : "ana@corp.example", verified);
            Http browser = Http.browser(warden.port());
            String callback = signIn(browser);
            Http.Response done = browser.get(callback.substring(callback.indexOf("/login/oauth2")));
            assertThat(done.header("Location")).contains("/login?error");
            assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
        }
    }
}

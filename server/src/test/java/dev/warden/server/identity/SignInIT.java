package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.WardenApplication;
import dev.warden.server.audit.AuditQuery;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.SignIns;
import dev.warden.server.testing.TestClients;
import dev.warden.server.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SignInIT {
    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    AuditTrail audit;

    static String name() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void theBootstrapAdminSignsInChangesThePasswordAndSignsOut(CapturedOutput output) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.fresh());
        properties.put("server.port", "0");
        try (ConfigurableApplicationContext fresh =
                new SpringApplicationBuilder(WardenApplication.class).run(TestDatabase.asArguments(properties))) {
            int freshPort = fresh.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            // The last one printed: the shared test server may have printed its own before this test began.
            Matcher printed = Pattern.compile("password: (\\S+)").matcher(output.getOut());
            String password = null;
            while (printed.find()) {
                password = printed.group(1);
            }
            assertThat(password)
                    .as("the first start prints the admin's password")
                    .isNotNull();
            assertThat(output.getOut()).containsOnlyOnce(password);

            Http browser = Http.browser(freshPort);
            Http.Response login = browser.get("/login");
            Http.Response signedIn =
                    browser.form("/login", Map.of("username", "admin", "password", password, "_csrf", login.csrf()));
            assertThat(signedIn.header("Location")).endsWith("/account/password");
            assertThat(browser.get("/").header("Location")).endsWith("/account/password");
            assertThat(browser.get("/api/v1/users").status()).isEqualTo(403);

            Http.Response form = browser.get("/account/password");
            assertThat(form.body()).contains("temporary password");
            Http.Response changed = browser.form(
                    "/account/password",
                    Map.of(
                            "currentPassword",
                            password,
                            "newPassword",
                            "a much longer secret phrase",
                            "repeatPassword",
                            "a much longer secret phrase",
                            "_csrf",
                            form.csrf()));
            assertThat(changed.header("Location")).endsWith("/?passwordChanged");
            Http.Response home = browser.get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("Signed in as", "Administrator", "users:manage");
            assertThat(browser.get("/api/v1/users")
                            .json()
                            .get(0)
                            .get("username")
                            .asString())
                    .isEqualTo("admin");

            // The documented journey (docs/security.md): a partner user and an API client, from the pages.
            Http.Response usersPage = browser.get("/admin/users");
            assertThat(usersPage.status()).isEqualTo(200);
            assertThat(TestClients.admin(new Http(freshPort), fresh.getBean(ApiClients.class))
                            .post("/api/v1/partners", "{\"id\": \"acme\", \"name\": \"Acme\", \"tier\": \"GOLD\"}")
                            .status())
                    .isEqualTo(201);
            Http.Response createdUser = browser.form(
                    "/admin/users",
                    Map.of(
                            "username",
                            "dev@acme.example",
                            "displayName",
                            "Acme Developer",
                            "roles",
                            "PARTNER",
                            "partner",
                            "acme",
                            "_csrf",
                            usersPage.csrf()));
            Matcher temporary =
                    Pattern.compile("id=\"temporary-password\">([^<]+)<").matcher(createdUser.body());
            assertThat(temporary.find()).as(createdUser.body()).isTrue();
            Http partnerBrowser = Http.browser(freshPort);
            Http.Response partnerLogin = partnerBrowser.get("/login");
            assertThat(partnerBrowser
                            .form(
                                    "/login",
                                    Map.of(
                                            "username",
                                            "dev@acme.example",
                                            "password",
                                            temporary.group(1),
                                            "_csrf",
                                            partnerLogin.csrf()))
                            .header("Location"))
                    .endsWith("/account/password");

            Http.Response clientsPage = browser.get("/admin/clients");
            Http.Response registered = browser.form(
                    "/admin/clients",
                    Map.of("name", "CI pipeline", "scopes", "catalog:read", "_csrf", clientsPage.csrf()));
            Matcher id = Pattern.compile("id=\"client-id\">([^<]+)<").matcher(registered.body());
            Matcher secret = Pattern.compile("id=\"client-secret\">([^<]+)<").matcher(registered.body());
            assertThat(id.find() && secret.find()).as(registered.body()).isTrue();
            Http api = new Http(freshPort)
                    .withBearer(TestClients.token(new Http(freshPort), id.group(1), secret.group(1)));
            assertThat(api.get("/api/v1/partners")
                            .json()
                            .get("items")
                            .get(0)
                            .get("id")
                            .asString())
                    .isEqualTo("acme");
            assertThat(browser.get("/admin/clients").body())
                    .contains("CI pipeline")
                    .doesNotContain(secret.group(1));

            Http.Response out = browser.form("/logout", Map.of("_csrf", home.csrf()));
            assertThat(out.header("Location")).endsWith("/login?signedOut");
            assertThat(browser.get("/").header("Location")).endsWith("/login");
            assertThat(browser.get("/api/v1/users").status()).isEqualTo(401);
        }
    }

    @Test
    void repeatedFailuresMakeTheAddressWaitAndEverythingIsOnTheTrail() {
        String username = name();
        SignIns.createUser(users, username, null, Role.AUDITOR);
        for (int i = 0; i < 6; i++) {
            Http browser = Http.browser(port);
            Http.Response login = browser.get("/login");
            Http.Response failed = browser.form(
                    "/login", Map.of("username", username, "password", "wrong password " + i, "_csrf", login.csrf()));
            assertThat(failed.header("Location")).endsWith("/login?error");
        }
        Http browser = Http.browser(port);
        Http.Response login = browser.get("/login");
        // A forwarded-for header from a peer that is not a configured proxy changes nothing.
        Http.Response waiting = browser.form(
                "/login",
                Map.of("username", username, "password", SignIns.PASSWORD, "_csrf", login.csrf()),
                "X-Forwarded-For",
                "198.51.100.1");

        assertThat(waiting.header("Location"))
                .as("the right password is not even checked until the wait is over")
                .endsWith("/login?wait=30");
        assertThat(browser.get("/login?wait=30").body()).contains("Try again in 30 seconds.");
        assertThat(browser.get("/login?wait=%3Cscript%3E").body()).doesNotContain("Try again in");
        assertThat(audit.list(new AuditQuery(null, "SIGN_IN_FAILED", "user", username, null), new Paging(0, 50))
                        .totalItems())
                .isEqualTo(6);
        assertThat(audit.list(new AuditQuery(null, "SIGN_IN_DELAYED", "user", username, null), new Paging(0, 50))
                        .totalItems())
                .isEqualTo(1);
    }

    @Test
    void aSuccessfulSignInIsRecordedAndAPartnerUserSeesItsScope() {
        String username = name();
        SignIns.createUser(users, username, null, Role.SECURITY_ANALYST, Role.APPROVER);
        Http browser = SignIns.signIn(port, username, SignIns.PASSWORD);

        assertThat(browser.get("/api/v1/me")
                        .json()
                        .get("permissions")
                        .valueStream()
                        .map(p -> p.asString()))
                .contains("catalog:write", "audit:read")
                .doesNotContain("users:manage");
        assertThat(audit.list(new AuditQuery(username, "SIGN_IN", null, null, null), new Paging(0, 5))
                        .totalItems())
                .isEqualTo(1);
    }

    @Test
    void aDisabledUserLosesAnOpenSessionAtOnce() {
        String username = name();
        SignIns.createUser(users, username, null, Role.AUDITOR);
        Http browser = SignIns.signIn(port, username, SignIns.PASSWORD);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);

        users.update(
                username, new Users.UserChange(null, null, null, false), dev.warden.server.shared.Actor.system("test"));

        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void formsNeedTheirCsrfTokenAndCookiesAndHeadersAreHardened() {
        String username = name();
        SignIns.createUser(users, username, null, Role.AUDITOR);
        Http browser = Http.browser(port);
        Http.Response login = browser.get("/login");
        Http.Response forged = browser.form("/login", Map.of("username", username, "password", SignIns.PASSWORD));

        assertThat(forged.status()).isEqualTo(403);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("WARDEN_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Lax");
        assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("Strict-Transport-Security"))
                .as("HSTS only over TLS")
                .isNull();
        Http.Response api = new Http(port).get("/api/v1/partners");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Security-Policy")).isNotNull();
        assertThat(api.json().get("type").asString()).isEqualTo("https://warden.dev/problems/unauthorized");
    }

    @Test
    void aPartnerUserMustHaveAnExistingPartnerAndOnlyThatRole() {
        dev.warden.server.shared.Actor admin = dev.warden.server.shared.Actor.system("test");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.create(
                        new Users.NewUser(name(), "X", java.util.Set.of(Role.PARTNER), "no-such-partner"), admin))
                .hasMessageContaining("/partner");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.create(
                        new Users.NewUser(name(), "X", java.util.Set.of(Role.PARTNER, Role.ADMIN), null), admin))
                .hasMessageContaining("cannot be combined");
    }
}

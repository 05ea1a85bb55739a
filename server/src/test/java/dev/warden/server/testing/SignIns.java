package dev.warden.server.testing;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Role;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** People in tests: created through the Users facade, signed in through the real sign-in form. */
public final class SignIns {
    public static final String PASSWORD = "correct horse battery staple";

    private SignIns() {}

    /** Creates a person with a password of their own (the temporary one already changed). */
    public static void createUser(Users users, String username, @Nullable String partner, Role... roles) {
        Users.CreatedUser created = users.create(
                new Users.NewUser(username, "Test " + username, Set.of(roles), partner), Actor.system("test"));
        users.changeOwnPassword(created.user().username(), created.temporaryPassword(), PASSWORD);
    }

    /** Signs in through the form and returns the browser, holding the session. */
    public static Http signIn(int port, String username, String password) {
        Http browser = Http.browser(port);
        Http.Response page = browser.get("/login");
        Http.Response result =
                browser.form("/login", Map.of("username", username, "password", password, "_csrf", page.csrf()));
        String location = result.header("Location");
        if (result.status() != 302 || location == null || location.contains("error")) {
            throw new AssertionError("sign-in of " + username + " failed: " + result.status() + " " + location);
        }
        return browser;
    }

    /**
     * Signs a person in and returns a browser that calls the API as that person: with the session
     * cookie and the session's CSRF token in {@code X-CSRF-TOKEN}, as the web console does.
     */
    public static Http person(int port, String username) {
        Http browser = signIn(port, username, PASSWORD);
        String token = browser.get("/account/password").csrf();
        return browser.withHeader("X-CSRF-TOKEN", token);
    }
}

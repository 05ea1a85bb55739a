package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.shared.Role;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions are kept in the database: a person signed in on one node is signed in on every node of the
 * same database, stays signed in when that node stops, and signing out on any node ends it everywhere.
 */
@ExtendWith(DatabaseRequirement.class)
class SessionsIT {
    static boolean signedIn(Http browser) {
        Http.Response home = browser.get("/");
        return home.status() == 200 && home.body().contains("Sign out");
    }

    @Test
    void aSessionOutlivesTheNodeThatOpenedIt() {
        FreshWarden a = FreshWarden.start(Map.of("warden.jobs.enabled", "false"));
        Map<String, Object> shared = new HashMap<>(a.database());
        shared.put("warden.jobs.enabled", "false");
        try (FreshWarden b = FreshWarden.start(shared)) {
            SignIns.createUser(a.bean(Users.class), "sam.analyst", null, Role.SECURITY_ANALYST);
            Http onA = SignIns.signIn(a.port(), "sam.analyst", SignIns.PASSWORD);
            Http onB = onA.onPort(b.port());
            assertThat(signedIn(onA)).isTrue();
            assertThat(signedIn(onB)).as("the other node knows the session").isTrue();
            assertThat(b.bean(JdbcClient.class)
                            .sql("select count(*) from spring_session where principal_name = 'sam.analyst'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            a.close();
            assertThat(signedIn(onB))
                    .as("the node that signed the person in is gone")
                    .isTrue();

            String csrf = onB.get("/account/password").csrf();
            assertThat(onB.form("/logout", Map.of("_csrf", csrf)).status()).isEqualTo(302);
            assertThat(signedIn(onB)).isFalse();
            assertThat(b.bean(JdbcClient.class)
                            .sql("select count(*) from spring_session where principal_name = 'sam.analyst'")
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            a.close();
        }
    }

    /**
     * Right after sign-in, a browser asking for several pages at once makes every one of them add the
     * same attribute (the CSRF token) to the session. Each must be answered, none with a duplicate key.
     */
    @Test
    void pagesAskedForAtOnceRightAfterSignInAreAllAnswered() throws Exception {
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try (FreshWarden warden = FreshWarden.start(Map.of("warden.jobs.enabled", "false"))) {
            SignIns.createUser(warden.bean(Users.class), "sam.analyst", null, Role.SECURITY_ANALYST);
            for (int round = 0; round < 10; round++) {
                Http browser = SignIns.signIn(warden.port(), "sam.analyst", SignIns.PASSWORD);
                List<Future<Integer>> pages = new ArrayList<>();
                for (int tab = 0; tab < 8; tab++) {
                    pages.add(tabs.submit(() -> browser.get("/").status()));
                }
                for (Future<Integer> page : pages) {
                    assertThat(page.get()).as("round %d", round).isEqualTo(200);
                }
            }
        } finally {
            tabs.shutdownNow();
        }
    }
}

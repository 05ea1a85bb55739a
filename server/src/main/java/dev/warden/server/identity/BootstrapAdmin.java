package dev.warden.server.identity;

import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On the first start with no users, creates the administrator {@code admin} with a random password
 * that is printed once to the console (never to the log) and must be changed at first sign-in. Not
 * when the server only starts to check the audit trail, which writes nothing.
 */
@Component
@ConditionalOnProperty(name = "warden.audit.verify", havingValue = "false", matchIfMissing = true)
class BootstrapAdmin implements ApplicationRunner {
    static final String USERNAME = "admin";

    private final Users users;

    BootstrapAdmin(Users users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.none()) {
            return;
        }
        Users.CreatedUser admin;
        try {
            admin = users.createBootstrapAdmin(USERNAME);
        } catch (DuplicateKeyException e) {
            return; // another node created it first
        }
        PrintStream console = System.out;
        console.println();
        console.println("  ┌─ Warden: first start ──────────────────────────────────────────────");
        console.println("  │ An administrator was created. Sign in and choose a new password:");
        console.println("  │   username: " + admin.user().username());
        console.println("  │   password: " + admin.temporaryPassword());
        console.println("  │ This password is shown only now and is not written to the log.");
        console.println("  └────────────────────────────────────────────────────────────────────");
        console.println();
        console.flush();
    }
}

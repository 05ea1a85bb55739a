package dev.warden.server.audit;

import dev.warden.core.audit.ChainCheck;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./warden audit verify}: the server started without its web side to check the audit chain of
 * its database, then stop. Reads only. Exit code 0 when the chain is intact, 1 when a link is broken
 * (the first broken entry is named), 2 when the database cannot be read.
 */
@Component
@ConditionalOnProperty(name = "warden.audit.verify", havingValue = "true")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {
    private final AuditTrail trail;
    private int exitCode;

    AuditVerifyCommand(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void run(ApplicationArguments args) {
        ChainCheck check;
        try {
            check = trail.verify();
        } catch (RuntimeException e) {
            System.err.println("warden audit verify: cannot read the audit trail: " + e.getMessage());
            exitCode = 2;
            return;
        }
        if (check.intact()) {
            System.out.println("Audit trail intact: " + check.checked() + " entries checked, every link sound.");
        } else {
            System.out.println("Audit trail BROKEN at entry " + check.brokenAt() + ": " + check.problem() + " ("
                    + check.checked() + " entries before it are sound).");
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

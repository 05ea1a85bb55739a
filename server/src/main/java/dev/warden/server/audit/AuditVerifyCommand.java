package dev.warden.server.audit;

import dev.warden.core.audit.ChainCheck;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./warden audit verify}: the server started without its web side to check the audit chain of
 * its database against the signed checkpoints in its data folder, then stop. Reads only. Exit code 0
 * when the chain is intact, 1 when it is broken (the first broken entry is named), 2 when the
 * database, the checkpoint file or its key cannot be read.
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
            System.err.println("warden audit verify: cannot check the audit trail: " + e.getMessage());
            exitCode = 2;
            return;
        }
        System.out.println(report(check));
        exitCode = check.intact() ? 0 : 1;
    }

    /** What the check found, in a sentence or two. */
    static String report(ChainCheck check) {
        String anchor = check.checkpointSeq() == null
                ? " No signed checkpoint was found: a chain that was shortened or rewritten and rehashed as a"
                        + " whole cannot be told from the original."
                : " Held to the signed checkpoints, the latest naming entry " + check.checkpointSeq() + " (taken "
                        + check.checkpointAt() + "); later entries are protected by the chain alone.";
        if (check.intact()) {
            return "Audit trail intact: " + check.checked() + " entries checked, every link sound." + anchor;
        }
        return "Audit trail BROKEN at entry " + check.brokenAt() + ": " + check.problem() + " (" + check.checked()
                + " entries before it are sound).";
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

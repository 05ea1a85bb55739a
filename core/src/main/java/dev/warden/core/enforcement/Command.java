package dev.warden.core.enforcement;

import dev.warden.core.compliance.Violation;
import java.time.Instant;
import java.util.List;

/**
 * One change reconciliation asks the server to make to the stored cases. Commands name their case by
 * its key ({@link Reconciler#key}); a command about a case opened in the same run follows its
 * {@link Open}. The server applies them in order, stores and audits them, and decides nothing.
 */
public sealed interface Command {
    /** The key of the case the command is about. */
    String caseKey();

    /** A violation with no case: open one, counting from {@code began}. */
    record Open(String caseKey, Violation violation, Instant began) implements Command {}

    /** A resolved case whose violation holds again: open it again (its pending lift is withdrawn). */
    record Reopen(String caseKey, long caseId, Violation violation) implements Command {}

    /** An open case whose violation now reads differently (evidence, severity or policy version). */
    record Refresh(String caseKey, long caseId, Violation violation) implements Command {}

    /** The ladder's next step has come: propose it to approvers. */
    record Propose(String caseKey, Proposal proposal) implements Command {}

    /** The ladder's next step is already in effect in the case: record it as skipped and climb on. */
    record Skip(String caseKey, Proposal proposal) implements Command {
        public String why() {
            return proposal.action() + " is already in effect in this case";
        }
    }

    /** A proposal no longer needed, before anyone decided. */
    record Withdraw(String caseKey, long actionId, String why) implements Command {}

    /** The violation is gone: the case is resolved, with {@code inEffect} actions still to lift. */
    record Resolve(String caseKey, long caseId, String rule, String subject, int inEffect) implements Command {}

    /** Propose undoing every action of a resolved case still in effect (one approver). */
    record ProposeLift(String caseKey, long caseId, List<CaseAction> lifts, String why) implements Command {
        public ProposeLift {
            lifts = List.copyOf(lifts);
        }
    }

    /** Nothing more to do in the case. */
    record Close(String caseKey, long caseId, String why) implements Command {}
}

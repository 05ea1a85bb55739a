package dev.warden.core.enforcement;

import dev.warden.core.compliance.Subject;
import dev.warden.core.policy.EnforcementAction;
import java.time.Instant;

/**
 * A step of the ladder proposed for a violation: it waits for people to approve it.
 *
 * @param step the step's index in the rule's ladder (0 for the first)
 * @param dueAt when the step's time came: the violation's start plus the step's wait
 * @param approvalsRequired how many different approvers it needs (policy: two for the severe steps)
 */
public record Proposal(
        String rule,
        Subject subject,
        EnforcementAction action,
        int step,
        Instant dueAt,
        String reason,
        int approvalsRequired) {}

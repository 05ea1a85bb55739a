package dev.warden.server.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On the PostgreSQL pass, runs the tests only when the server answers. A developer without PostgreSQL
 * sees them skipped with the reason; under {@code CI=true} a missing server fails the run instead.
 */
public final class DatabaseRequirement implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("H2 is embedded");
        }
        if (TestDatabase.postgresReachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + TestDatabase.adminUrl());
        }
        String reason = "PostgreSQL does not answer at " + TestDatabase.adminUrl();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; under CI=true the PostgreSQL tests are mandatory");
        }
        return ConditionEvaluationResult.disabled(reason + " (start it, or see DEVELOPING.md)");
    }
}

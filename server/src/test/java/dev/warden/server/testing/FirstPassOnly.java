package dev.warden.server.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test on the H2 pass only: for what cannot depend on the database, such as the markup of a page
 * checked for accessibility and layout. Everything that stores or reads data runs on both passes.
 */
public final class FirstPassOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return TestDatabase.postgres()
                ? ConditionEvaluationResult.disabled(
                        "the page markup is the same on PostgreSQL; checked on the H2 pass")
                : ConditionEvaluationResult.enabled("the H2 pass");
    }
}

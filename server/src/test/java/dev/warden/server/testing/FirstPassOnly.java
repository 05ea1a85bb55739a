package dev.warden.server.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test on the H2 pass only: for what a browser shows and does (the journeys through the pages, the
 * markup checked for accessibility and layout), and for what the database cannot change (a client generated
 * from the OpenAPI description). Every step those take goes through services whose SQL the
 * API integration tests run on both databases; the browser adds the page, not the SQL (ADR 003).
 */
public final class FirstPassOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return TestDatabase.postgres()
                ? ConditionEvaluationResult.disabled("runs on the H2 pass only (ADR 003)")
                : ConditionEvaluationResult.enabled("the H2 pass");
    }
}

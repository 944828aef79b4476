package org.sockets.contract;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Leaves out a {@link Needs} test for a transport that lacks what it needs. The test instance
 * exists by then (JUnit creates it before it evaluates a method's conditions), so its
 * {@link EndpointContract#transport()} answers.
 */
public final class NeedsCondition implements ExecutionCondition {

    /** Created by JUnit, from {@link Needs}. */
    public NeedsCondition() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Needs needs = context.getTestMethod().map(m -> m.getAnnotation(Needs.class)).orElse(null);
        if (needs == null || !(context.getTestInstance().orElse(null) instanceof EndpointContract contract)) {
            return ConditionEvaluationResult.enabled("no @Needs");
        }
        Transport t = contract.described();
        List<Feature> missing = new ArrayList<>();
        for (Feature f : needs.value()) {
            if (!t.has(f)) {
                missing.add(f);
            }
        }
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled(t + " has " + List.of(needs.value()))
                : ConditionEvaluationResult.disabled(t + " lacks " + missing + ": the test does not apply to it");
    }
}

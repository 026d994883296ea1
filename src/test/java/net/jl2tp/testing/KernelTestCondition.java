package net.jl2tp.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link KernelTest}: enabled only in the project's VM (its init exports
 * {@code JL2TP_IN_VM=1}); elsewhere the test is disabled, so JUnit reports it as skipped, and the
 * skip is also printed on stderr so that it cannot go unnoticed.
 */
public final class KernelTestCondition implements ExecutionCondition {

    /** The reason given for every kernel test skipped outside the VM. */
    public static final String SKIP_REASON =
            "kernel test: needs the project's VM; run src/test/vm/run-kernel-tests.sh or mvn verify";

    /** Whether this JVM runs inside the project's test VM. */
    public static boolean inVm() {
        return "1".equals(System.getenv("JL2TP_IN_VM"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (inVm()) {
            return ConditionEvaluationResult.enabled("in the project's VM (JL2TP_IN_VM=1)");
        }
        String what = context.getTestMethod().isPresent()
                ? context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName()
                : context.getRequiredTestClass().getName();
        System.err.println("!!! SKIPPED " + what + ": " + SKIP_REASON);
        return ConditionEvaluationResult.disabled(SKIP_REASON);
    }
}

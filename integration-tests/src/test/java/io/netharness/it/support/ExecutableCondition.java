package io.netharness.it.support;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Backs {@link RequiresExecutable}: disables the class, naming what is missing, or fails it on CI. */
final class ExecutableCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<RequiresExecutable> required = context.getTestClass()
                .map(type -> AnnotationSupport.findRepeatableAnnotations(type, RequiresExecutable.class))
                .orElse(List.of());
        List<RequiresExecutable> missing = required.stream()
                .filter(executable -> Executables.find(executable.value()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(required.stream().map(RequiresExecutable::value)
                    .collect(Collectors.joining(", ", "installed: ", "")));
        }
        String what = missing.stream().map(e -> e.value() + " (Debian package " + e.debianPackage() + ")")
                .collect(Collectors.joining(" and "));
        String message = what + (missing.size() == 1 ? " is" : " are") + " not available on this machine; "
                + Executables.REMEDY;
        if (Prerequisites.onCi()) {
            throw new AssertionError(message + " (CI=true: a missing prerequisite fails the build instead of"
                    + " skipping)");
        }
        return ConditionEvaluationResult.disabled(message + " (skipped; with CI=true it would fail)");
    }
}

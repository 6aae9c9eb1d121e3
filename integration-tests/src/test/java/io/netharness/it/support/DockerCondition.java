package io.netharness.it.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Backs {@link RequiresDocker}: asks Testcontainers once per run whether an engine answers and the images exist. */
final class DockerCondition implements ExecutionCondition {

    private static final String REMEDY = "start one and build the test images with: sudo bash .ci/docker-up";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = context.getRoot().getStore(ExtensionContext.Namespace.create(DockerCondition.class))
                .getOrComputeIfAbsent("missing", key -> whatIsMissing(), String.class);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers and " + TestImages.BUSYBOX + " exists");
        }
        if (Prerequisites.onCi()) {
            throw new AssertionError(missing + "; " + REMEDY
                    + " (CI=true: the Testcontainers tests must run, not skip)");
        }
        return ConditionEvaluationResult.disabled(missing + "; " + REMEDY + " (skipped; with CI=true this fails)");
    }

    private static String whatIsMissing() {
        DockerClientFactory docker = DockerClientFactory.instance();
        if (!docker.isDockerAvailable()) {
            return "No Docker engine answers (Testcontainers found none)";
        }
        try {
            docker.client().inspectImageCmd(TestImages.BUSYBOX).exec();
            return "";
        } catch (RuntimeException e) {
            return "The Docker engine has no image " + TestImages.BUSYBOX + " (" + e.getMessage() + ")";
        }
    }
}

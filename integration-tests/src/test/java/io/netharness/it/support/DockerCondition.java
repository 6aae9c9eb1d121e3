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
            return ConditionEvaluationResult.enabled("a Docker engine answers and " + TestImages.LOCAL + " exist");
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
        for (String image : TestImages.LOCAL) {
            try {
                docker.client().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                return "The Docker engine has no image " + image + " (" + e.getMessage() + ")";
            }
        }
        return "";
    }
}

package io.netharness.junit;

import io.netharness.junit.internal.FailureReport;
import io.netharness.junit.internal.Injector;
import io.netharness.junit.internal.Registry;
import io.netharness.junit.internal.ReplayHint;
import io.netharness.junit.internal.Scopes;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind NetHarness's annotations: injects servers and links into fields (static ones before all
 * tests of the class, instance ones before each test) and parameters, reports seeds and link statistics of failed
 * tests, and leaves clean-up to the stores of the extension contexts that own what it started.
 */
final class NetHarnessExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        Injector.injectStaticFields(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Injector.injectInstanceFields(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            FailureReport.publish(context);
            // Class-scoped captures are kept if any test that could see them failed.
            Scopes.visibleRegistries(context).forEach(Registry::markTestFailed);
        }
        Injector.reportLeaks(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return Injector.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Injector.resolve(parameter, context);
    }

    /** Puts the seeds and the way to replay them right under the failure, in every console and report. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReplayHint(context, throwable);
    }

    /** A failing {@code @BeforeEach} method ran with the test's links, so it gets the same hint. */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withReplayHint(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withReplayHint(context, throwable);
    }

    private static Throwable withReplayHint(ExtensionContext context, Throwable throwable) {
        boolean hinted = java.util.Arrays.stream(throwable.getSuppressed()).anyMatch(ReplayHint.class::isInstance);
        if (!(throwable instanceof TestAbortedException) && !hinted) {
            throwable.addSuppressed(new ReplayHint("NetHarness " + FailureReport.seeds(context) + "; "
                    + FailureReport.replay(context)));
        }
        return throwable;
    }
}

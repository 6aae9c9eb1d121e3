package io.netharness.junit;

import io.netharness.junit.internal.ComponentFailures;
import io.netharness.junit.internal.FailureReport;
import io.netharness.junit.internal.Failures;
import io.netharness.junit.internal.Injector;
import io.netharness.junit.internal.Registry;
import io.netharness.junit.internal.ReplayHint;
import io.netharness.junit.internal.Scopes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The extension behind NetHarness's annotations: injects servers and links into fields (static ones before all
 * tests of the class, instance ones before each test) and parameters, reports seeds and link statistics of failed
 * tests (not of skipped or misconfigured ones), and leaves clean-up to the stores of the extension contexts that own
 * what it started.
 */
final class NetHarnessExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        ComponentFailures.open(context);
        Injector.injectStaticFields(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ComponentFailures.open(context);
        Injector.injectInstanceFields(context);
    }

    /** Components of the class (static servers, what {@code @BeforeAll} built) that failed fail the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        ComponentFailures.closeAndThrow(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            reportFailure(context);
        } finally {
            // Components the test built that failed (a protocol handler that threw on an event loop) fail it.
            ComponentFailures.closeAndThrow(context);
        }
    }

    private static void reportFailure(ExtensionContext context) {
        if (Failures.deservesReport(context)) {
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

    /**
     * Puts the seeds, the way to replay them and every visible link's statistics right under the failure, in every
     * console and report.
     */
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
        if (Failures.deservesReport(throwable) && !hinted) {
            throwable.addSuppressed(new ReplayHint(FailureReport.hint(context)));
        }
        return throwable;
    }
}

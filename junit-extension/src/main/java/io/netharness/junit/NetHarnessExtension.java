package io.netharness.junit;

import io.netharness.junit.internal.FailureReport;
import io.netharness.junit.internal.Injector;
import io.netharness.junit.internal.ReplayHint;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
        ParameterResolver, TestExecutionExceptionHandler {

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
        if (!(throwable instanceof TestAbortedException)) {
            throwable.addSuppressed(new ReplayHint("NetHarness " + FailureReport.seeds(context) + "; "
                    + FailureReport.replay(context)));
        }
        throw throwable;
    }
}

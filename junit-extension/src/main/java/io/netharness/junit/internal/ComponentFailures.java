package io.netharness.junit.internal;

import io.netharness.core.ComponentFailedException;
import io.netharness.core.FailureScope;
import io.netharness.core.Lifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Failures of the components a test (or a test class) created: a {@link FailureScope} is open on the test's
 * thread from before its fields are injected until the end of the test, and what was reported into it is thrown
 * on the test thread at the end, naming each component and keeping the cause. A failure the test already threw
 * (a component's {@code close()} in the test) is not thrown twice.
 */
public final class ComponentFailures {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ComponentFailures.class);

    private record Collector(FailureScope scope, List<Lifecycle.ComponentFailed> failures) {}

    private ComponentFailures() {
    }

    /** Opens the scope of {@code context} (a test or a class) on this thread. */
    public static void open(ExtensionContext context) {
        List<Lifecycle.ComponentFailed> failures = new CopyOnWriteArrayList<>();
        context.getStore(NAMESPACE).put(Collector.class, new Collector(FailureScope.open(failures::add), failures));
    }

    /**
     * Closes the scope of {@code context} and throws what was reported into it and not thrown yet.
     *
     * @throws ComponentFailedException the first failure, later ones suppressed into it
     */
    public static void closeAndThrow(ExtensionContext context) {
        Collector collector = context.getStore(NAMESPACE).remove(Collector.class, Collector.class);
        if (collector == null) {
            return;
        }
        collector.scope().close();
        Set<Throwable> alreadyThrown = Collections.newSetFromMap(new IdentityHashMap<>());
        context.getExecutionException().ifPresent(thrown -> collect(thrown, alreadyThrown));
        List<Lifecycle.ComponentFailed> pending = new ArrayList<>();
        for (Lifecycle.ComponentFailed failure : collector.failures()) {
            if (!alreadyThrown.contains(failure.cause()) && !alreadyThrown.contains(rootOf(failure.cause()))) {
                pending.add(failure);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        ComponentFailedException first = new ComponentFailedException(pending.get(0).component(),
                pending.get(0).cause());
        for (Lifecycle.ComponentFailed later : pending.subList(1, pending.size())) {
            first.addSuppressed(new ComponentFailedException(later.component(), later.cause()));
        }
        throw first;
    }

    private static Throwable rootOf(Throwable failure) {
        return failure instanceof ComponentFailedException wrapper && wrapper.getCause() != null
                ? rootOf(wrapper.getCause()) : failure;
    }

    /** Every throwable in {@code thrown}'s causes and suppressed exceptions, bounded against cycles. */
    private static void collect(Throwable thrown, Set<Throwable> into) {
        if (thrown == null || into.size() > 1_000 || !into.add(thrown)) {
            return;
        }
        collect(thrown.getCause(), into);
        for (Throwable suppressed : thrown.getSuppressed()) {
            collect(suppressed, into);
        }
    }
}

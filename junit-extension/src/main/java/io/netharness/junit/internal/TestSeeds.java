package io.netharness.junit.internal;

import io.netharness.junit.NetHarnessSeed;
import io.netharness.simulator.Seeds;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The seeds of a run, its test classes and tests.
 *
 * <p>The run seed comes from the configuration parameter (or system property) {@value #PROPERTY}, else it is
 * drawn once per run. The seed of any other extension context is its {@code @NetHarnessSeed} if it has one,
 * else {@code Seeds.derive(seed of the parent context, unique id)}. Unique ids name the class, the method and
 * the invocation, so a test keeps its seed when other tests are added, removed or run in another order.
 */
final class TestSeeds {

    /** The configuration parameter and system property that fixes the run seed. */
    public static final String PROPERTY = "netharness.seed";

    private static final Object RUN_SEED_KEY = new Object();

    private TestSeeds() {}

    /** The seed of the whole run. */
    public static long runSeed(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(Scopes.NAMESPACE)
                .getOrComputeIfAbsent(RUN_SEED_KEY, key -> drawRunSeed(root), Long.class);
    }

    /** The seed of the given test or class context. */
    public static long seedOf(ExtensionContext context) {
        Optional<ExtensionContext> parent = context.getParent();
        if (parent.isEmpty()) {
            return runSeed(context);
        }
        Optional<Long> explicit = context.getElement().flatMap(TestSeeds::explicitSeed);
        return explicit.orElseGet(() -> Seeds.derive(seedOf(parent.get()), context.getUniqueId()));
    }

    /** Whether the context's own element (not an ancestor) carries {@code @NetHarnessSeed}. */
    static Optional<Long> explicitSeed(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, NetHarnessSeed.class).map(NetHarnessSeed::value);
    }

    /** Parses a seed written as a decimal or {@code 0x} hexadecimal long, with an optional {@code L}. */
    static long parse(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith("L") || trimmed.endsWith("l")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        boolean hex = trimmed.startsWith("0x") || trimmed.startsWith("0X");
        return hex ? Long.parseUnsignedLong(trimmed.substring(2), 16) : Long.parseLong(trimmed);
    }

    private static long drawRunSeed(ExtensionContext root) {
        Optional<String> configured = root.getConfigurationParameter(PROPERTY);
        if (configured.isEmpty()) {
            return Seeds.random();
        }
        try {
            return parse(configured.get());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException("NetHarness requires that the configuration parameter or"
                    + " system property `" + PROPERTY + "` be a decimal or 0x-hexadecimal long such as \"42\""
                    + " (was \"" + configured.get() + "\").", e);
        }
    }
}

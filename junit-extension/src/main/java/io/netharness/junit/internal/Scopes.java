package io.netharness.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Where the extension keeps what it started: one {@link Registry} per extension context (class or test), in
 * that context's store, so JUnit closes it when the context ends.
 */
public final class Scopes {

    /** The store namespace of everything NetHarness keeps. */
    public static final Namespace NAMESPACE = Namespace.create("io.netharness.junit");

    private Scopes() {}

    /** The registry of exactly this context, created on first use. */
    public static Registry registry(ExtensionContext owner) {
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(new RegistryKey(owner.getUniqueId()),
                key -> new Registry(owner), Registry.class);
    }

    /** The registry of exactly this context, if anything was started in it. */
    public static Optional<Registry> existingRegistry(ExtensionContext owner) {
        return Optional.ofNullable(owner.getStore(NAMESPACE).get(new RegistryKey(owner.getUniqueId()), Registry.class));
    }

    /** The registries of this context and its ancestors that exist, innermost first. */
    public static List<Registry> visibleRegistries(ExtensionContext context) {
        List<Registry> registries = new ArrayList<>();
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            ExtensionContext scope = current.get();
            Registry registry = scope.getStore(NAMESPACE)
                    .get(new RegistryKey(scope.getUniqueId()), Registry.class);
            if (registry != null) {
                registries.add(registry);
            }
        }
        return registries;
    }

    /** Keys a registry by its context's id, since store lookups also see the stores of ancestors. */
    private record RegistryKey(String uniqueId) {}
}

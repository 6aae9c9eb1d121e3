package io.netharness.junit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What NetHarness started for one class or test: links and servers, closed together when JUnit closes the
 * context's store, in the reverse order of their start (so links close before the servers they lead to).
 *
 * <p>Closing collects every failure: the first becomes the exception, the others are suppressed by it.
 */
public final class Registry implements AutoCloseable {

    private final ExtensionContext owner;
    private final List<ManagedResource> resources = new ArrayList<>();
    private final Map<String, ManagedServer> servers = new LinkedHashMap<>();
    private volatile boolean testFailed;

    Registry(ExtensionContext owner) {
        this.owner = owner;
    }

    /** The context whose lifetime this registry follows. */
    public ExtensionContext owner() {
        return owner;
    }

    /** Takes charge of a started resource. */
    public synchronized void add(ManagedResource resource) {
        resources.add(resource);
        if (resource instanceof ManagedServer server) {
            servers.put(server.name(), server);
        }
    }

    /** The server of this scope with that name. */
    public synchronized Optional<ManagedServer> server(String name) {
        return Optional.ofNullable(servers.get(name));
    }

    /** The names of the servers of this scope, in start order. */
    public synchronized List<String> serverNames() {
        return new ArrayList<>(servers.keySet());
    }

    /** The links of this scope, in start order. */
    public synchronized List<ManagedLink> links() {
        List<ManagedLink> links = new ArrayList<>();
        for (ManagedResource resource : resources) {
            if (resource instanceof ManagedLink link) {
                links.add(link);
            }
        }
        return links;
    }

    /** Records that a test using this scope failed, so class-scoped captures are kept too. */
    public void markTestFailed() {
        testFailed = true;
    }

    /** Whether this scope's context, or a test that used it, failed. */
    public boolean failed() {
        return testFailed || owner.getExecutionException().isPresent();
    }

    @Override
    public void close() throws Exception {
        List<ManagedResource> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(resources);
            resources.clear();
            servers.clear();
        }
        closeAll(toClose, failed());
    }

    /**
     * Closes {@code resources} in reverse order, every one even if some fail: the first failure is thrown, the others
     * are suppressed by it.
     */
    static void closeAll(List<ManagedResource> resources, boolean keepEvidence) throws Exception {
        List<ManagedResource> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        Exception failure = null;
        for (ManagedResource resource : reversed) {
            try {
                resource.close(keepEvidence);
            } catch (Exception | AssertionError e) {
                Exception wrapped = e instanceof Exception exception ? exception : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

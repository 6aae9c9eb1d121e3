package io.netharness.junit.internal;

import io.netharness.core.Format;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The configuration that lets a real Toxiproxy serve TCP links declared as {@code Link}: the
 * configuration parameter (or system property) {@value #PROPERTY} names its API, {@value #LISTEN_PROPERTY} the
 * address its proxies listen on. Read and checked once per run; the toxiproxy-server module is an optional
 * dependency, so its absence is reported here rather than as a {@link NoClassDefFoundError} later.
 *
 * @param api where the Toxiproxy API listens
 * @param listen the listen address of every proxy, as the Toxiproxy server sees it
 */
record ToxiproxyBackend(InetSocketAddress api, String listen) {

    /** Configuration parameter: the Toxiproxy API's {@code host:port}. */
    static final String PROPERTY = "netharness.toxiproxy";
    /** Configuration parameter: where the proxies listen; default {@value #DEFAULT_LISTEN}. */
    static final String LISTEN_PROPERTY = "netharness.toxiproxy.listen";
    static final String DEFAULT_LISTEN = "127.0.0.1:0";

    /** The backend the run is configured with, if any; checked once per run and kept in the root store. */
    static Optional<ToxiproxyBackend> of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(Scopes.NAMESPACE).getOrComputeIfAbsent(ToxiproxyBackend.class,
                key -> read(root), Configured.class).backend();
    }

    /** A holder, as the store keeps no empty values. */
    private record Configured(Optional<ToxiproxyBackend> backend) {}

    private static Configured read(ExtensionContext root) {
        Optional<String> api = root.getConfigurationParameter(PROPERTY).map(String::trim).filter(s -> !s.isEmpty());
        if (api.isEmpty()) {
            return new Configured(Optional.empty());
        }
        InetSocketAddress address;
        try {
            address = AddressText.parse(api.get());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("The configuration parameter `" + PROPERTY + "` must be the"
                    + " Toxiproxy API's " + AddressText.FORMAT + " (was \"" + api.get() + "\")", e);
        }
        String listen = root.getConfigurationParameter(LISTEN_PROPERTY).map(String::trim).orElse(DEFAULT_LISTEN);
        try {
            AddressText.checkListen(listen);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("The configuration parameter `" + LISTEN_PROPERTY + "` must"
                    + " be host:port with a port from 0 (any) to 65535, such as \"0.0.0.0:0\" (was \"" + listen + "\")",
                    e);
        }
        try {
            Class.forName(LinkTypes.TOXIPROXY_LINK, false, ToxiproxyBackend.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("The configuration parameter `" + PROPERTY + "` (\""
                    + api.get() + "\") asks for links served by Toxiproxy, but io.netharness:netharness-toxiproxy-server"
                    + " is not on the test class path: add it as a test dependency", e);
        }
        return new Configured(Optional.of(new ToxiproxyBackend(address, listen)));
    }

    @Override
    public String toString() {
        return "Toxiproxy at " + Format.address(api);
    }
}

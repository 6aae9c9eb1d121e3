package io.netharness.junit.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/** Turns a link's {@link TargetSpec} into an address, in the context of the running test. */
final class TargetResolver {

    private TargetResolver() {}

    /**
     * Resolves the target. Servers are looked up in the registries visible from {@code context}, then among the
     * declared servers that {@code servers} can still start.
     */
    static Resolved resolve(LinkSpec spec, ExtensionContext context, ServerProvider servers) {
        Misconfiguration problems = spec.problems();
        TargetSpec target = spec.target();
        if (target instanceof TargetSpec.Fixed fixed) {
            return new Resolved(fixed.address(), Optional.empty());
        }
        if (target instanceof TargetSpec.Server server) {
            Optional<ManagedServer> maybe = servers.find(server.name(), spec, context);
            if (maybe.isEmpty()) {
                List<String> declared = servers.names(context, spec);
                if (declared.contains(server.name())) {
                    throw problems.requires("`" + server.attribute() + "` name a server that exists when the link is"
                            + " created, but \"" + server.name() + "\" is created per test, after this class-scoped"
                            + " link: make the server static or the link per test");
                }
                boolean unnamedParameters = declared.stream().anyMatch(name -> name.matches(".*\\[\\d+]"));
                throw problems.attribute(server.attribute(), "the name of an @InProcessServer visible to it: "
                        + names(declared) + (unnamedParameters ? " (a parameter's server is named by"
                        + " @InProcessServer(name = ...), else by its method and position, as method[0])" : ""),
                        server.name());
            }
            ManagedServer found = maybe.get();
            return new Resolved(found.address(), Optional.of(found));
        }
        if (target instanceof TargetSpec.Property property) {
            String value = context.getConfigurationParameter(property.name()).orElseThrow(() ->
                    problems.requires("the configuration parameter or system property `" + property.name()
                            + "` named by `" + property.attribute() + "` be set to host:port or a port (it is not set)"));
            try {
                return new Resolved(AddressText.parsePortOrAddress(value), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw problems.requires("the configuration parameter or system property `" + property.name()
                        + "` named by `" + property.attribute() + "` be a port or " + AddressText.FORMAT + " (was \"" + value
                        + "\")");
            }
        }
        return new Resolved(fromMethod(spec, ((TargetSpec.Method) target).name(), context), Optional.empty());
    }

    private static InetSocketAddress fromMethod(LinkSpec spec, String name, ExtensionContext context) {
        Misconfiguration problems = spec.problems();
        Class<?> testClass = context.getRequiredTestClass();
        Method method = ReflectionSupport.findMethod(testClass, name).orElseThrow(() ->
                problems.attribute(spec.target().attribute(), "the name of a method without parameters in "
                        + Member.className(testClass), name));
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        Optional<Object> instance = context.getTestInstance();
        if (!isStatic && (spec.member().isStatic() || instance.isEmpty())) {
            throw problems.attribute(spec.target().attribute(), "a static method, as the link is created"
                    + " before any test instance exists", name);
        }
        Object result;
        try {
            result = ReflectionSupport.invokeMethod(method, isStatic ? null : instance.get());
        } catch (RuntimeException e) {
            throw problems.problem("could not get its target: `" + spec.target().attribute() + "` " + name + "() threw " + e, e);
        }
        if (result instanceof InetSocketAddress address) {
            return address;
        }
        if (result instanceof Integer port) {
            return AddressText.parse("127.0.0.1:" + port);
        }
        if (result instanceof String text) {
            try {
                return AddressText.parsePortOrAddress(text);
            } catch (IllegalArgumentException e) {
                throw problems.requires("`" + spec.target().attribute() + "` " + name + "() return " + AddressText.FORMAT
                        + " (returned \"" + text + "\")");
            }
        }
        throw problems.requires("`" + spec.target().attribute() + "` " + name + "() return an InetSocketAddress, a host:port String"
                + " or an int port (returned " + result + ")");
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "there is none"
                : names.stream().distinct().sorted().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** The address, and the server when the target is one of ours. */
    record Resolved(InetSocketAddress address, Optional<ManagedServer> server) {}

    /** Finds (or starts) in-process servers by name. */
    interface ServerProvider {
        Optional<ManagedServer> find(String name, LinkSpec forLink, ExtensionContext context);

        List<String> names(ExtensionContext context, LinkSpec forLink);
    }
}

package io.netharness.junit.internal;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.core.tcp.ProtocolFactory;
import io.netharness.junit.InProcessServer;
import io.netharness.junit.Protocol;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Validates an {@code @InProcessServer}, starts the server in the registry of its scope, and says what to inject.
 * A name is started once per scope: a link and a parameter that name the same server share it.
 */
final class ServerFactory {

    /** What messages say is valid. */
    static final String VALID_TYPES = "HarnessServer, InetSocketAddress or int (the port)";

    private ServerFactory() {}

    /** Checks the annotation and the declared type without starting anything. */
    public static void validate(Member member) {
        Misconfiguration problems = new Misconfiguration(InProcessServer.class, member);
        if (member.isFinalField()) {
            throw problems.requires("the field not be final, as NetHarness assigns it: remove `final`");
        }
        Class<?> type = member.type();
        if (type != HarnessServer.class && type != InetSocketAddress.class && type != int.class
                && type != Integer.class) {
            throw problems.requires("the " + member.kind() + "'s type be " + VALID_TYPES + " (was "
                    + type.getName() + ")");
        }
        InProcessServer annotation = annotation(member);
        boolean hasHandler = annotation.handler() != Void.class || !annotation.handlerMethod().isBlank();
        if (annotation.value() == ServerKind.HANDLER) {
            if (annotation.handler() != Void.class && !annotation.handlerMethod().isBlank()) {
                throw problems.problem("has conflicting handlers `handler` (" + annotation.handler().getSimpleName()
                        + ") and `handlerMethod` (\"" + annotation.handlerMethod() + "\"): set only one");
            }
            if (!hasHandler) {
                throw problems.requires("`handler` or `handlerMethod` be set, as the kind is HANDLER");
            }
            if (annotation.handler() != Void.class && !ProtocolFactory.class.isAssignableFrom(annotation.handler())) {
                throw problems.attribute("handler", "a class implementing ProtocolFactory",
                        annotation.handler().getName());
            }
        } else if (hasHandler) {
            throw problems.requires("`handler` and `handlerMethod` be left empty unless the kind is HANDLER"
                    + " (the kind is " + annotation.value() + ")");
        }
        if (annotation.value() == ServerKind.MULTICAST_SINK) {
            group(problems, annotation);
        } else if (!annotation.group().isBlank()) {
            throw problems.requires("`group` be left empty unless the kind is MULTICAST_SINK (the kind is "
                    + annotation.value() + ")");
        }
    }

    private static InetAddress group(Misconfiguration problems, InProcessServer annotation) {
        String text = annotation.group().isBlank() ? InProcessServer.DEFAULT_GROUP : annotation.group().trim();
        InetAddress address = null;
        if (text.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) { // a literal: never a name lookup
            try {
                address = InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        if (address == null || !address.isMulticastAddress()) {
            throw problems.attribute("group", "a multicast address literal such as \"239.255.0.1\" or"
                    + " \"ff02::1:3\"", annotation.group());
        }
        return address;
    }

    /** The server this member declares in the scope of {@code owner}, started now if not yet. */
    public static ManagedServer obtain(Member member, ExtensionContext owner) {
        validate(member);
        String name = Servers.serverName(member);
        Registry registry = Scopes.registry(owner);
        synchronized (registry) {
            Optional<ManagedServer> existing = registry.server(name);
            if (existing.isPresent()) {
                return existing.get();
            }
            HarnessServer server = create(member, owner);
            try {
                server.start();
            } catch (RuntimeException e) {
                server.close();
                throw new Misconfiguration(InProcessServer.class, member).problem("could not start: " + e, e);
            }
            Protocol protocol = server.kind() == ServerKind.MULTICAST_SINK ? Protocol.MULTICAST
                    : server.kind().isUdp() ? Protocol.UDP : Protocol.TCP;
            ManagedServer managed = new ManagedServer(name, protocol, server.address(), server, server);
            registry.add(managed);
            return managed;
        }
    }

    /** The value of the declared type: the server, its address or its port. */
    public static Object injectable(ManagedServer server, Class<?> type) {
        if (type == InetSocketAddress.class) {
            return server.address();
        }
        if (type == int.class || type == Integer.class) {
            return server.address().getPort();
        }
        return server.value();
    }

    private static HarnessServer create(Member member, ExtensionContext owner) {
        InProcessServer annotation = annotation(member);
        return switch (annotation.value()) {
            case ECHO -> HarnessServer.echo();
            case SINK -> HarnessServer.sink();
            case UDP_ECHO -> HarnessServer.udpEcho();
            case UDP_SINK -> HarnessServer.udpSink();
            case MULTICAST_SINK -> HarnessServer.multicastSink(
                    group(new Misconfiguration(InProcessServer.class, member), annotation));
            case HANDLER -> HarnessServer.of(factory(member, annotation, owner));
        };
    }

    private static ProtocolFactory factory(Member member, InProcessServer annotation, ExtensionContext owner) {
        Misconfiguration problems = new Misconfiguration(InProcessServer.class, member);
        if (annotation.handler() != Void.class) {
            Class<?> type = annotation.handler();
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                return (ProtocolFactory) ReflectionSupport.newInstance(constructor.getDeclaringClass());
            } catch (NoSuchMethodException e) {
                throw problems.attribute("handler", "a class with a constructor without parameters",
                        type.getName());
            } catch (RuntimeException e) {
                throw problems.problem("could not create its handler factory " + type.getName() + ": " + e, e);
            }
        }
        String name = annotation.handlerMethod();
        Class<?> testClass = owner.getRequiredTestClass();
        Method method = ReflectionSupport.findMethod(testClass, name)
                .filter(m -> ProtocolFactory.class.isAssignableFrom(m.getReturnType()))
                .orElseThrow(() -> problems.attribute("handlerMethod", "the name of a method without parameters"
                        + " returning ProtocolFactory in " + Member.className(testClass), name));
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (!isStatic && (member.isStatic() || owner.getTestInstance().isEmpty())) {
            throw problems.attribute("handlerMethod", "a static method, as the server is created before any"
                    + " test instance exists", name);
        }
        Object factory = ReflectionSupport.invokeMethod(method, isStatic ? null : owner.getRequiredTestInstance());
        if (factory == null) {
            throw problems.requires("`handlerMethod` " + name + "() return a ProtocolFactory (returned null)");
        }
        return (ProtocolFactory) factory;
    }

    static InProcessServer annotation(Member member) {
        return AnnotationSupport.findAnnotation(member.element(), InProcessServer.class).orElseThrow();
    }
}

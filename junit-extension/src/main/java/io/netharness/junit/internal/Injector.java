package io.netharness.junit.internal;

import io.netharness.junit.InProcessServer;
import io.netharness.junit.Network;
import io.netharness.junit.SimulatedLink;
import io.netharness.simulator.TcpLink;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

/** Creates what fields and parameters declare and hands it over; the extension's callbacks delegate here. */
public final class Injector {

    private static final System.Logger LOG = System.getLogger("io.netharness.junit");

    /** How long a link's connections may take to close after the test before they count as leaked. */
    private static final Duration LEAK_GRACE = Duration.ofMillis(500);

    private Injector() {}

    /** Static fields of the class of {@code context}: one server or link for all its tests. */
    public static void injectStaticFields(ExtensionContext context) {
        inject(context.getRequiredTestClass(), null, context, ModifierSupport::isStatic);
    }

    /** Instance fields of the test instances (outer ones too, for {@code @Nested}): one per test. */
    public static void injectInstanceFields(ExtensionContext context) {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, context, ModifierSupport::isNotStatic);
        }
    }

    private static void inject(Class<?> type, Object instance, ExtensionContext owner, Predicate<Field> which) {
        List<Field> serverFields = AnnotationSupport.findAnnotatedFields(type, InProcessServer.class, which,
                HierarchyTraversalMode.TOP_DOWN);
        List<Field> linkFields = AnnotationSupport.findAnnotatedFields(type, SimulatedLink.class, which,
                HierarchyTraversalMode.TOP_DOWN);
        // Validate everything before opening the first port.
        serverFields.forEach(field -> ServerFactory.validate(Member.of(field)));
        List<LinkSpec> specs = new ArrayList<>();
        linkFields.forEach(field -> specs.add(LinkSpecReader.read(Member.of(field))));
        for (Field field : serverFields) {
            ManagedServer server = ServerFactory.obtain(Member.of(field), owner);
            set(field, instance, ServerFactory.injectable(server, field.getType()));
        }
        Servers servers = new Servers(Optional.empty(), ServerFactory::obtain);
        for (int i = 0; i < linkFields.size(); i++) {
            set(linkFields.get(i), instance, Links.open(specs.get(i), owner, servers).link());
        }
    }

    private static void set(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("NetHarness could not assign " + Member.of(field).description()
                    + ": " + e, e);
        }
    }

    /**
     * Whether NetHarness resolves this parameter. A parameter of the simulator's {@code Topology} type is claimed
     * too, only to fail with a message naming the right import instead of JUnit's "No ParameterResolver registered".
     */
    public static boolean supports(ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        return parameter.isAnnotated(SimulatedLink.class) || parameter.isAnnotated(InProcessServer.class)
                || type == Network.class || type == io.netharness.simulator.topology.Topology.class;
    }

    /**
     * Resolves a parameter in the scope of {@code context}: the class for {@code @BeforeAll} methods, else the
     * test.
     */
    public static Object resolve(ParameterContext parameter, ExtensionContext context) {
        Parameter element = parameter.getParameter();
        Member member = Member.of(element);
        if (parameter.isAnnotated(SimulatedLink.class)) {
            LinkSpec spec = LinkSpecReader.read(member);
            Parameter[] siblings = element.getDeclaringExecutable().getParameters();
            return Links.open(spec, context, new Servers(Optional.of(siblings), ServerFactory::obtain)).link();
        }
        if (parameter.isAnnotated(InProcessServer.class)) {
            return ServerFactory.injectable(ServerFactory.obtain(member, context), member.type());
        }
        if (member.type() == io.netharness.simulator.topology.Topology.class) {
            throw new ExtensionConfigurationException("NetHarness injects " + Network.class.getName() + ", but "
                    + member.description() + " is declared " + member.type().getName() + " (the simulator's"
                    + " partition model for links you build yourself): declare " + Network.class.getName()
                    + " instead.");
        }
        return new NetworkView(context);
    }

    /**
     * Reports connections that the test left open through its own links. They are closed with the link, so
     * nothing leaks out of the test, but they usually mean the code under test forgot to close a client.
     */
    public static void reportLeaks(ExtensionContext test) {
        Registry registry = Scopes.existingRegistry(test).orElse(null);
        if (registry == null) {
            return;
        }
        long deadline = System.nanoTime() + LEAK_GRACE.toNanos();
        for (ManagedLink managed : registry.links()) {
            if (!(managed.link() instanceof TcpLink tcp)) {
                continue;
            }
            int open = openAfterGrace(tcp, deadline);
            if (open > 0) {
                String text = open + " connection(s) through link '" + managed.name() + "' still open at the end"
                        + " of the test: the code under test did not close them (NetHarness closes them now)";
                test.publishReportEntry("netharness.leak." + managed.name(), text);
                LOG.log(Level.WARNING, () -> test.getDisplayName() + ": " + text);
            }
        }
    }

    /** Connections still open through {@code link} once they closed or {@code deadlineNanos} passed. */
    private static int openAfterGrace(TcpLink link, long deadlineNanos) {
        try {
            return link.awaitNoOpenConnections(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))
                    ? 0 : link.openConnections();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the report is made with what is open now
            return link.openConnections();
        }
    }
}

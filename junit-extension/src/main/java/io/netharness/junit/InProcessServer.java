package io.netharness.junit;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a started in-process server from harness-core, listening on 127.0.0.1 with a free port, for links
 * (and the code under test) to talk to.
 *
 * <pre>{@code
 * @InProcessServer(ServerKind.ECHO)
 * static HarnessServer echo;
 *
 * @SimulatedLink(targetServer = "echo", latency = "10ms")
 * TcpLink link;
 * }</pre>
 *
 * <h2>Creation</h2>
 * The server is built and started before the links of the same scope, so that links can name it in
 * {@link SimulatedLink#targetServer()} by its field name (or {@link #name()}); a name is started once per scope, so
 * a parameter and a link naming it share one server. The field or parameter may be of type {@link HarnessServer}
 * (which records what echo and sink servers received, for assertions), {@link java.net.InetSocketAddress} (where
 * it listens) or {@code int} (its port). A parameter's server is named by {@link #name()}, else by its method and
 * position, as {@code test[0]}: its source name is never used, as it depends on {@code javac -parameters}.
 * A {@link ServerKind#HANDLER} server serves each connection with a protocol handler made by
 * {@link #handler()} (a class with a no-argument constructor) or {@link #handlerMethod()} (a static method of
 * the test class without parameters returning the factory).
 *
 * <h2>Scope</h2>
 * As for {@link SimulatedLink}: a static field lives for its class, an instance field or a test or
 * {@code @BeforeEach} parameter for one test, a {@code @BeforeAll} parameter for its class. Fields must not
 * be {@code final}. Links see the servers of their own scope and of the enclosing ones (class, outer class).
 *
 * <h2>Clean up</h2>
 * JUnit closes the server when its scope ends, after the links that lead to it; closing waits for its threads.
 * A server still holding its port after closing fails the test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@ExtendWith(NetHarnessExtension.class)
public @interface InProcessServer {

    /** What the server does. */
    ServerKind value() default ServerKind.ECHO;

    /**
     * The name links use in {@code targetServer}; {@code ""} means the field name, or for a parameter its method
     * and position ({@code test[0]}).
     */
    String name() default "";

    /** For {@link ServerKind#HANDLER}: the protocol handler factory class, with a no-argument constructor. */
    Class<?> handler() default Void.class;

    /** For {@link ServerKind#HANDLER}: a static method of the test class returning the handler factory. */
    String handlerMethod() default "";

    /**
     * For {@link ServerKind#MULTICAST_SINK}: the multicast group to join, e.g. {@code "239.255.0.1"}; {@code ""}
     * means {@value #DEFAULT_GROUP}. Each server gets its own port, so tests running in parallel do not hear each
     * other even on one group.
     */
    String group() default "";

    /** The group a {@link ServerKind#MULTICAST_SINK} joins unless told otherwise. */
    String DEFAULT_GROUP = "239.255.77.77";
}

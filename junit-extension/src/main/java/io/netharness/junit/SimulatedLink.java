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
 * Injects a started, impaired link between the code under test and a target: a field or parameter of type
 * {@link io.netharness.simulator.Link}, {@link io.netharness.simulator.TcpLink},
 * {@link io.netharness.simulator.UdpLink} or {@link io.netharness.simulator.MulticastLink} (the interface type
 * gets the protocol of its target server, see {@link #protocol()}). The code under test
 * talks to {@code link.address()} instead of the target; the link delays, drops, duplicates, reorders, corrupts
 * and rate-limits what crosses it, with every random decision derived from a seed that a failing test reports.
 *
 * <pre>{@code
 * @InProcessServer(ServerKind.ECHO)
 * static HarnessServer echo;
 *
 * @SimulatedLink(targetServer = "echo", latency = "20ms", jitter = "5ms", bandwidth = "1MB/s")
 * TcpLink link;
 *
 * @Test
 * void answersThroughASlowLink() throws IOException {
 *     // connect the code under test to link.address(), then:
 *     NetHarnessAssertions.assertThat(link).downstream().hasMeanDelayBetween(ofMillis(15), ofMillis(200));
 * }
 * }</pre>
 *
 * <h2>Creation</h2>
 * The link is built, started and injected before the first {@code @BeforeEach} (instance fields) or
 * {@code @BeforeAll} (static fields) method runs, and when a test or lifecycle method parameter is resolved.
 * All fields of a class are validated before the first port is opened. Exactly one target must be given:
 * {@link #target()}, {@link #targetServer()}, {@link #targetMethod()} or {@link #targetProperty()} (or a
 * {@link LinkTarget @LinkTarget} beside a composed annotation). Quantities are readable strings ({@code "20ms"},
 * {@code "1MB/s"}); probabilities are between 0.0 and 1.0. The annotation may be used as a meta-annotation to
 * define a profile once ({@code @Flaky3G}); see {@link LinkTarget}. A misconfigured annotation fails the test
 * (for a static field: the class) that uses it with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the class, the member, the
 * attribute, what would be valid and the bad value; for a parameter JUnit wraps it in a
 * {@code ParameterResolutionException}.
 *
 * <h2>Scope</h2>
 * A {@code static} field holds one link for all tests of its class (and its {@code @Nested} classes); an
 * instance field gets a new link for every test, like a parameter of a test or {@code @BeforeEach} method. A
 * parameter of a {@code @BeforeAll} method is class-scoped. Fields must not be {@code final}. Each test (and
 * class) gets its own seed, so links of tests run in parallel are independent; the link's seed is derived from
 * it and the link's field, or the parameter's method and position (see {@link NetHarnessSeed}), never from a
 * parameter's source name, so it is the same whether or not the class was compiled with {@code -parameters}. At
 * run time the test may change the link's profile, cut and heal it, or use a {@link Network} parameter to cut or
 * isolate several links by name (see {@link #name()}).
 *
 * <h2>Served by a real Toxiproxy</h2>
 * With the configuration parameter (or system property) {@code netharness.toxiproxy} set to a Toxiproxy API's
 * {@code host:port}, and netharness-toxiproxy-server on the test class path, a TCP link declared as the
 * {@link io.netharness.simulator.Link} interface is a proxy on that server instead
 * ({@code io.netharness.toxiproxy.ToxiproxyLink}); {@code netharness.toxiproxy.listen} says where the proxies
 * listen (default {@code 127.0.0.1:0}). Links declared {@code TcpLink}, and UDP and multicast links, stay
 * in-process. Latency, uniform jitter, bandwidth and {@link #faults()} (as Toxiproxy's connection toxics) can be
 * served so; anything else (loss, duplication, capture, ...) fails as a misconfiguration.
 *
 * <h2>Clean up</h2>
 * The link is closed by JUnit when its scope ends (after the test, or after the class), through the extension
 * context store; closing waits for the link's threads and releases its port and buffers, and a link still
 * holding its port afterwards fails the test. Connections the test left open through a test-scoped link are
 * reported ({@code netharness.leak.<name>} report entry and a warning through {@code System.Logger}). When a test
 * fails, its seeds, the text that replays them, and the profile and statistics of every link it could see are
 * attached to the failure itself (a suppressed exception's message) and published as report entries
 * ({@code netharness.seed}, {@code netharness.replay}, {@code netharness.link.<name>}); a skipped or misconfigured
 * test gets neither.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@ExtendWith(NetHarnessExtension.class)
public @interface SimulatedLink {

    /**
     * The link's name in failure reports and for {@link Network#link(String)} and {@link Network#cut(String...)};
     * {@code ""} means the field name, or for a parameter its method and position, as {@code survivesAnOutage[1]}
     * (a parameter's source name is in the class file only with {@code javac -parameters}, so it is never used).
     * The link's seed does not depend on its name.
     */
    String name() default "";

    /** A fixed target {@code host:port}, e.g. {@code "127.0.0.1:5432"} or {@code "[::1]:53"}. */
    String target() default "";

    /**
     * The name of an {@link InProcessServer @InProcessServer} of the same test (its field name, or its
     * {@link InProcessServer#name()}); the server is started first.
     */
    String targetServer() default "";

    /**
     * The name of a method of the test class, without parameters, that returns the target as an
     * {@link java.net.InetSocketAddress}, a {@code "host:port"} string or an {@code int} port on 127.0.0.1.
     * A static method serves static fields; for instance links it may also be an instance method. Use it when
     * the port is known only at run time, e.g. from a container.
     */
    String targetMethod() default "";

    /**
     * The name of a configuration parameter or system property whose value is a {@code host:port} or a port
     * on 127.0.0.1.
     */
    String targetProperty() default "";

    /** The transport; {@link Protocol#AUTO} takes it from the declared type or the target server. */
    Protocol protocol() default Protocol.AUTO;

    /** Base one-way delay of each direction, a duration such as {@code "20ms"}; {@code ""} means none. */
    String latency() default "";

    /** Variation of the delay around {@link #latency()}; at most the latency, so no delay is negative. */
    String jitter() default "";

    /** How delays are spread: {@code uniform}, {@code normal}, {@code pareto} or {@code pareto-normal}. */
    String distribution() default "uniform";

    /** Correlation of each delay with the previous one, 0.0 to 1.0. */
    double latencyCorrelation() default 0.0;

    /**
     * Whether jitter keeps datagrams in order, both directions: each leaves at its arrival plus its drawn delay, or
     * right after the datagram before it if that is later, so none overtakes another (explicit {@link #reorder()}
     * still does). Default {@code false}: a datagram drawn a shorter delay overtakes, as on a real path. TCP links
     * never reorder anyway. See {@link io.netharness.simulator.profile.Latency#keepingOrder()}.
     */
    boolean jitterKeepsOrder() default false;

    /**
     * Long-run share of datagrams (TCP: chunks, retransmitted after a stall) that are lost, 0.0 to 1.0. It stays the
     * rate whatever {@link #lossCorrelation()} or {@link #burstLength()} say: those only make losses cluster.
     */
    double loss() default 0.0;

    /**
     * Correlation of each loss decision with the previous one, 0.0 to 1.0: after a loss the next datagram is lost
     * with {@code loss + lossCorrelation * (1 - loss)}, after a delivery with {@code loss * (1 - lossCorrelation)},
     * so losses come in bursts of {@code 1 / ((1 - loss) * (1 - lossCorrelation))} on average while the rate stays
     * {@link #loss()} (unlike netem's {@code loss random P CORRELATION}, whose rate falls as the correlation grows).
     */
    double lossCorrelation() default 0.0;

    /**
     * Mean length of a loss burst in datagrams; {@code 0} means independent losses. With a burst length the
     * average loss rate stays {@link #loss()} but losses come in bursts (a Gilbert-Elliott model whose bad state
     * loses everything and lasts {@code burstLength} datagrams on average).
     */
    double burstLength() default 0.0;

    /**
     * netem's four-state loss model ({@code loss state p13 p31 p32 p23 p14}) instead of {@link #loss()}: exactly the
     * five probabilities {@code {p13, p31, p32, p23, p14}}, e.g. {@code lossStates = {0.01, 0.3, 0.2, 0.1, 0.005}}
     * (see {@link io.netharness.simulator.profile.Loss.FourState}); {@code {}} means none. The loss rate is then the chain's
     * own long-run rate ({@code Loss.FourState.meanRate()}, 3.5 % in the example), so {@code loss},
     * {@code lossCorrelation} and {@code burstLength} must stay 0.
     */
    double[] lossStates() default {};

    /** Probability that a datagram is delivered twice, 0.0 to 1.0. */
    double duplicate() default 0.0;

    /** Correlation of each duplication decision with the previous one, 0.0 to 1.0. */
    double duplicateCorrelation() default 0.0;

    /** Probability that a datagram is held back and overtaken by later ones, 0.0 to 1.0. */
    double reorder() default 0.0;

    /** How many later datagrams overtake a held one; at least 1. */
    int reorderGap() default 3;

    /** Longest time a datagram is held for reordering; the hold always ends, even if no traffic follows. */
    String reorderMaxHold() default "50ms";

    /** Probability that a datagram has one bit flipped, 0.0 to 1.0. */
    double corrupt() default 0.0;

    /** Rate limit of each direction, such as {@code "1MB/s"} or {@code "10Mbit/s"}; {@code ""} means none. */
    String bandwidth() default "";

    /** Largest datagram in bytes (UDP only); {@code 0} means no limit. See {@link #mtuAction()}. */
    int mtu() default 0;

    /** What happens to a datagram larger than {@link #mtu()}: {@code drop} (lost) or {@code truncate} (cut to fit). */
    String mtuAction() default "drop";

    /** Overrides for the client-to-target direction; unset attributes inherit the ones above. */
    Profile upstream() default @Profile;

    /** Overrides for the target-to-client direction; unset attributes inherit the ones above. */
    Profile downstream() default @Profile;

    /**
     * Faults in force before the link accepts its first connection (or datagram), e.g.
     * {@code faults = @Fault(value = RESET_PEER, after = "2s")} or
     * {@code faults = @Fault(value = DROP, when = @When(message = 3, framer = @Framing(Framing.Kind.RESP)))}; see
     * {@link Fault}. A UDP or multicast link takes PROFILE and CUT only.
     */
    Fault[] faults() default {};

    /**
     * A TCP link refuses its clients ({@code connect()}: "Connection refused") while its target refuses the link,
     * trying the target every 50 ms until it accepts; the client whose connection found the target down is reset.
     */
    boolean refuseWhileTargetRefuses() default false;

    /**
     * The link's seed as a decimal or {@code 0x} hexadecimal {@code long}; {@code ""} derives it from the seed of its
     * scope (the test's, or the class's for a static field or a {@code @BeforeAll} parameter; see
     * {@link NetHarnessSeed}) and the annotated member (its field, or its parameter's method and position), not from
     * the link's name.
     */
    String seed() default "";

    /**
     * Records what crosses the link to a pcap file, kept (and reported as {@code netharness.capture.<name>}) only if
     * the test fails; the directory is the configuration parameter {@code netharness.capture.directory}, by default
     * {@code target/netharness-captures}. TCP flows are written with a synthetic handshake, UDP datagrams as
     * they leave the link (after impairment).
     */
    boolean capture() default false;
}

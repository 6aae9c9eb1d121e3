package io.netharness.benchmarks.pertest;

import io.netharness.core.servers.HarnessServer;
import io.netharness.core.servers.ServerKind;
import io.netharness.junit.InProcessServer;
import io.netharness.simulator.TcpLink;
import io.netharness.simulator.UdpLink;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test classes measurement 12 runs through the JUnit Platform, written as a user writes them: an in-process
 * echo server for the class, and (but for the baselines) a fresh {@code @SimulatedLink} to it for every test. Each
 * invocation of the parameterized test is a test of its own, with its own instance and link.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** Baseline: the test talks to the echo server itself. */
    public static class NoLinkTcpTests {
        @InProcessServer(ServerKind.ECHO)
        static HarnessServer echo;

        @ParameterizedTest
        @MethodSource("io.netharness.benchmarks.pertest.TestTimes#runs")
        void echoesOneByte(int run) throws IOException {
            Exchanges.tcp(echo.address());
        }
    }

    /** A fresh TcpLink per test, in this JVM. */
    public static class TcpLinkTests {
        @InProcessServer(ServerKind.ECHO)
        static HarnessServer echo;

        @io.netharness.junit.SimulatedLink(targetServer = "echo")
        TcpLink link;

        @ParameterizedTest
        @MethodSource("io.netharness.benchmarks.pertest.TestTimes#runs")
        void echoesOneByte(int run) throws IOException {
            Exchanges.tcp(link.address());
        }
    }

    /**
     * A fresh link per test declared {@code SimulatedLink}: with the configuration parameter
     * {@code netharness.toxiproxy} set, a proxy on that Toxiproxy API (here serve in a process of its own).
     */
    public static class ToxiproxyLinkTests {
        @InProcessServer(ServerKind.ECHO)
        static HarnessServer echo;

        @io.netharness.junit.SimulatedLink(targetServer = "echo")
        io.netharness.simulator.Link link;

        @ParameterizedTest
        @MethodSource("io.netharness.benchmarks.pertest.TestTimes#runs")
        void echoesOneByte(int run) throws IOException {
            Exchanges.tcp(link.address());
        }
    }

    /** Baseline: the test sends to the UDP echo server itself. */
    public static class NoLinkUdpTests {
        @InProcessServer(ServerKind.UDP_ECHO)
        static HarnessServer echo;

        @ParameterizedTest
        @MethodSource("io.netharness.benchmarks.pertest.TestTimes#runs")
        void echoesOneDatagram(int run) throws IOException {
            Exchanges.udp(echo.address());
        }
    }

    /** A fresh UdpLink per test, in this JVM. */
    public static class UdpLinkTests {
        @InProcessServer(ServerKind.UDP_ECHO)
        static HarnessServer echo;

        @io.netharness.junit.SimulatedLink(targetServer = "echo")
        UdpLink link;

        @ParameterizedTest
        @MethodSource("io.netharness.benchmarks.pertest.TestTimes#runs")
        void echoesOneDatagram(int run) throws IOException {
            Exchanges.udp(link.address());
        }
    }
}

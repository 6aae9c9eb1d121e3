package io.netharness.benchmarks.lineup;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.endpoint.UdpEchoServer;
import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.NotMeasured;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every contender of the lineups, started as the measurements start it, relays intact; a lineup keeps skip reasons. */
@ResourceLock(Prerequisites.SHARED_PROXIES)
class LineupSmokeTest {

    @AfterAll
    static void stopSharedProxies() {
        SharedProxies.close();
    }

    static Stream<Named<Contender>> tcpContenders() {
        return Contenders.tcp().stream().map(LineupSmokeTest::named);
    }

    static Stream<Named<Contender>> udpContenders() {
        return Contenders.udp().stream().map(LineupSmokeTest::named);
    }

    private static Named<Contender> named(Contender contender) {
        return Named.of(contender.name() + " (" + contender.layout().label() + ")", contender);
    }

    @ParameterizedTest
    @MethodSource("tcpContenders")
    void everyTcpContenderEchoesRandomBytesIntact(Contender contender) throws Exception {
        byte[] sent = new byte[512 * 1024];
        new SplittableRandom(42).nextBytes(sent);
        byte[] received = new byte[sent.length];
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group);
             Hop hop = Prerequisites.available(() -> contender.open(echo.address()));
             Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.connect(hop.address(), 30_000);
            int block = 16 * 1024; // write a block, read it back: neither side's buffers can fill up
            for (int offset = 0; offset < sent.length; offset += block) {
                socket.getOutputStream().write(sent, offset, block);
                int read = 0;
                while (read < block) {
                    int got = socket.getInputStream().read(received, offset + read, block - read);
                    assertThat(got).as("bytes read at offset %d", offset + read).isPositive();
                    read += got;
                }
            }
        } finally {
            Loops.shutdown(group);
        }
        assertThat(received).isEqualTo(sent);
    }

    @ParameterizedTest
    @MethodSource("udpContenders")
    void everyUdpContenderEchoesEachDatagramWholeAndApart(Contender contender) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        try (UdpEchoServer echo = new UdpEchoServer();
             Hop hop = Prerequisites.available(() -> contender.open(echo.address()));
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            socket.connect(hop.address());
            for (int i = 0; i < 50; i++) {
                byte[] sent = new byte[random.nextInt(1, 1400)];
                random.nextBytes(sent);
                socket.send(new DatagramPacket(sent, sent.length));
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                socket.receive(reply);
                assertThat(Arrays.copyOf(reply.getData(), reply.getLength())).as("datagram %d", i).isEqualTo(sent);
            }
        }
    }

    @Test
    void aContenderThatCannotStartIsLeftOutWithItsReason() {
        Contender unavailable = new Contender("UNAVAILABLE", Layout.STANDALONE, Role.FLOOR, target -> {
            throw new NotMeasured("needs a tool this machine lacks");
        });
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group);
             Lineup lineup = Lineup.open(List.of(Contenders.DIRECT, unavailable), echo.address())) {
            assertThat(lineup.measured()).containsExactly(Contenders.DIRECT);
            assertThat(lineup.skipped(unavailable)).isEqualTo("needs a tool this machine lacks");
            assertThat(lineup.skipped(Contenders.DIRECT)).isNull();
            assertThat(lineup.floors()).isEmpty();
            assertThat(lineup.whyNoFloor()).isEqualTo("needs a tool this machine lacks");
            assertThat(lineup.address(Contenders.DIRECT)).isEqualTo(echo.address());
        } finally {
            Loops.shutdown(group);
        }
    }
}

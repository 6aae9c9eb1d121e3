package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up really carries traffic through every kind of link, perfect and impaired, leaves no thread
 * behind, and has run once a link of its kind has started. Run here with a generous time budget, so that a loaded
 * machine cannot cut it short. (What it saves is measured in the benchmarks: first use
 * in a fresh JVM, BENCHMARKS.md.)
 */
class LinkWarmupTest {

    /** Time enough for every datagram of the warm-up on a loaded machine (the links' own budget is 5 s). */
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @Test
    void udpWarmupRelaysHundredsOfDatagramsBothWaysThroughEveryImpairment() throws Exception {
        LinkStatistics carried = DatagramWarmup.udp(GENEROUS);

        assertThat(carried.upstream().datagramsIn()).as("%s", carried)
                .isEqualTo(1_200 + DatagramWarmup.LONE_DATAGRAMS);
        assertThat(carried.downstream().datagramsIn()).as("echoed back, %s", carried)
                .isGreaterThan(1_000 + DatagramWarmup.LONE_DATAGRAMS);
        assertThat(carried.upstream().dropped()).as("lost in the impaired half").isPositive();
        assertThat(carried.upstream().duplicated() + carried.upstream().corrupted() + carried.upstream().truncated()
                + carried.upstream().reordered()).as("other impairments, %s", carried).isPositive();
        assertNoWarmupThreadLeft();
    }

    @Test
    void multicastWarmupRelaysThroughAGroupOnLoopback() throws Exception {
        LinkStatistics carried = DatagramWarmup.multicast(GENEROUS);

        assertThat(carried).as("lo exists here").isNotNull();
        assertThat(carried.upstream().datagramsIn()).as("%s", carried).isEqualTo(1_200);
        assertNoWarmupThreadLeft();
    }

    @Test
    void tcpWarmupRelaysEightyConnections() throws Exception {
        LinkStatistics carried = StreamWarmup.tcp(GENEROUS);

        assertThat(carried.upstream().bytesDelivered()).as("%s", carried)
                .isEqualTo(carried.downstream().bytesDelivered()).isGreaterThan(80_000);
        assertNoWarmupThreadLeft();
    }

    @Test
    void aStartedLinkOfEachKindHasItsWarmupBehindIt() throws Exception {
        try (UdpPeer target = UdpPeer.receiver();
                UdpLink udp = UdpLink.builder().target(target.address()).build().start()) {
            assertThat(LinkWarmup.done(LinkWarmup.Kind.UDP)).isTrue();
        }
        try (TcpLink tcp = TcpLink.to(9).start()) {
            assertThat(LinkWarmup.done(LinkWarmup.Kind.TCP)).isTrue();
        }
    }

    private static void assertNoWarmupThreadLeft() throws InterruptedException {
        Waiting.until("the warm-up's echo threads to end", Duration.ofSeconds(15),
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("netharness-warmup-echo")));
    }
}

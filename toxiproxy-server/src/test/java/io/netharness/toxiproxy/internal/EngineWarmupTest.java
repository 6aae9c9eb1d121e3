package io.netharness.toxiproxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineWarmupTest {

    @Test
    void aWarmUpCarriesItsConnectionsAndDatagramsThroughTheEngineAndClosesWhatItOpened() throws Exception {
        List<LinkEngine.RunningLink> opened = new ArrayList<>();
        List<InetSocketAddress> listened = new ArrayList<>();
        try (SimulatorLinkEngine simulator = new SimulatorLinkEngine()) {
            LinkEngine recording = new LinkEngine() {
                @Override
                public RunningLink open(LinkRequest request) throws BindException {
                    RunningLink link = simulator.open(request);
                    opened.add(link);
                    listened.add(link.address());
                    return link;
                }

                @Override
                public void close() {
                }
            };

            EngineWarmup.Carried carried = EngineWarmup.run(recording, Duration.ofSeconds(60));

            assertThat(carried).isEqualTo(new EngineWarmup.Carried(EngineWarmup.CONNECTIONS, EngineWarmup.DATAGRAMS));
            assertThat(opened).hasSize(2);
            // Exchanges of 1 + (i % 16) * 256 bytes on TCP and datagrams of 1 + i bytes, each echoed whole.
            long tcpBytes = 0;
            for (int i = 0; i < EngineWarmup.CONNECTIONS; i++) {
                tcpBytes += 1 + (i % 16) * 256;
            }
            long udpBytes = 0;
            for (int i = 0; i < EngineWarmup.DATAGRAMS; i++) {
                udpBytes += 1 + i % 1_024;
            }
            assertThat(opened.get(0).statistics().upstream().bytesDelivered()).isEqualTo(tcpBytes);
            assertThat(opened.get(0).statistics().downstream().bytesDelivered()).isEqualTo(tcpBytes);
            assertThat(opened.get(1).statistics().upstream().bytesDelivered()).isEqualTo(udpBytes);
            assertThat(opened.get(1).statistics().downstream().bytesDelivered()).isEqualTo(udpBytes);
        }
        // Closed means released: both proxies' ports can be bound again at once.
        try (ServerSocket tcpPort = new ServerSocket();
             DatagramSocket udpPort = new DatagramSocket(null)) {
            tcpPort.bind(listened.get(0));
            udpPort.bind(listened.get(1));
        }
    }

    @Test
    void aWarmUpWhoseProxiesCannotOpenEndsWithoutThrowing() {
        LinkEngine refusing = new LinkEngine() {
            @Override
            public RunningLink open(LinkRequest request) throws BindException {
                throw new BindException("Address already in use");
            }

            @Override
            public void close() {
            }
        };

        assertThat(EngineWarmup.run(refusing, Duration.ofSeconds(5))).isEqualTo(new EngineWarmup.Carried(0, 0));
    }
}

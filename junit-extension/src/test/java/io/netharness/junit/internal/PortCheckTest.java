package io.netharness.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void tcpPortIsHeldWhileListeningAndFreeAfterClose() throws IOException {
        InetSocketAddress address;
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            address = (InetSocketAddress) listener.getLocalSocketAddress();
            assertThat(PortCheck.isFree(address, false)).isFalse();
        }
        assertThat(PortCheck.isFree(address, false)).isTrue();
    }

    @Test
    void udpPortIsHeldWhileBoundAndFreeAfterClose() throws IOException {
        InetSocketAddress address;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            address = (InetSocketAddress) socket.getLocalSocketAddress();
            assertThat(PortCheck.isFree(address, true)).isFalse();
        }
        assertThat(PortCheck.isFree(address, true)).isTrue();
    }
}

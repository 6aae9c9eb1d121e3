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

    @Test
    void aPortHeldThroughTheGraceIsReportedHeld() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
            assertThat(PortCheck.becomesFree(address, false, java.time.Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void aPortFreedDuringTheGraceCountsAsFree() throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
        java.util.concurrent.CompletableFuture<Void> release = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200); // the port must still be held when the check starts
                listener.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(PortCheck.becomesFree(address, false, java.time.Duration.ofSeconds(10))).isTrue();
        } finally {
            release.get(10, java.util.concurrent.TimeUnit.SECONDS);
            listener.close();
        }
    }
}

package io.netharness.benchmarks.pertest;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;

/** What each fixture test does with its link or server: one exchange, as a user's test would, then checks it. */
final class Exchanges {

    private static final int TIMEOUT_MILLIS = 10_000;

    private Exchanges() {
    }

    /** Connects, sends one byte, reads its echo; records the body's time; fails on a wrong echo. */
    static void tcp(InetSocketAddress address) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            socket.getOutputStream().write(42);
            int echoed = socket.getInputStream().read();
            if (echoed != 42) {
                throw new AssertionError("echo through " + address + " returned " + echoed + " (expected: 42)");
            }
        }
        TestTimes.body(start, System.nanoTime());
    }

    /** Sends one datagram and reads its echo; records the body's time; fails on a wrong or missing echo. */
    static void udp(InetSocketAddress address) throws IOException {
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(new byte[] {42}, 1, address));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            socket.receive(reply);
            if (reply.getLength() != 1 || reply.getData()[0] != 42) {
                throw new AssertionError("echo through " + address + " returned " + reply.getLength() + " bytes");
            }
        }
        TestTimes.body(start, System.nanoTime());
    }
}

package io.netharness.junit;

import io.netharness.simulator.TcpLink;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What fixtures run through the TestKit record for the test that ran them. */
final class Fixtures {

    /** Values recorded by fixtures, by a key the fixture chooses; cleared by the test that reads them. */
    static final Map<String, Object> RECORDED = new ConcurrentHashMap<>();

    private Fixtures() {}

    /**
     * Sends 40 distinct 16-byte messages through {@code link} to an echo, one at a time, and returns what came back:
     * with corruption on, which bits flipped is a fingerprint of the link's decisions.
     */
    static String corruptionFingerprint(TcpLink link) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Socket socket = Clients.connect(link.address())) {
            for (int i = 0; i < 40; i++) {
                String message = String.format("message %08d", i);
                socket.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
                all.append(new String(Clients.readFully(socket.getInputStream(), 16), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}

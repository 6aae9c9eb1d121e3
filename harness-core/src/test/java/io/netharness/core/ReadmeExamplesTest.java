package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.core.multicast.MulticastReceiver;
import io.netharness.core.multicast.MulticastSender;
import io.netharness.core.tcp.MultiClientServer;
import io.netharness.core.tcp.TcpClient;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.UdpPeer;
import io.netharness.core.udp.UdpPostboxPeer;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of harness-core/README.md, compiled and run so they cannot rot. Keep both in step. */
class ReadmeExamplesTest {

    @Test
    void tcpEcho() throws Exception {
        // README: tcp
        try (MultiClientServer server = new MultiClientServer(
                connection -> StreamComponent.map("shout", (Chunk c) -> Chunk.ofUtf8(c.toUtf8().toUpperCase())))) {
            server.start();
            try (TcpClient client = TcpClient.onEventLoop("127.0.0.1", server.port())) {   // or TcpClient.threaded
                client.start();
                client.inbox().put(Chunk.ofUtf8("hello"));
                Chunk reply = client.outbox().take(Duration.ofSeconds(5));                  // "HELLO"
                client.control().put(new Lifecycle.ProducerFinished());                      // send the rest, then close
                Lifecycle closed = client.signal().take(Duration.ofSeconds(5));             // SocketShutdown
        // README: end
                assertThat(reply.toUtf8()).isEqualTo("HELLO");
                assertThat(closed).isInstanceOf(Lifecycle.SocketShutdown.class);
            }
        }
    }

    @Test
    void udpRequestReply() throws Exception {
        // README: udp
        try (UdpPostboxPeer server = UdpPostboxPeer.builder().build()) {                   // 127.0.0.1:0
            server.start();
            try (UdpPeer client = UdpPeer.builder().target(server.localAddress()).build()) {
                client.start();
                client.inbox().put(Chunk.ofUtf8("ping"));
                Datagram request = server.outbox().take(Duration.ofSeconds(5));             // carries its sender
                server.inbox().put(request.reply(Chunk.ofUtf8("pong")));                     // addressed per message
                Datagram reply = client.outbox().take(Duration.ofSeconds(5));
                client.retarget(server.localAddress());                                      // change target at run time
        // README: end
                assertThat(request.sender()).isEqualTo(client.localAddress());
                assertThat(reply.text()).isEqualTo("pong");
            }
        }
    }

    @Test
    void multicast() throws Exception {
        InetAddress group = InetAddress.getByName("239.255.42." + (1 + (int) (Math.random() * 250)));
        // README: multicast
        try (MulticastReceiver receiver = MulticastReceiver.builder(group).build()) {      // joins on lo, port 0
            receiver.start();
            try (MulticastSender sender = MulticastSender.builder(receiver.group()).build()) {
                sender.start();
                sender.inbox().put(Chunk.ofUtf8("to the group"));
                Datagram received = receiver.outbox().take(Duration.ofSeconds(5));
                receiver.leaveGroup();                                                       // no more group traffic
        // README: end
                assertThat(received.text()).isEqualTo("to the group");
                assertThat(received.sender()).isEqualTo(sender.localAddress());
            }
        }
    }

    /** Every marked example above appears, verbatim but for indentation, in harness-core/README.md. */
    @Test
    void readmeShowsTheseExamples() throws Exception {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/io/netharness/core/ReadmeExamplesTest.java"));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        java.util.regex.Matcher regions = java.util.regex.Pattern
                .compile("// README: (\\w+)\n(.*?)\n\\s*// README: end", java.util.regex.Pattern.DOTALL)
                .matcher(source);
        int found = 0;
        while (regions.find()) {
            found++;
            String body = regions.group(2).stripIndent();
            assertThat(readme).as("README.md shows example '%s'", regions.group(1)).contains(body);
        }
        assertThat(found).isEqualTo(3);
    }
}

package io.netharness.benchmarks.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netharness.benchmarks.hop.Hop;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Another build's link, here this build's own class path loaded a second time, relays in this JVM on its own classes. */
class OtherBuildTest {

    @Test
    void aLinkOfTheOtherBuildRunsOnItsOwnClassesAndEchoes() throws Exception {
        EventLoopGroup group = Loops.newGroup(1);
        try (OtherBuild other = new OtherBuild(System.getProperty("java.class.path"));
             EchoServer echo = new EchoServer(group);
             Hop hop = other.tcpLink(echo.address());
             Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(hop.address(), 10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(new byte[] {1, 2, 3});
            assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
            ClassLoader loader = Class.forName("io.netharness.simulator.TcpLink", false, other.loaderForTests())
                    .getClassLoader();
            assertThat(loader).as("TcpLink loaded by the other build's loader, not this build's")
                    .isSameAs(other.loaderForTests())
                    .isNotSameAs(io.netharness.simulator.TcpLink.class.getClassLoader());
        } finally {
            Loops.shutdown(group);
        }
    }
}

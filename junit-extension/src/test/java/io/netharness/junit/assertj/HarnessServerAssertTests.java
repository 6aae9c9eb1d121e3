package io.netharness.junit.assertj;

import static io.netharness.junit.assertj.NetHarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.netharness.core.servers.HarnessServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HarnessServerAssertTests {

    @Test
    void receivedWithinWaitsForTheText() throws IOException {
        try (HarnessServer sink = HarnessServer.sink().start(); Socket client = new Socket()) {
            assertThat(sink).receivedNothing();
            client.connect(sink.address(), 10_000);
            OutputStream out = client.getOutputStream();
            out.write("hello ".getBytes(StandardCharsets.UTF_8));
            out.write("world".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(sink).receivedWithin(Duration.ofSeconds(10), "lo wor").receivedBytesWithin(Duration.ofSeconds(10), 11);
        }
    }

    @Test
    void receivedWithinFailurePrintsWhatArrived() throws IOException {
        try (HarnessServer sink = HarnessServer.sink().start(); Socket client = new Socket()) {
            client.connect(sink.address(), 10_000);
            client.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
            assertThat(sink).receivedBytesWithin(Duration.ofSeconds(10), 3);
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(sink).receivedWithin(Duration.ofMillis(50), "abcd"))
                    .withMessage("Expecting " + sink + " to receive \"abcd\" within 50ms but it received 3"
                            + " bytes: \"abc\"");
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(sink).receivedNothing())
                    .withMessage("Expecting " + sink + " to have received nothing but it received 3 bytes: \"abc\"");
        }
    }
}

package io.netharness.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportsTest {

    @Test
    void aBufferThatIsNeverReleasedIsReported() throws InterruptedException {
        leakOneBuffer();
        List<String> leaks = new ArrayList<>();
        // Bounded: the leak surfaces once the buffer is collected and another buffer is allocated.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (leaks.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10); // gives the reference handler time to enqueue; the loop is bounded
            Unpooled.directBuffer(1).release();
            leaks.addAll(LeakReports.drain());
        }
        assertThat(leaks).as("leaks reported within 10 s").isNotEmpty();
        assertThat(leaks.get(0)).contains("LEAK of ").contains("leakOneBuffer");
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = Unpooled.directBuffer(16);
        leaked.writeInt(42);
    }
}

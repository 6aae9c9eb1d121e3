package io.netharness.app;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Reads newline-terminated lines from a component's outbox, however TCP split them into chunks. */
final class LineReader {

    private final Outbox<Chunk> outbox;
    private Chunk pending = Chunk.empty();

    LineReader(Outbox<Chunk> outbox) {
        this.outbox = outbox;
    }

    /** The next line without its newline, waiting at most {@code timeout} in all. */
    String readLine(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < pending.size(); i++) {
                if (pending.byteAt(i) == '\n') {
                    byte[] bytes = pending.toByteArray();
                    pending = Chunk.of(java.util.Arrays.copyOfRange(bytes, i + 1, bytes.length));
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no complete line within " + Format.duration(timeout) + " from '" + outbox.name() + "'");
            }
            pending = pending.concat(outbox.take(Duration.ofNanos(left)));
        }
    }
}

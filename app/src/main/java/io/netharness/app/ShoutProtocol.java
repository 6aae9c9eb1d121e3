package io.netharness.app;

import io.netharness.core.Chunk;
import io.netharness.core.Lifecycle;
import io.netharness.core.StreamComponent;
import io.netharness.core.tcp.ConnectionInfo;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The demo's line protocol: every line a client sends comes back upper-cased; the line {@code bye} is
 * answered with {@code BYE} and the connection is then closed by the server. One instance per connection.
 */
final class ShoutProtocol extends StreamComponent<Chunk, Chunk> {

    private final ConnectionInfo connection;
    private final TrafficLog log;
    private final String area;
    // TCP delivers bytes, not lines: keep a partial line until its newline arrives.
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    ShoutProtocol(ConnectionInfo connection, TrafficLog log, String area) {
        super("ShoutProtocol[" + connection + "]");
        this.connection = connection;
        this.log = log;
        this.area = area;
    }

    @Override
    protected void onMessage(Chunk chunk, Emitter<Chunk> out) {
        for (int i = 0; i < chunk.size(); i++) {
            byte b = chunk.byteAt(i);
            if (b != '\n') {
                partial.write(b);
                continue;
            }
            String line = partial.toString(java.nio.charset.StandardCharsets.UTF_8);
            partial.reset();
            log.print(area, "server    <- " + connection.remotePort() + ": \"" + line + "\"");
            out.emit(Chunk.ofUtf8(line.toUpperCase(Locale.ROOT) + "\n"));
            if (line.equals("bye")) {
                out.signal(new Lifecycle.ProducerFinished()); // the server sends what is queued, then closes
            }
        }
    }
}

package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.Format;
import io.netharness.core.tcp.Connection;
import io.netharness.core.tcp.ConnectionSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link Connection} over one Netty channel; {@link #install} puts its handlers in the channel's pipeline. */
public final class ChannelConnection extends BoxedComponent<Chunk, Chunk> implements Connection {

    private final Channel channel;
    private final String name;
    private final Duration closeTimeout;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private ChannelConnection(Channel channel, String name, ConnectionSettings settings) {
        super(name, settings.boxCapacity());
        this.channel = channel;
        this.name = name;
        this.closeTimeout = settings.closeTimeout();
        channel.closeFuture().addListener(future -> closed.complete(null));
    }

    /** A connection for an accepted channel, with fresh boxes; call from the channel's initializer. */
    public static ChannelConnection accepted(Channel channel, ConnectionSettings settings) {
        String name = "Connection[" + Format.address(channel.remoteAddress()) + "]";
        ChannelConnection connection = new ChannelConnection(channel, name, settings);
        install(channel.pipeline(), settings, connection);
        return connection;
    }

    /** Adds the idle closer (if configured) and the bridge for {@code boxes} to {@code pipeline}. */
    public static void install(ChannelPipeline pipeline, ConnectionSettings settings,
            Component<Chunk, Chunk> boxes) {
        settings.idleTimeout().ifPresent(idle -> pipeline.addLast(IdleCloser.detector(idle),
                new IdleCloser(idle, boxes.signal())));
        pipeline.addLast(new ConnectionBridge(boxes.inbox(), boxes.outbox(), boxes.control(), boxes.signal()));
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public CompletionStage<Void> closed() {
        return closed.copy();
    }

    /** Does nothing: a connection is running from the moment it is handed out. */
    @Override
    public ChannelConnection start() {

        return this;
    }

    @Override
    public void close() {
        channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            Futures.awaitClosed(channel.closeFuture(), closeTimeout, toString());
        }
    }

    @Override
    public String toString() {
        return channel.isOpen()
                ? "Connection{" + Format.address(channel.localAddress()) + "<->"
                        + Format.address(channel.remoteAddress()) + "}"
                : "Connection{closed}";
    }

    /** The name used for this connection's boxes. */
    public String name() {
        return name;
    }
}

package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.tcp.Connection;
import io.netharness.core.tcp.ConnectionSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link Connection} over one Netty channel; {@link #install} puts its handlers in the channel's pipeline. */
public final class ChannelConnection implements Connection {

    private final Channel channel;
    private final String name;
    private final Duration closeTimeout;
    private final Inbox<Chunk> inbox;
    private final Outbox<Chunk> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private ChannelConnection(Channel channel, String name, Duration closeTimeout, Inbox<Chunk> inbox,
            Outbox<Chunk> outbox, Inbox<Lifecycle> control, Outbox<Lifecycle> signal) {
        this.channel = channel;
        this.name = name;
        this.closeTimeout = closeTimeout;
        this.inbox = inbox;
        this.outbox = outbox;
        this.control = control;
        this.signal = signal;
        channel.closeFuture().addListener(future -> closed.complete(null));
    }

    /** A connection for an accepted channel, with fresh boxes; call from the channel's initializer. */
    public static ChannelConnection accepted(Channel channel, ConnectionSettings settings) {
        String name = "Connection[" + Addresses.format(channel.remoteAddress()) + "]";
        ChannelConnection connection = new ChannelConnection(channel, name, settings.closeTimeout(),
                new Inbox<>(name + ".inbox", settings.boxCapacity()),
                new Outbox<>(name + ".outbox", settings.boxCapacity()),
                Inbox.unbounded(name + ".control"), Outbox.unbounded(name + ".signal"));
        install(channel.pipeline(), settings, connection.inbox, connection.outbox, connection.control,
                connection.signal);
        return connection;
    }

    /** Adds the idle closer (if configured) and the bridge for the given boxes to {@code pipeline}. */
    public static void install(ChannelPipeline pipeline, ConnectionSettings settings, Inbox<Chunk> inbox,
            Outbox<Chunk> outbox, Inbox<Lifecycle> control, Outbox<Lifecycle> signal) {
        settings.idleTimeout().ifPresent(idle -> pipeline.addLast(IdleCloser.detector(idle),
                new IdleCloser(idle, signal)));
        pipeline.addLast(new ConnectionBridge(inbox, outbox, control, signal));
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

    @Override
    public Inbox<Chunk> inbox() {
        return inbox;
    }

    @Override
    public Outbox<Chunk> outbox() {
        return outbox;
    }

    @Override
    public Inbox<Lifecycle> control() {
        return control;
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return signal;
    }

    /** Does nothing: a connection is running from the moment it is handed out. */
    @Override
    public void start() {
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
                ? "Connection{" + Addresses.format(channel.localAddress()) + "<->"
                        + Addresses.format(channel.remoteAddress()) + "}"
                : "Connection{closed}";
    }

    /** The name used for this connection's boxes. */
    public String name() {
        return name;
    }
}

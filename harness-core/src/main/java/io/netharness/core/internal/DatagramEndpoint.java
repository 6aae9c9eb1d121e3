package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.DatagramSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.function.Function;

/**
 * The engine under every UDP and multicast component: one datagram channel and its four boxes. Binding,
 * group membership, control messages and close live here; inbox messages become datagrams through an addressing
 * function in {@link OutgoingDatagrams}, and what the socket reads comes out of the outbox as {@link Datagram}s
 * through {@link IncomingDatagrams}, with back-pressure (reads pause while the outbox is full).
 *
 * @param <I> what the inbox takes: a {@link Chunk} for a targeted peer, a {@link Datagram} for a postbox
 */
public final class DatagramEndpoint<I> {

    /** Room for the largest datagram, so nothing read is ever truncated (Kamaelia cut at 1 KiB). */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;

    /**
     * Socket options beyond the settings.
     *
     * @param bindAddress where to bind
     * @param reuseAddress SO_REUSEADDR, so several receivers can share a multicast group's port
     * @param multicastInterface where multicast goes out and is joined; {@code null} for plain UDP
     * @param multicastTtl hops a multicast datagram may take
     */
    public record Options(InetSocketAddress bindAddress, boolean reuseAddress, NetworkInterface multicastInterface,
            int multicastTtl) {

        public static Options unicast(InetSocketAddress bindAddress) {
            return new Options(bindAddress, false, null, 1);
        }

        boolean ipv6() {
            return bindAddress.getAddress() instanceof Inet6Address;
        }
    }

    private final String owner;
    private final DatagramSettings settings;
    private final Options options;
    private final EventLoopGroup group;
    private final LifecycleState state;
    private final OutgoingDatagrams<I> outgoing;
    private final Outbox<Datagram> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;
    private volatile Channel channel;

    /**
     * @param owner names the component in messages and box names, e.g. {@code "UdpPeer"}
     * @param addressing turns an inbox message into the datagram to send; throws to refuse it
     */
    public DatagramEndpoint(String owner, DatagramSettings settings, Options options,
            Function<? super I, Datagram> addressing) {
        this.owner = owner;
        this.settings = settings;
        this.options = options;
        this.group = settings.eventLoopGroup().orElseGet(Transports::sharedGroup);
        this.state = new LifecycleState(owner);
        this.outbox = new Outbox<>(owner + ".outbox", settings.boxCapacity());
        this.control = Inbox.unbounded(owner + ".control");
        this.signal = Outbox.unbounded(owner + ".signal");
        this.outgoing = new OutgoingDatagrams<>(owner, options.bindAddress(), settings.boxCapacity(), addressing,
                signal, settings.closeTimeout());
    }

    public Inbox<I> inbox() {
        return outgoing.inbox();
    }

    public Outbox<Datagram> outbox() {
        return outbox;
    }

    public Inbox<Lifecycle> control() {
        return control;
    }

    public Outbox<Lifecycle> signal() {
        return signal;
    }

    /** Binds the socket (and nothing else); idempotent. Throws naming the address if it cannot bind. */
    public void start() {
        if (!state.tryStart()) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(Transports.datagramChannelFactory(group, options.ipv6()))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .option(ChannelOption.SO_REUSEADDR, options.reuseAddress())
                .handler(new IncomingDatagrams(owner, outbox, () -> outgoing.drain(false), this::socketClosed));
        if (options.multicastInterface() != null) {
            bootstrap.option(ChannelOption.IP_MULTICAST_IF, options.multicastInterface())
                    .option(ChannelOption.IP_MULTICAST_TTL, options.multicastTtl())
                    .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false);
            if (Transports.usesEpoll(group)) {
                // Linux otherwise hands a socket every group any other socket joined on its port.
                bootstrap.option(EpollChannelOption.IP_MULTICAST_ALL, false);
            }
        }
        ChannelFuture bind = bootstrap.bind(options.bindAddress());
        String where = Format.address(options.bindAddress());
        if (!Futures.await(bind, settings.closeTimeout(), "bind of " + where) || !bind.isSuccess()) {
            bind.channel().close();
            closeBoxes(owner + " could not bind " + where);
            state.tryClose();
            throw failure("cannot bind " + where, bind.cause() != null ? bind.cause()
                    : new IOException("bind timed out after " + settings.closeTimeout()));
        }
        channel = bind.channel();
        outgoing.attach(channel, this::finished);
        control.onArrival(() -> channel.eventLoop().execute(this::handleControl));
    }

    /** See {@link OutgoingDatagrams#afterSending}. */
    public void afterSending(Runnable change) {
        outgoing.afterSending(change);
    }

    /** See {@link OutgoingDatagrams#afterSendingAsync}. */
    public void afterSendingAsync(Runnable change) {
        outgoing.afterSendingAsync(change);
    }

    private void handleControl() {
        Lifecycle message;
        while ((message = control.poll()) != null) {
            if (message instanceof Lifecycle.ProducerFinished) {
                outgoing.finish();
            } else if (message instanceof Lifecycle.ServerShutdown) {
                channel.close();
            }
        }
    }

    /** The last write of a finish completed: close and pass the finish on. */
    private void finished() {
        // Refuse more input before anyone hears of the finish; a message that slipped in is reported on close.
        closeBoxes(owner + " has finished (ProducerFinished)");
        channel.close().addListener(closed -> signal.offer(new Lifecycle.ProducerFinished()));
    }

    /** The socket closed, by close() or by itself: refuse more input and report what was never sent. */
    private void socketClosed() {
        outgoing.inbox().onArrival(null);
        control.onArrival(null);
        closeBoxes(owner + "'s socket is closed");
        outgoing.reportUnsent("closed its socket");
    }

    /** Joins {@code group} on {@code networkInterface}; returns once joined, throws naming both if it cannot. */
    public void joinGroup(InetAddress multicastGroup, NetworkInterface networkInterface) {
        DatagramChannel ch = started("join " + multicastGroup.getHostAddress());
        ChannelFuture join = ch.joinGroup(multicastGroup, networkInterface, null);
        awaitMembership(join, "join", multicastGroup, networkInterface);
    }

    /** Leaves {@code group} on {@code networkInterface}; returns once left. */
    public void leaveGroup(InetAddress multicastGroup, NetworkInterface networkInterface) {
        DatagramChannel ch = started("leave " + multicastGroup.getHostAddress());
        ChannelFuture leave = ch.leaveGroup(multicastGroup, networkInterface, null);
        awaitMembership(leave, "leave", multicastGroup, networkInterface);
    }

    private void awaitMembership(ChannelFuture future, String verb, InetAddress multicastGroup,
            NetworkInterface networkInterface) {
        String what = verb + " group " + multicastGroup.getHostAddress() + " on " + networkInterface.getName();
        if (!Futures.await(future, settings.closeTimeout(), what) || !future.isSuccess()) {
            throw failure("cannot " + what, future.cause() != null ? future.cause()
                    : new IOException(verb + " timed out after " + settings.closeTimeout()));
        }
    }

    private DatagramChannel started(String action) {
        state.checkStarted(action);
        return (DatagramChannel) channel;
    }

    /** The bound address; throws unless started. */
    public InetSocketAddress localAddress() {
        state.checkStarted("read the address");
        return (InetSocketAddress) channel.localAddress();
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    /** Closes the socket and waits for it (except on its own event loop); idempotent. */
    public void close() {
        if (!state.tryClose()) {
            return;
        }
        outgoing.inbox().onArrival(null);
        control.onArrival(null);
        closeBoxes(owner + " is closed");
        Channel ch = channel;
        if (ch == null) {
            outgoing.reportUnsent("was closed without being started");
            return;
        }
        ch.close();
        if (!ch.eventLoop().inEventLoop()) {
            Futures.awaitClosed(ch.closeFuture(), settings.closeTimeout(), owner);
        }
    }

    private void closeBoxes(String reason) {
        outgoing.inbox().close(reason);
        control.close(reason);
    }

    public boolean isClosed() {
        return state.isClosed();
    }

    /** {@code Owner{new}}, {@code Owner{127.0.0.1:4000<extra>}}, {@code Owner{closed}}. */
    public String describe(String extra) {
        return state.describe(() -> {
            Channel ch = channel;
            return (ch == null || ch.localAddress() == null ? "binding" : Format.address(ch.localAddress())) + extra;
        });
    }

    private static RuntimeException failure(String message, Throwable cause) {
        String full = message + ": " + cause.getMessage();
        return cause instanceof IOException io ? new UncheckedIOException(full, io) : new IllegalStateException(full, cause);
    }


}

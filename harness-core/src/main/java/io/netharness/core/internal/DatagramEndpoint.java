package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.udp.Datagram;
import io.netharness.core.udp.DatagramSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The engine under every UDP and multicast component: one datagram channel, its four boxes, and the
 * moves between them. Inbox messages become datagrams through an addressing function; what the socket
 * reads comes out of the outbox as {@link Datagram}s, with back-pressure (reads pause while it is full).
 *
 * @param <I> what the inbox takes: a {@link Chunk} for a targeted peer, a {@link Datagram} for a postbox
 */
public final class DatagramEndpoint<I> {

    /** Room for the largest datagram, so nothing read is ever truncated (Kamaelia cut at 1 KiB). */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;
    private static final System.Logger LOG = System.getLogger(DatagramEndpoint.class.getName());

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
    private final Function<? super I, Datagram> addressing;
    private final EventLoopGroup group;
    private final LifecycleState state;
    private final Inbox<I> inbox;
    private final Outbox<Datagram> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Channel channel;
    // Touched on the channel's event loop only.
    private boolean finishing;
    private ChannelFuture lastWrite;

    /**
     * @param owner names the component in messages and box names, e.g. {@code "UdpPeer"}
     * @param addressing turns an inbox message into the datagram to send; throws to refuse it
     */
    public DatagramEndpoint(String owner, DatagramSettings settings, Options options,
            Function<? super I, Datagram> addressing) {
        this.owner = owner;
        this.settings = settings;
        this.options = options;
        this.addressing = addressing;
        this.group = settings.eventLoopGroup().orElseGet(Transports::sharedGroup);
        this.state = new LifecycleState(owner);
        this.inbox = new Inbox<>(owner + ".inbox", settings.boxCapacity(), this::validate);
        this.outbox = new Outbox<>(owner + ".outbox", settings.boxCapacity());
        this.control = Inbox.unbounded(owner + ".control");
        this.signal = Outbox.unbounded(owner + ".signal");
    }

    public Inbox<I> inbox() {
        return inbox;
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

    /** Refuses, on the sender's thread, what could never be sent. */
    private void validate(I message) {
        Datagram datagram = addressing.apply(message);
        InetSocketAddress recipient = datagram.recipient();
        if (recipient.isUnresolved()) {
            throw new IllegalArgumentException("recipient: " + recipient + " (expected: a resolved address)");
        }
        if (recipient.getPort() < 1 || recipient.getPort() > 65_535) {
            throw new IllegalArgumentException("recipient port: " + recipient.getPort() + " (expected: 1-65535)");
        }
        boolean recipientIpv6 = recipient.getAddress() instanceof Inet6Address;
        if (recipientIpv6 != options.ipv6()) {
            throw new IllegalArgumentException("recipient: " + Addresses.format(recipient) + " (expected: an "
                    + (options.ipv6() ? "IPv6" : "IPv4") + " address, as " + owner + " is bound to "
                    + Addresses.format(options.bindAddress()) + ")");
        }
        int max = Datagram.maxPayload(recipient);
        int size = datagram.content().size();
        if (size > max) {
            throw new IllegalArgumentException("datagram: " + size + " bytes to " + Addresses.format(recipient)
                    + " (expected: 0-" + max + ", the largest UDP payload over " + (recipientIpv6 ? "IPv6" : "IPv4")
                    + ")");
        }
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
                .handler(new Bridge());
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
        String where = Addresses.format(options.bindAddress());
        if (!Futures.await(bind, settings.closeTimeout(), "bind of " + where) || !bind.isSuccess()) {
            bind.channel().close();
            closeBoxes(owner + " could not bind " + where);
            state.tryClose();
            throw failure("cannot bind " + where, bind.cause() != null ? bind.cause()
                    : new IOException("bind timed out after " + settings.closeTimeout()));
        }
        channel = bind.channel();
        inbox.onArrival(this::scheduleDrain);
        control.onArrival(() -> channel.eventLoop().execute(this::handleControl));
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
        state.checkStarted("read the local address");
        return (InetSocketAddress) channel.localAddress();
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    /**
     * Runs {@code change} on the socket's event loop after everything already in the inbox was sent, and
     * waits for it; so a change of target applies exactly from the next message put. Before start, or on
     * the event loop itself, runs it at once.
     */
    public void afterSending(Runnable change) {
        Channel ch = channel;
        if (ch == null || ch.eventLoop().inEventLoop()) {
            if (ch != null) {
                drain(true);
            }
            change.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ch.eventLoop().execute(() -> {
            try {
                drain(true);
                change.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing " + owner, e);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException(owner + ": change not applied within " + settings.closeTimeout(), e);
        }
    }

    /**
     * Like {@link #afterSending} but without waiting, for callers that must not block (an inbox listener):
     * {@code change} runs on the socket's event loop after the messages queued so far were sent.
     */
    public void afterSendingAsync(Runnable change) {
        Channel ch = channel;
        if (ch == null) {
            change.run();
            return;
        }
        ch.eventLoop().execute(() -> {
            drain(true);
            change.run();
        });
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                drainScheduled.set(false);
                drain(false);
            });
        }
    }

    /** Sends inbox messages while the socket is writable ({@code force}: all of them). */
    private void drain(boolean force) {
        Channel ch = channel;
        if (!ch.isActive()) {
            return;
        }
        boolean wrote = false;
        I message;
        while ((force || ch.isWritable()) && (message = inbox.poll()) != null) {
            send(ch, addressing.apply(message));
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
        if (finishing && inbox.isEmpty()) {
            finish(ch);
        }
    }

    private void send(Channel ch, Datagram datagram) {
        InetSocketAddress recipient = datagram.recipient();
        int bytes = datagram.content().size();
        ChannelFuture write = ch.write(new DatagramPacket(
                Unpooled.wrappedBuffer(datagram.content().asReadOnlyBuffer()), recipient));
        write.addListener(future -> {
            if (!future.isSuccess()) {
                LOG.log(Level.DEBUG, () -> owner + ": sending " + bytes + " bytes to " + recipient + " failed", future.cause());
                signal.offer(new Lifecycle.SendFailed(recipient, bytes, future.cause()));
            }
        });
        lastWrite = write;
    }

    private void handleControl() {
        Lifecycle message;
        while ((message = control.poll()) != null) {
            if (message instanceof Lifecycle.ProducerFinished) {
                finishing = true;
                drain(true);
            } else if (message instanceof Lifecycle.ServerShutdown) {
                channel.close();
            }
        }
    }

    /** After the last write completed: close and pass the finish on. */
    private void finish(Channel ch) {
        finishing = false;
        // Refuse more input before anyone hears of the finish; a message that slipped in is reported on close.
        closeBoxes(owner + " has finished (ProducerFinished)");
        Runnable closeAndSignal = () -> ch.close().addListener(closed -> signal.offer(new Lifecycle.ProducerFinished()));
        if (lastWrite == null || lastWrite.isDone()) {
            closeAndSignal.run();
        } else {
            lastWrite.addListener(written -> closeAndSignal.run());
        }
    }

    /** Closes the socket and waits for it (except on its own event loop); idempotent. */
    public void close() {
        if (!state.tryClose()) {
            return;
        }
        inbox.onArrival(null);
        control.onArrival(null);
        closeBoxes(owner + " is closed");
        Channel ch = channel;
        if (ch == null) {
            reportUnsent("was closed without being started");
            return;
        }
        ch.close();
        if (!ch.eventLoop().inEventLoop()) {
            Futures.awaitClosed(ch.closeFuture(), settings.closeTimeout(), owner);
        }
    }

    private void closeBoxes(String reason) {
        inbox.close(reason);
        control.close(reason);
    }

    /** Nothing accepted is dropped in silence: what the inbox still holds when the socket closes is reported. */
    private void reportUnsent(String why) {
        I message;
        while ((message = inbox.poll()) != null) {
            Datagram datagram;
            try {
                datagram = addressing.apply(message);
            } catch (RuntimeException noAddress) {
                I dropped = message;
                LOG.log(Level.DEBUG, () -> owner + ": dropping unaddressable " + dropped + " on close", noAddress);
                continue;
            }
            signal.offer(new Lifecycle.SendFailed(datagram.recipient(), datagram.content().size(),
                    new IOException(owner + " " + why + " before sending it")));
        }
    }

    public boolean isClosed() {
        return state.isClosed();
    }

    /** {@code Owner{new}}, {@code Owner{127.0.0.1:4000<extra>}}, {@code Owner{closed}}. */
    public String describe(String extra) {
        return state.describe(() -> {
            Channel ch = channel;
            return (ch == null || ch.localAddress() == null ? "binding" : Addresses.format(ch.localAddress())) + extra;
        });
    }

    private static RuntimeException failure(String message, Throwable cause) {
        String full = message + ": " + cause.getMessage();
        return cause instanceof IOException io ? new UncheckedIOException(full, io) : new IllegalStateException(full, cause);
    }

    /** Copies what the socket reads into the outbox, pausing reads while the outbox is full. */
    private final class Bridge extends ChannelInboundHandlerAdapter {

        private final HeldBackReads<Datagram> reads = new HeldBackReads<>(outbox, this::resumeReading);
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            reads.attach(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Datagram datagram;
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                datagram = new Datagram(Chunk.copyOf(packet.content().nioBuffer()), packet.sender(),
                        packet.recipient());
            } finally {
                packet.release();
            }
            reads.deliver(datagram);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                drain(false);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A read error on a datagram socket (e.g. an ICMP error reported late) does not end it.
            LOG.log(Level.DEBUG, () -> owner + ": socket error", cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inbox.onArrival(null);
            control.onArrival(null);
            closeBoxes(owner + "'s socket is closed");
            reportUnsent("closed its socket");
            ctx.fireChannelInactive();
        }

        private void resumeReading() {
            if (ctx.channel().isOpen()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }
}

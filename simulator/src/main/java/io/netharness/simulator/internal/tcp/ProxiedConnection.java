package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.DropCause;
import io.netharness.simulator.internal.pcap.TcpFlow;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One client connection through a TCP link and its connection to the target: the two channels, the two
 * {@link DirectionPath}s between them, the faults in force and the close logic.
 *
 * <p>Close logic: a FIN from one side is passed on (as a half-close) once the data before it was delivered; when
 * both sides have finished, both channels close. A side that closes or resets outright ends the connection: what
 * it sent is still delivered, then the other side is closed (reset if it was reset). Everything held is released
 * when the connection closes. While a blackhole holds a direction, the sender's FIN, close or reset in that direction
 * is held too (in TCP it is sequenced after the data that is never delivered) and passed on once the blackhole is
 * removed; the bytes it swallowed stay gone.
 *
 * <p>Accounting: every byte read from either side is counted by the link's counters as delivered or, under the
 * cause the connection ended for ({@link DropCause}), as dropped. A write that fails while the connection is open
 * resets both sides: a peer must never take a shortened stream for a complete one.
 *
 * <p>Threads: both channels are registered on the same event loop, and every method runs on it (callers from
 * other threads go through {@link #execute(Runnable)}), so no state here needs locking.
 */
final class ProxiedConnection {

    private static final System.Logger LOG = System.getLogger(ProxiedConnection.class.getName());

    /** What the connection needs from its link. */
    interface Link {
        /** Wires a path for one direction (counters, budget, slicer generator). */
        DirectionPath path(Direction direction, ProxiedConnection connection, Channel sender, Channel receiver);

        /** The link's counters of {@code direction}. */
        DirectionCounters counters(Direction direction);

        /** Faults now in force, to apply to a connection that just opened. */
        Iterable<RegisteredFault> faults();

        boolean isCut();

        /** A capture flow for a connection from {@code client} to the target, or null when the link does not record. */
        TcpFlow capture(InetSocketAddress client);

        /**
         * Connecting to the target failed with {@code cause}; true if the link now refuses its clients because the
         * target refused it, so this client must see a reset rather than a clean close.
         */
        boolean targetRefused(Throwable cause);

        /** Something other than the network failed while relaying (see {@link ProxiedConnection#failed}). */
        void failed(ProxiedConnection connection, Throwable cause);

        /** The connection has closed both channels; forget it. */
        void closed(ProxiedConnection connection);
    }

    private final long index;
    private final SocketChannel client;
    private final Link link;
    private final ConnectionFaults faults;
    private volatile Channel target;
    private TcpFlow capture;
    private DirectionPath upstream;
    private DirectionPath downstream;
    private boolean upstreamFinished;
    private boolean downstreamFinished;
    private boolean clientReset;
    private boolean targetReset;
    private boolean closing;
    /** Both sockets have SO_LINGER 0: closing them sends RST (see {@link ConnectionFaults#resetsOnClose}). */
    private boolean resetsOnClose;
    /** Why bytes still held when the connection closes are not delivered. */
    private DropCause endCause = DropCause.CONNECTION_ENDED;
    private int openChannels;
    /** What the client sent before the target connection was up (see {@link #read}); owned here until start. */
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private boolean earlyInputShutdown;
    /** A close (FIN, close or reset) per direction held back by a blackhole, run once it is removed. */
    private final EnumMap<Direction, Runnable> heldCloses = new EnumMap<>(Direction.class);

    ProxiedConnection(long index, SocketChannel client, long linkSeed, Link link) {
        this.index = index;
        this.client = client;
        this.link = link;
        this.faults = new ConnectionFaults(client.eventLoop(), linkSeed, index, new ConnectionFaults.Actions() {
            @Override
            public void reset(Set<Direction> directions) {
                endingFor(DropCause.FAULT);
                directions.forEach(direction -> abort(receiverOf(direction)));
                ProxiedConnection.this.close();
            }

            @Override
            public void close() {
                endingFor(DropCause.FAULT);
                ProxiedConnection.this.close();
            }

            @Override
            public void endAfterDelivery(Set<Direction> drain, Set<Direction> resetReceivers) {
                ProxiedConnection.this.endAfterDelivery(drain, resetReceivers);
            }

            @Override
            public void changed() {
                if (started() && !closing) {
                    upstream.refreshHold();
                    downstream.refreshHold();
                    releaseHeldCloses();
                }
            }
        });
    }

    long index() {
        return index;
    }

    EventLoop loop() {
        return client.eventLoop();
    }

    ConnectionFaults faults() {
        return faults;
    }

    /** The capture flow of this connection, or null; set once relaying starts. */
    TcpFlow capture() {
        return capture;
    }

    void execute(Runnable task) {
        loop().execute(task);
    }

    /** Connects to the target on the client's event loop; relaying starts when that succeeds. */
    void open(Bootstrap targetBootstrap, SocketAddress targetAddress) {
        ChannelFuture connect = targetBootstrap.clone(loop()).handler(new RelayHandler(this, false))
                .connect(targetAddress);
        target = connect.channel();
        openChannels = 2;
        // The client's handler goes in now, not at start: Netty reads a peer's FIN, and the data before it, even
        // with auto-read off, and what reaches the end of the pipeline is dropped.
        client.pipeline().addLast(new RelayHandler(this, true));
        client.closeFuture().addListener(f -> channelGone());
        target.closeFuture().addListener(f -> channelGone());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(Level.DEBUG, () -> this + ": target " + targetAddress + " refused: " + f.cause());
                endingFor(DropCause.TARGET_UNAVAILABLE);
                if (link.targetRefused(f.cause())) {
                    abort(client);
                }
                close();
            } else if (!client.isActive() || closing) {
                close();
            } else {
                start();
            }
        });
    }

    private void start() {
        capture = link.capture(client.remoteAddress());
        upstream = link.path(Direction.UPSTREAM, this, client, target);
        downstream = link.path(Direction.DOWNSTREAM, this, target, client);
        if (ConnectionFaults.resetsOnClose(link.faults())) {
            // A Toxiproxy reset_peer registered: every close of this connection resets both peers, as in Toxiproxy.
            resetsOnClose = true;
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            target.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        for (RegisteredFault fault : link.faults()) {
            faults.apply(fault);
        }
        hold(link.isCut());
        if (!early.isEmpty()) {
            for (ByteBuf chunk; (chunk = early.poll()) != null; ) {
                upstream.chunk(chunk);
            }
            upstream.readComplete();
        }
        if (earlyInputShutdown) {
            inputShutdown(true);
        }
        upstream.updateReading();
        downstream.updateReading();
    }

    /** A chunk read from one side; before start (only the client can send then) it waits for the path. */
    void read(boolean clientSide, ByteBuf chunk) {
        if (closing) {
            dropUnread(clientSide ? Direction.UPSTREAM : Direction.DOWNSTREAM, chunk);
        } else if (!started()) {
            early.add(chunk);
        } else {
            sentBy(clientSide).chunk(chunk);
        }
    }

    void readComplete(boolean clientSide) {
        if (started() && !closing) {
            sentBy(clientSide).readComplete();
        }
    }

    void writabilityChanged(boolean clientSide) {
        if (started() && !closing) {
            receivedBy(clientSide).receiverWritabilityChanged();
        }
    }

    private boolean started() {
        return upstream != null;
    }

    /** The path whose sender is the client side (upstream) or the target side (downstream). */
    DirectionPath sentBy(boolean clientSide) {
        return clientSide ? upstream : downstream;
    }

    /** The path whose receiver is the client side (downstream) or the target side (upstream). */
    DirectionPath receivedBy(boolean clientSide) {
        return clientSide ? downstream : upstream;
    }

    /** A FIN arrived on one side: pass a half-close on once the data before it is delivered. */
    void inputShutdown(boolean clientSide) {
        if (closing) {
            return;
        }
        if (!started()) {
            earlyInputShutdown |= clientSide;
            return;
        }
        DirectionPath path = sentBy(clientSide);
        Direction direction = path.direction();
        Channel receiver = clientSide ? target : client;
        path.senderDone(() -> unlessBlackholed(direction, () -> afterCloseDelay(direction,
                () -> afterWritten(receiver, () -> {
            if (closing) {
                return;
            }
            if (receiver instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
                if (capture != null) {
                    capture.fin(direction);
                }
            }
            if (direction == Direction.UPSTREAM) {
                upstreamFinished = true;
            } else {
                downstreamFinished = true;
            }
            if (upstreamFinished && downstreamFinished) {
                close();
            }
        }))));
    }

    /** An I/O error (typically a reset) on one side; the channel closes next and the reset is passed on. */
    void resetBy(boolean clientSide) {
        if (clientSide) {
            clientReset = true;
        } else {
            targetReset = true;
        }
        (clientSide ? client : target).close();
    }

    /** One side's channel closed: deliver what it sent, then close (or reset) the other side. */
    void channelClosed(boolean clientSide) {
        if (closing || !started()) {
            close();
            return;
        }
        receivedBy(clientSide).receiverGone();
        DirectionPath path = sentBy(clientSide);
        boolean reset = clientSide ? clientReset : targetReset;
        Channel receiver = clientSide ? target : client;
        path.senderDone(() -> unlessBlackholed(path.direction(), () -> afterCloseDelay(path.direction(), () -> {
            if (reset) {
                abort(receiver);
                close();
            } else {
                afterWritten(receiver, this::close);
            }
        })));
    }

    /**
     * Runs {@code close} (the passing on of the sender's FIN, close or reset in {@code direction}) now, or, while a
     * blackhole holds the direction, once it is removed: data that is never delivered is never followed by its FIN.
     */
    private void unlessBlackholed(Direction direction, Runnable close) {
        if (closing) {
            return;
        }
        if (faults.holdsClose(direction)) {
            heldCloses.put(direction, close);
            faults.arrived(direction); // the end of the stream starts a Toxiproxy reset's timer, as data does
        } else {
            close.run();
        }
    }

    /** A fault was removed: pass on each held close whose direction no blackhole holds any more. */
    private void releaseHeldCloses() {
        for (Direction direction : Direction.values()) {
            Runnable close = heldCloses.get(direction);
            if (close != null && !closing && !faults.holdsClose(direction)) {
                heldCloses.remove(direction);
                close.run();
            }
        }
    }

    /**
     * A fault ends the connection at a point of the stream: nothing more is read in the directions of {@code drain};
     * once what they hold has been delivered (and written to the sockets), the receivers of {@code resetReceivers}
     * get a reset, and the connection closes.
     */
    void endAfterDelivery(Set<Direction> drain, Set<Direction> resetReceivers) {
        if (closing || !started()) {
            return;
        }
        int[] pending = {drain.size()};
        for (Direction direction : drain) {
            path(direction).drainThen(() -> {
                if (--pending[0] == 0) {
                    afterWrittenAll(drain.iterator(), () -> {
                        endingFor(DropCause.FAULT);
                        resetReceivers.forEach(reset -> abort(receiverOf(reset)));
                        close();
                    });
                }
            });
        }
    }

    private void afterWrittenAll(java.util.Iterator<Direction> directions, Runnable action) {
        if (!directions.hasNext()) {
            action.run();
        } else {
            afterWritten(receiverOf(directions.next()), () -> afterWrittenAll(directions, action));
        }
    }

    private DirectionPath path(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    /** The channel that receives what travels in {@code direction}. */
    private Channel receiverOf(Direction direction) {
        return direction == Direction.UPSTREAM ? target : client;
    }

    /**
     * A write towards the receiver of {@code direction} failed while the connection was open: an I/O error (the
     * receiving peer reset its side) or a failure of the link's own socket. Either way both sides are reset, so
     * neither takes the stream for complete.
     *
     * @return why the bytes of the failed write are not delivered
     */
    DropCause writeFailed(Direction direction, Throwable cause) {
        if (closing) {
            return endCause;
        }
        LOG.log(Level.DEBUG, () -> this + ": writing " + direction + " failed, resetting both sides: " + cause);
        endingFor(cause instanceof IOException ? DropCause.CONNECTION_ENDED : DropCause.WRITE_FAILED);
        DropCause dropCause = endCause;
        resetBoth();
        return dropCause;
    }

    /**
     * Relaying failed for a reason that is not the network (a bug, or a user's callback that threw): the link
     * records it, and both sides are reset, so neither peer takes what it got for a complete stream.
     */
    void failed(Throwable cause) {
        link.failed(this, cause);
        if (!closing) {
            endingFor(DropCause.CONNECTION_ENDED);
            resetBoth();
        }
    }

    /** Records why the connection is about to end, unless an earlier cause was recorded. */
    private void endingFor(DropCause cause) {
        if (!closing && endCause == DropCause.CONNECTION_ENDED) {
            endCause = cause;
        }
    }

    /** Counts and releases a chunk read after the connection started closing, or before it could start. */
    private void dropUnread(Direction direction, ByteBuf chunk) {
        int bytes = chunk.readableBytes();
        if (bytes > 0) {
            DirectionCounters counters = link.counters(direction);
            counters.arrived(bytes);
            counters.dropped(bytes, endCause);
        }
        chunk.release();
    }

    /**
     * Runs {@code action} once every write queued on {@code channel} so far has reached the socket. Netty's close
     * and shutdownOutput fail writes still queued, whereas the kernel sends its buffer before the FIN; waiting for
     * an empty write queued behind them keeps a close behind the data. Writes complete in order.
     */
    private void afterWritten(Channel channel, Runnable action) {
        if (channel == null || !channel.isActive()) {
            action.run();
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> action.run());
        }
    }

    /** The link was cut (hold) or healed. */
    void hold(boolean hold) {
        if (started() && !closing) {
            upstream.hold(hold);
            downstream.hold(hold);
        }
    }

    /** The link was cut, dropping existing connections: both sides get a reset. */
    void cutOff() {
        endingFor(DropCause.IMPAIRMENT);
        resetBoth();
    }

    /** Tears the connection down with a reset on both sides. */
    private void resetBoth() {
        abort(client);
        abort(target);
        close();
    }

    /** Sends a TCP reset to one side (closing with SO_LINGER 0 sends RST instead of FIN) and records it. */
    private void abort(Channel channel) {
        if (channel != null && channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            if (capture != null) {
                // The side that receives the reset sees it come from its peer.
                capture.reset(channel == client ? Direction.DOWNSTREAM : Direction.UPSTREAM);
            }
        }
    }

    /** Closes both channels and releases everything held; idempotent. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        faults.clear();
        heldCloses.clear();
        if (started()) {
            upstream.discard(endCause);
            downstream.discard(endCause);
        }
        for (ByteBuf chunk; (chunk = early.poll()) != null; ) {
            dropUnread(Direction.UPSTREAM, chunk);
        }
        client.close();
        if (target != null) {
            target.close();
        }
        if (capture != null && resetsOnClose) {
            capture.reset(Direction.UPSTREAM);
            capture.reset(Direction.DOWNSTREAM);
        } else if (capture != null) {
            capture.fin(Direction.UPSTREAM);
            capture.fin(Direction.DOWNSTREAM);
        }
    }

    /** Waits (off the event loop) until both channels have closed or {@code deadlineNanos} passes. */
    boolean awaitClosed(long deadlineNanos) throws InterruptedException {
        Channel targetChannel = target;
        return client.closeFuture().await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
                && (targetChannel == null || targetChannel.closeFuture()
                        .await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
    }

    private void afterCloseDelay(Direction direction, Runnable action) {
        long delay = faults.closeDelayNanos(direction);
        if (delay == 0) {
            action.run();
        } else {
            loop().schedule(action, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void channelGone() {
        if (--openChannels == 0) {
            close();
            link.closed(this);
        }
    }

    @Override
    public String toString() {
        return "connection #" + index + " " + client.remoteAddress() + " -> " + (target == null ? "?" : target.remoteAddress());
    }
}

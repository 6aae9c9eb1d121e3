package io.netharness.core.internal;

import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;
import io.netharness.core.udp.Datagram;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The send side of a {@link DatagramEndpoint}: its inbox, which refuses on the sender's thread what could never be
 * sent, and the moves from the inbox to the socket (while it is writable), a finish after the last write, and a
 * report of what was accepted and never sent. Everything that touches the channel runs on its event loop.
 *
 * @param <I> what the inbox takes
 */
final class OutgoingDatagrams<I> {

    private static final System.Logger LOG = System.getLogger(OutgoingDatagrams.class.getName());

    private final String owner;
    private final InetSocketAddress bindAddress;
    private final Function<? super I, Datagram> addressing;
    private final Inbox<I> inbox;
    private final Outbox<Lifecycle> signal;
    private final Duration changeTimeout;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Channel channel;
    // Touched on the channel's event loop only.
    private boolean finishing;
    private ChannelFuture lastWrite;
    private Runnable finished;

    OutgoingDatagrams(String owner, InetSocketAddress bindAddress, int capacity,
            Function<? super I, Datagram> addressing, Outbox<Lifecycle> signal, Duration changeTimeout) {
        this.owner = owner;
        this.bindAddress = bindAddress;
        this.addressing = addressing;
        this.signal = signal;
        this.changeTimeout = changeTimeout;
        this.inbox = new Inbox<>(owner + ".inbox", capacity, this::validate);
    }

    Inbox<I> inbox() {
        return inbox;
    }

    /** The socket is bound: sends what arrives from now on; {@code finished} runs after a finish's last write. */
    void attach(Channel boundChannel, Runnable finished) {
        this.channel = boundChannel;
        this.finished = finished;
        inbox.onArrival(this::scheduleDrain);
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
        boolean boundIpv6 = bindAddress.getAddress() instanceof Inet6Address;
        if (recipientIpv6 != boundIpv6) {
            throw new IllegalArgumentException("recipient: " + Format.address(recipient) + " (expected: an "
                    + (boundIpv6 ? "IPv6" : "IPv4") + " address, as " + owner + " is bound to "
                    + Format.address(bindAddress) + ")");
        }
        int max = Datagram.maxPayload(recipient);
        int size = datagram.content().size();
        if (size > max) {
            throw new IllegalArgumentException("datagram: " + size + " bytes to " + Format.address(recipient)
                    + " (expected: 0-" + max + ", the largest UDP payload over " + (recipientIpv6 ? "IPv6" : "IPv4")
                    + ")");
        }
    }

    /**
     * Runs {@code change} on the socket's event loop after everything already in the inbox was sent, and
     * waits for it; so a change of target applies exactly from the next message put. Before start, or on
     * the event loop itself, runs it at once.
     */
    void afterSending(Runnable change) {
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
            done.get(changeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing " + owner, e);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException(owner + ": change not applied within " + Format.duration(changeTimeout), e);
        }
    }

    /**
     * Like {@link #afterSending} but without waiting, for callers that must not block (an inbox listener):
     * {@code change} runs on the socket's event loop after the messages queued so far were sent.
     */
    void afterSendingAsync(Runnable change) {
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

    /** A producer finished: send what is queued, then run the finish. On the event loop. */
    void finish() {
        finishing = true;
        drain(true);
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                drainScheduled.set(false);
                drain(false);
            });
        }
    }

    /** Sends inbox messages while the socket is writable ({@code force}: all of them). On the event loop. */
    void drain(boolean force) {
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
            finishing = false;
            afterLastWrite(finished);
        }
    }

    private void send(Channel ch, Datagram datagram) {
        InetSocketAddress recipient = datagram.recipient();
        int bytes = datagram.content().size();
        ChannelFuture write = ch.write(new DatagramPacket(
                Unpooled.wrappedBuffer(datagram.content().asReadOnlyBuffer()), recipient));
        write.addListener(future -> {
            if (!future.isSuccess()) {
                LOG.log(Level.DEBUG, () -> owner + ": sending " + bytes + " bytes to " + recipient + " failed",
                        future.cause());
                signal.offer(new Lifecycle.SendFailed(recipient, bytes, future.cause()));
            }
        });
        lastWrite = write;
    }

    private void afterLastWrite(Runnable action) {
        if (lastWrite == null || lastWrite.isDone()) {
            action.run();
        } else {
            lastWrite.addListener(written -> action.run());
        }
    }

    /** Nothing accepted is dropped in silence: what the inbox still holds when the socket closes is reported. */
    void reportUnsent(String why) {
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
}

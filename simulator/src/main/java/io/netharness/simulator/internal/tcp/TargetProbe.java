package io.netharness.simulator.internal.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Makes a link refuse its clients while its target refuses the link ({@code refuseWhileTargetRefuses}): once a
 * connection to the target is refused, the link stops listening and tries the target every {@code interval} (a
 * connection opened and closed at once) until it accepts, then listens again. Only a refusal counts; a target that
 * does not answer in time is not taken for down.
 *
 * <p>Threads: {@link #refusedAtStart} blocks and runs before start; the rest on the control loop.
 */
final class TargetProbe {

    private static final System.Logger LOG = System.getLogger(TargetProbe.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final InetSocketAddress target;
    private final Bootstrap bootstrap;
    private final Duration interval;
    private final TcpListener listener;
    private EventLoop loop;
    private boolean down;
    private boolean closed;

    TargetProbe(InetSocketAddress target, Bootstrap bootstrap, Duration interval, TcpListener listener) {
        this.target = target;
        this.bootstrap = bootstrap.clone().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.AUTO_READ, false).handler(TcpListener.Quiet.INSTANCE);
        this.interval = interval;
        this.listener = listener;
    }

    /** Tries the target once, blocking; true if it refused, so the link must refuse from the start. */
    static boolean refusedAtStart(InetSocketAddress target) {
        try (Socket probe = new Socket()) {
            // A target given unresolved (looked up at each connection) is looked up here too: a Socket cannot
            // connect to an unresolved address, and that failure is no refusal.
            probe.connect(target.isUnresolved() ? new InetSocketAddress(target.getHostString(), target.getPort())
                    : target, CONNECT_TIMEOUT_MILLIS);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    /** The link started; {@code down} if it refuses from the start (then probing begins). */
    void start(EventLoop controlLoop, boolean downAtStart) {
        this.loop = controlLoop;
        if (downAtStart) {
            loop.execute(() -> {
                down = true;
                scheduleProbe();
            });
        }
    }

    /** True for a failure to connect that means the target refused. */
    static boolean isRefusal(Throwable cause) {
        return cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException);
    }

    /** A connection to the target was refused: refuse clients until the target accepts again. Any thread. */
    void refused() {
        loop.execute(() -> {
            if (!down && !closed) {
                down = true;
                LOG.log(System.Logger.Level.DEBUG, () -> "target " + target + " refused: refusing clients");
                listener.refuse(true);
                scheduleProbe();
            }
        });
    }

    private void scheduleProbe() {
        loop.schedule(this::probe, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void probe() {
        if (closed) {
            return;
        }
        bootstrap.clone(loop).connect(target).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().close();
                if (down && !closed) {
                    down = false;
                    LOG.log(System.Logger.Level.DEBUG, () -> "target " + target + " accepts again: listening");
                    listener.refuse(false);
                }
            } else if (!closed) {
                scheduleProbe();
            }
        });
    }

    /** Stops probing. */
    void close() {
        if (loop != null) {
            try {
                loop.execute(() -> closed = true);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                closed = true; // a supplied group shut down first: no probe runs any more
            }
        }
    }
}

package io.netharness.simulator.internal.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The listening side of a TCP link, which faults at connection set-up act on: it listens normally, refuses (does not
 * listen at all, so a client's {@code connect()} gets "Connection refused"), or stalls (listens with a full accept
 * queue, so the kernel drops a client's SYN and its {@code connect()} waits).
 *
 * <p><b>Refusing</b> needs a port with no listener, and the same port afterwards: a <em>placeholder</em> socket (bound
 * with {@code SO_REUSEADDR}, never listening) holds the port for the link's life, so no bind to port 0, no outgoing
 * connection and no bind without {@code SO_REUSEADDR} takes it while the listener is closed; the listener binds beside
 * it ({@code SO_REUSEADDR} too, which Linux allows while the placeholder does not listen). A socket that asks for
 * that very port with {@code SO_REUSEADDR} could still take it meanwhile; the link then fails, naming the port. Measured here: a connect while refusing fails in under a
 * millisecond with {@code ConnectException: Connection refused}.
 *
 * <p><b>Stalling</b> lowers the listener's backlog to 1 ({@code listen(2)} again on the open socket, which Linux
 * allows; needs epoll) after stopping accepts and putting two <em>plug</em> connections of its own in the queue: a
 * full queue makes the kernel drop SYNs (it does not refuse them). Resuming restores the backlog and accepts again;
 * {@link #isPlug} lets the link close its plugs instead of relaying them.
 *
 * <p>Threads: {@link #start} and {@link #close} block and run off the event loops; the rest runs on the control
 * loop given at start, which the listening socket is registered with too.
 */
final class TcpListener {

    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

    /** The plugs read nothing worth keeping; one instance serves them all. */
    @ChannelHandler.Sharable
    static final class Quiet extends ChannelInboundHandlerAdapter {
        static final Quiet INSTANCE = new Quiet();
    }

    private static final int STALLED_BACKLOG = 1;
    private static final long CLOSE_TIMEOUT_SECONDS = 10;
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final int PLUGS = STALLED_BACKLOG + 1; // Linux's accept queue is full beyond its backlog

    private final ServerBootstrap bootstrap;
    private final Bootstrap plugBootstrap;
    private final boolean canStall;
    private final Consumer<Throwable> failed;
    private final Set<SocketAddress> plugAddresses = ConcurrentHashMap.newKeySet();
    private final List<Channel> plugs = new ArrayList<>();
    private final List<Promise<Void>> waiters = new ArrayList<>();
    private EventLoop loop;
    private SocketChannel placeholder;
    private InetSocketAddress address;
    private volatile Channel server;
    private int refusals;
    private int stalls;
    private boolean stalled;
    private boolean busy;
    private boolean listenedOnce;
    private Throwable startFailure;
    private volatile boolean closed;

    TcpListener(ServerBootstrap bootstrap, Bootstrap plugBootstrap, boolean canStall, Consumer<Throwable> failed) {
        this.bootstrap = bootstrap.clone().option(ChannelOption.AUTO_READ, false);
        this.plugBootstrap = plugBootstrap;
        this.canStall = canStall;
        this.failed = failed;
    }

    /** True if stalling works here (the epoll transport). */
    boolean canStall() {
        return canStall;
    }

    /**
     * Binds {@code listen} (port 0: a free port), refusing or stalling from the start for as many reasons as given
     * (each later ended by one {@code refuse(false)} or {@code stall(false)}), before any client
     * can connect; then runs {@code thenOnLoop} on the control loop and returns the bound address. Blocks.
     *
     * <p>The listening socket is the control loop's (the server bootstrap's parent group must be that loop), and
     * everything from binding to {@code thenOnLoop} runs there in one hand-over: each hand-over to an idle loop costs
     * a wake-up, tens of microseconds on a small virtual machine, and a test pays for start and close every time.
     */
    InetSocketAddress start(InetSocketAddress listen, EventLoop controlLoop, int refusalsAtStart, int stallsAtStart,
            Runnable thenOnLoop) throws InterruptedException {
        if (bootstrap.config().group() != controlLoop) {
            throw new IllegalArgumentException("the listening socket's loop " + bootstrap.config().group()
                    + " (expected: the control loop " + controlLoop + ")");
        }
        this.loop = controlLoop;
        address = bindPlaceholder(listen);
        Promise<Void> started = loop.newPromise();
        loop.execute(() -> {
            refusals = refusalsAtStart;
            stalls = stallsAtStart;
            Promise<Void> settled = loop.newPromise();
            settled.addListener(done -> {
                try {
                    if (startFailure == null) {
                        thenOnLoop.run();
                    }
                    started.setSuccess(null);
                } catch (RuntimeException e) {
                    started.setFailure(e);
                }
            });
            waiters.add(settled);
            step();
        });
        if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the listener's control loop did not start listening on " + address
                    + " within " + START_TIMEOUT_SECONDS + " s");
        }
        if (started.cause() instanceof RuntimeException failure) {
            throw failure;
        }
        if (startFailure instanceof IOException bind) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + bind.getMessage(), bind);
        } else if (startFailure != null) {
            throw new IllegalStateException("cannot listen on " + address + ": " + startFailure, startFailure);
        }
        return address;
    }

    private InetSocketAddress bindPlaceholder(InetSocketAddress listen) {
        try {
            placeholder = SocketChannel.open();
            placeholder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            placeholder.bind(listen);
            return (InetSocketAddress) placeholder.getLocalAddress();
        } catch (IOException e) {
            closePlaceholder();
            throw new UncheckedIOException("cannot bind " + listen + ": " + e.getMessage(), e);
        }
    }

    /** The connection from {@code remote} is one of the listener's plugs, not a client. Any thread. */
    boolean isPlug(SocketAddress remote) {
        return plugAddresses.remove(remote);
    }

    /** True while the link listens normally (not refusing, not stalled, not closed). Any thread. */
    boolean isListening() {
        Channel current = server;
        return current != null && current.isOpen() && !closed;
    }

    /** One more ({@code true}) or one fewer reason to refuse; the returned future completes once in effect. */
    Future<Void> refuse(boolean more) {
        refusals += more ? 1 : -1;
        return reconcile();
    }

    /** One more ({@code true}) or one fewer reason to stall; the returned future completes once in effect. */
    Future<Void> stall(boolean more) {
        stalls += more ? 1 : -1;
        return reconcile();
    }

    /** Moves the listener one step towards what the reasons ask for; the future completes when it is there. */
    private Future<Void> reconcile() {
        Promise<Void> settled = loop.newPromise();
        waiters.add(settled);
        step();
        return settled;
    }

    private void step() {
        if (busy) {
            return; // the pending bind or plug calls step() again when it completes
        }
        if (closed) {
            settle();
            return;
        }
        boolean wantOpen = refusals == 0;
        boolean wantStalled = wantOpen && stalls > 0;
        if (!wantOpen && server != null) {
            Channel listening = server;
            server = null;
            stalled = false;
            closePlugs(); // a plug in the closed queue is reset anyway
            // Refusing begins when the socket has stopped listening: stopListening runs as a task of its own, and
            // step() goes on in another once it is done, never inside a future's notification.
            busy = true;
            stopListening(listening).addListener(done -> loop.execute(() -> {
                busy = false;
                step();
            }));
            return;
        } else if (wantOpen && server == null) {
            busy = true;
            bootstrap.bind(address).addListener((ChannelFuture f) -> loop.execute(() -> {
                busy = false;
                if (f.isSuccess() && closed) {
                    stopListening(f.channel()); // the link closed while this bind was under way
                } else if (f.isSuccess()) {
                    server = f.channel();
                    listenedOnce = true;
                } else if (!listenedOnce) {
                    startFailure = f.cause(); // start() throws it
                    closed = true;
                } else {
                    failed.accept(new IllegalStateException("the link could not listen on " + address
                            + " again after refusing connections: " + f.cause(), f.cause()));
                    closed = true;
                }
                step();
            }));
            return;
        } else if (wantStalled && !stalled) {
            beginStall();
            return;
        } else if (!wantStalled && stalled) {
            endStall();
        } else if (server != null && !stalled && !server.config().isAutoRead()) {
            server.config().setAutoRead(true);
        }
        settle();
    }

    private void beginStall() {
        busy = true;
        // Accepting must have stopped before the plugs connect, or the listener would accept them. The listening
        // socket is this loop's, so setAutoRead(false) takes effect here and now.
        server.config().setAutoRead(false);
        plug(server);
    }

    private void plug(Channel listening) {
        int[] pending = {PLUGS};
        for (int i = 0; i < PLUGS; i++) {
            plugBootstrap.clone(loop).connect(address).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    addPlug(f.channel());
                } else {
                    LOG.log(System.Logger.Level.WARNING, () -> "a plug connection to " + address + " failed: "
                            + f.cause());
                }
                if (--pending[0] == 0) {
                    busy = false;
                    if (server == listening && listening.isOpen()) {
                        try {
                            listen(listening, STALLED_BACKLOG);
                            stalled = true;
                        } catch (IOException e) {
                            failed.accept(new IllegalStateException("the link could not stall accepts on "
                                    + address + ": " + e, e));
                        }
                    }
                    step();
                }
            });
        }
    }

    private void endStall() {
        stalled = false;
        try {
            listen(server, server.config().getOption(ChannelOption.SO_BACKLOG));
        } catch (IOException e) {
            failed.accept(new IllegalStateException("the link could not resume accepts on " + address + ": " + e, e));
        }
        server.config().setAutoRead(true);
        closePlugs();
    }

    private void addPlug(Channel plug) {
        plugs.add(plug);
        plugAddresses.add(plug.localAddress());
    }

    private void closePlugs() {
        plugs.forEach(Channel::close);
        plugs.clear();
    }

    private void settle() {
        List<Promise<Void>> done = List.copyOf(waiters);
        waiters.clear();
        done.forEach(promise -> promise.trySuccess(null));
    }

    /**
     * Stops {@code listening} listening, then closes it, on its own loop. On epoll it first shuts the socket down for
     * reading, which on Linux ends listening for the socket itself: closing only releases this descriptor, and a copy
     * of it (a child process the JVM is spawning holds one until its exec) would keep the port accepting
     * connections for a moment after a refusal began or the link closed.
     */
    private static ChannelFuture stopListening(Channel listening) {
        ChannelPromise closed = listening.newPromise();
        Runnable stop = () -> {
            if (listening instanceof UnixChannel unix && unix.fd() instanceof Socket socket && socket.isOpen()) {
                try {
                    socket.shutdown(true, false);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "shutting down the listener " + listening + ": " + e);
                }
            }
            listening.close(closed);
        };
        try {
            listening.eventLoop().execute(stop); // shut down and closed in one task: its loop never sees it in between
        } catch (RejectedExecutionException shutDown) {
            stop.run();
        }
        return closed;
    }

    /** Calls listen(2) again on a listening socket: Linux then only changes its backlog. */
    private static void listen(Channel server, int backlog) throws IOException {
        if (!(server instanceof UnixChannel unix && unix.fd() instanceof Socket socket)) {
            throw new IOException("stalling accepts needs the epoll transport (was " + server.getClass().getName()
                    + ")");
        }
        socket.listen(backlog);
    }

    /** Stops listening and releases the port, in one hand-over to the control loop. Blocks. */
    void close() throws InterruptedException {
        Future<ChannelFuture> stopped = null;
        if (loop != null && !loop.isShuttingDown()) {
            try {
                stopped = loop.submit(() -> {
                    closed = true;
                    closePlugs();
                    Channel listening = server;
                    server = null;
                    return listening == null ? null : stopListening(listening);
                });
            } catch (RejectedExecutionException shutDown) {
                stopped = null;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        if (stopped != null && !stopped.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the listener's control loop did not run its close within "
                    + CLOSE_TIMEOUT_SECONDS + " s");
        }
        closed = true;
        ChannelFuture listeningClosed = stopped != null && stopped.isSuccess() ? stopped.getNow() : null;
        if (stopped == null || !stopped.isSuccess()) {
            // The loop is gone (a supplied group shut down first): stop the socket from here.
            Channel listening = server;
            server = null;
            listeningClosed = listening == null ? null : stopListening(listening);
        }
        if (listeningClosed != null && !listeningClosed.await(Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("the listening socket " + address + " did not close within "
                    + CLOSE_TIMEOUT_SECONDS + " s");
        }
        closePlaceholder();
    }

    private void closePlaceholder() {
        if (placeholder != null) {
            try {
                placeholder.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing the placeholder of " + address + ": " + e);
            }
            placeholder = null;
        }
    }
}

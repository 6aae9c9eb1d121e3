package io.netharness.simulator.internal.tcp;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The connections a TCP link has open, and how a change reaches each of them: on the connection's own event loop,
 * and (unless the caller is on one of the link's loops, where waiting could deadlock) before the call returns, so
 * data sent afterwards is subject to it.
 */
final class OpenConnections implements Iterable<ProxiedConnection> {

    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final long timeoutSeconds;
    private final BooleanSupplier onLinkLoop;

    /**
     * @param timeoutSeconds how long a change may wait for the loops before it fails
     * @param onLinkLoop     whether the calling thread is one of the link's event loops
     */
    OpenConnections(long timeoutSeconds, BooleanSupplier onLinkLoop) {
        this.timeoutSeconds = timeoutSeconds;
        this.onLinkLoop = onLinkLoop;
    }

    void add(ProxiedConnection connection) {
        connections.add(connection);
    }

    void remove(ProxiedConnection connection) {
        connections.remove(connection);
        if (connections.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int size() {
        return connections.size();
    }

    /**
     * Waits until no connection is open or {@code deadlineNanos} ({@link System#nanoTime()}) passes; true if none
     * is. Woken by the close of the last connection, not by polling.
     */
    synchronized boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
        for (long left = deadlineNanos - System.nanoTime(); !connections.isEmpty() && left > 0;
                left = deadlineNanos - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return connections.isEmpty();
    }

    @Override
    public Iterator<ProxiedConnection> iterator() {
        return connections.iterator();
    }

    /** Runs {@code action} for every open connection on its event loop; waits for all unless on a link loop. */
    void forEachOnItsLoop(Consumer<ProxiedConnection> action) {
        List<Future<?>> pending = new ArrayList<>();
        for (ProxiedConnection connection : connections) {
            if (connection.loop().inEventLoop()) {
                action.accept(connection);
            } else {
                pending.add(connection.loop().submit(() -> action.accept(connection)));
            }
        }
        if (pending.isEmpty() || onLinkLoop.getAsBoolean()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            for (Future<?> task : pending) {
                if (!task.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("a connection's event loop did not run a change within "
                            + timeoutSeconds + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets each loop that serves a connection finish what it is doing, so that a write the kernel has taken counts
     * as delivered before figures are read.
     */
    void settle() {
        Set<EventExecutor> loops = new HashSet<>();
        for (ProxiedConnection connection : connections) {
            loops.add(connection.loop());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            for (EventExecutor loop : loops) {
                loop.submit(() -> { }).await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException groupShutDown) {
            // nothing runs on it any more: the counters are final
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.netharness.benchmarks.hop;

import io.netharness.benchmarks.endpoint.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The timer floor for measurement 4: the plainest delaying UDP relay, with nothing of a simulator in it. One
 * thread receives each datagram and stamps it; another sleeps until the stamp plus the delay and sends it on.
 * What it adds beyond the delay is what any user-space relay pays on this machine: waking to read, waking
 * from a timed sleep, and the receiver waking. A constant delay keeps datagrams in order, so a FIFO suffices.
 *
 * <p>Slots are allocated up front and recycled, so neither thread allocates while datagrams are timed.
 * A datagram that finds every slot in flight is dropped.
 */
final class SleepingUdpRelay implements Hop {

    private static final int SLOTS = 1024;
    private static final int MAX_DATAGRAM = 2048;

    private final long delayNanos;
    private final DatagramChannel inbound;
    private final DatagramChannel outbound;
    private final BlockingQueue<Slot> free = new ArrayBlockingQueue<>(SLOTS);
    private final BlockingQueue<Slot> inFlight = new ArrayBlockingQueue<>(SLOTS);
    private final Thread receiver;
    private final Thread sender;

    private static final class Slot {
        final ByteBuffer payload = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        long departureNanos;
    }

    SleepingUdpRelay(InetSocketAddress target, Duration delay) {
        this.delayNanos = delay.toNanos();
        for (int i = 0; i < SLOTS; i++) {
            free.add(new Slot());
        }
        try {
            inbound = DatagramChannel.open();
            inbound.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            inbound.bind(new InetSocketAddress("127.0.0.1", 0));
            outbound = DatagramChannel.open();
            outbound.bind(new InetSocketAddress("127.0.0.1", 0));
            outbound.connect(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver = Threads.startDaemon("sleeping-relay-in", this::receiveUntilClosed);
        sender = Threads.startDaemon("sleeping-relay-out", this::sendUntilClosed);
    }

    @Override
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) inbound.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void receiveUntilClosed() {
        ByteBuffer overflow = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (inbound.isOpen()) {
                Slot slot = free.poll();
                ByteBuffer into = slot == null ? overflow : slot.payload;
                into.clear();
                inbound.receive(into);
                if (slot != null) {
                    slot.departureNanos = System.nanoTime() + delayNanos;
                    slot.payload.flip();
                    inFlight.add(slot);
                }
            }
        } catch (ClosedChannelException expected) {
            // close() ends the loop
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendUntilClosed() {
        try {
            while (outbound.isOpen()) {
                Slot slot = inFlight.take();
                for (long wait = slot.departureNanos - System.nanoTime(); wait > 0;
                        wait = slot.departureNanos - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                outbound.write(slot.payload);
                free.add(slot);
            }
        } catch (InterruptedException | ClosedChannelException expected) {
            // close() ends the loop
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            inbound.close();
            outbound.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sender.interrupt();
        Threads.join(receiver);
        Threads.join(sender);
    }
}

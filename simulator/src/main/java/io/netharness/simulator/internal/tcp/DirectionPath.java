package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Direction;
import io.netharness.simulator.DropCause;
import io.netharness.simulator.Effect;
import io.netharness.simulator.Framer;
import io.netharness.simulator.internal.pcap.TcpFlow;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import java.util.random.RandomGenerator;

/**
 * One direction of one proxied connection: takes the chunks read from the sending channel, applies the faults and
 * the profile, and hands them to the receiving channel through a {@link DelayLine}.
 *
 * <p>Faults: a chunk is cut at each point of the stream a fault waits for ({@code afterBytes}), so the bytes before
 * it pass under the state before and the rest under the state after; while faults act on messages, chunks go through
 * a {@link MessageFraming} and leave message by message. A hang holds the line as a cut does.
 *
 * <p>Back-pressure: reading from the sender stops (auto-read off) while the receiver is not writable or the line
 * (with the framing's buffer) holds {@code budgetBytes} or more, and resumes once the receiver is writable and the
 * line is down to half the budget, so a long transfer never buffers more than about the budget plus the receiver's
 * high-water mark.
 *
 * <p>Fast path: while the profile changes nothing, no fault acts or waits, the link is not cut and the line is
 * empty, a chunk is written straight through and flushed at the end of the read burst; nothing is scheduled.
 *
 * <p>Capture: when the link records, each chunk is written to the connection's {@link TcpFlow} as it is handed to
 * the receiver, so the file shows what crossed the link, when it crossed.
 *
 * <p>Accounting: a chunk's bytes count as delivered when the receiving socket accepted them (the write completed),
 * and every byte read and not delivered is counted as dropped under its {@link DropCause}. A write that fails
 * while the connection is open is reported to the connection, which resets both sides.
 *
 * <p>Threads: the connection's event loop only. Buffers: each chunk handed to {@link #chunk(ByteBuf)} is either
 * written, queued in the line or the framing (which then own it) or released here.
 */
final class DirectionPath implements DelayLine.Listener, MessageFraming.Output {

    /**
     * The largest chunk an impaired path plans as one (one delay, one departure from the bandwidth bottleneck): the
     * size reads were limited to before they grew to {@link TcpRelay#MAX_READ_BYTES}, so that a capped or delayed
     * transfer keeps the granularity, and a seed the decisions, it had.
     */
    static final int PLANNED_CHUNK_BYTES = 256 * 1024;

    private final Direction direction;
    private final Channel sender;
    private final Channel receiver;
    private final ChunkPlanner planner;
    private final ConnectionFaults faults;
    private final DirectionCounters counters;
    private final RandomGenerator sliceSizes;
    private final long budgetBytes;
    private final DelayLine line;
    private final ProxiedConnection connection;
    private final TcpFlow capture;

    private MessageFraming framing;
    private boolean flushPending;
    private boolean stopped;
    private boolean cutHeld;
    /** Why a chunk read or discarded from now on is not delivered; set when the path stops. */
    private DropCause dropCause = DropCause.CONNECTION_ENDED;

    DirectionPath(Direction direction, Channel sender, Channel receiver, ChunkPlanner planner,
            ConnectionFaults faults, DirectionCounters counters, RandomGenerator sliceSizes, long budgetBytes,
            ProxiedConnection connection, TcpFlow capture) {
        this.direction = direction;
        this.sender = sender;
        this.receiver = receiver;
        this.planner = planner;
        this.faults = faults;
        this.counters = counters;
        this.sliceSizes = sliceSizes;
        this.budgetBytes = budgetBytes;
        this.connection = connection;
        this.capture = capture;
        this.line = new DelayLine(receiver.eventLoop(), receiver, this);
    }

    Direction direction() {
        return direction;
    }

    /**
     * A chunk read from the sender: cut at each stream point a fault waits for, each part handled under the state in
     * force when it arrives.
     */
    void chunk(ByteBuf chunk) {
        int size = chunk.readableBytes();
        if (size == 0) {
            chunk.release();
            return;
        }
        counters.arrived(size);
        ByteBuf rest = chunk;
        try {
            while (rest != null) {
                if (stopped) {
                    drop(rest, dropCause);
                    rest = null;
                    break;
                }
                long untilPoint = faults.bytesToNextPoint(direction);
                int readable = rest.readableBytes();
                if (untilPoint > readable) {
                    faults.passed(direction, readable);
                    ByteBuf whole = rest;
                    rest = null;
                    accept(whole);
                    break;
                }
                ByteBuf part = rest.readRetainedSlice((int) untilPoint);
                if (!rest.isReadable()) {
                    rest.release();
                    rest = null;
                }
                faults.passed(direction, untilPoint);
                accept(part);
                faults.reachPoints(direction);
            }
        } catch (RuntimeException e) {
            if (rest != null) {
                drop(rest, DropCause.CONNECTION_ENDED);
            }
            throw e;
        }
        updateReading();
    }

    /** One part of a chunk, under the state in force now. */
    private void accept(ByteBuf part) {
        if (!part.isReadable()) {
            part.release();
            return;
        }
        if (stopped) {
            drop(part, dropCause);
            return;
        }
        if (faults.discardsData(direction)) {
            drop(part, DropCause.FAULT);
            faults.arrived(direction);
            return;
        }
        Framer framer = faults.framer(direction);
        if (framer == null && framing == null) {
            forward(part, 0);
            return;
        }
        if (framing != null && !framing.framer().equals(framer)) {
            // The message faults went away (or changed framer): bytes of a partial message go on as they are.
            MessageFraming done = framing;
            framing = null;
            done.flush();
            if (framer == null) {
                pass(part, 0);
                return;
            }
        }
        if (framing == null) {
            framing = new MessageFraming(direction, framer, faults, this, receiver.eventLoop(), receiver.alloc(),
                    budgetBytes, faults.framedSoFar(direction));
        }
        framing.add(part);
    }

    /** A message (or the rest of one) from the framing: delivered unless the path stopped or a blackhole opened. */
    @Override
    public void pass(ByteBuf message, long extraDelayNanos) {
        if (stopped) {
            drop(message, dropCause);
        } else if (faults.discardsData(direction)) {
            drop(message, DropCause.FAULT);
        } else {
            forward(message, extraDelayNanos);
        }
    }

    @Override
    public void dropForFault(ByteBuf message) {
        drop(message, DropCause.FAULT);
    }

    @Override
    public DirectionCounters counters() {
        return counters;
    }

    private void forward(ByteBuf chunk, long extraDelayNanos) {
        Effect.Slicer slicer = faults.slicer(direction);
        boolean direct;
        try {
            // The planner may ask a user's per-connection selection here, which may fail: the chunk is still ours.
            direct = extraDelayNanos == 0 && slicer == null && line.isEmpty() && !line.isHeld()
                    && planner.isTransparent() && faults.isQuiet(direction);
        } catch (RuntimeException e) {
            drop(chunk, DropCause.CONNECTION_ENDED);
            throw e;
        }
        if (direct) {
            handOn(chunk, 0, false);
            flushPending = true;
            return;
        }
        // A read can bring megabytes; planned as one chunk they would leave the bottleneck, and arrive, as one lump.
        while (chunk.readableBytes() > PLANNED_CHUNK_BYTES) {
            ByteBuf part = chunk.readRetainedSlice(PLANNED_CHUNK_BYTES);
            try {
                plan(part, extraDelayNanos, slicer);
            } catch (RuntimeException e) {
                drop(chunk, DropCause.CONNECTION_ENDED);
                throw e;
            }
        }
        plan(chunk, extraDelayNanos, slicer);
    }

    /** Plans a chunk of at most {@link #PLANNED_CHUNK_BYTES} into the line (sliced, if a slicer is in force). */
    private void plan(ByteBuf chunk, long extraDelayNanos, Effect.Slicer slicer) {
        long now;
        long at;
        try {
            now = line.nanoTime();
            at = Math.max(planner.plan(chunk, now), now + extraDelayNanos);
        } catch (RuntimeException e) {
            drop(chunk, DropCause.CONNECTION_ENDED);
            throw e;
        }
        if (slicer == null) {
            line.add(chunk, now, at);
            return;
        }
        long gapNanos = slicer.delay().toNanos();
        while (chunk.isReadable()) {
            int sliceSize = slicer.averageBytes() + (slicer.sizeVariationBytes() == 0 ? 0
                    : sliceSizes.nextInt(-slicer.sizeVariationBytes(), slicer.sizeVariationBytes() + 1));
            ByteBuf slice = chunk.readRetainedSlice(Math.min(sliceSize, chunk.readableBytes()));
            at = line.add(slice, now, at) + gapNanos;
        }
        chunk.release();
    }

    /** End of a read burst: flush what the fast path wrote. */
    void readComplete() {
        flush();
        updateReading();
    }

    /**
     * The sender will send no more (FIN or close): a partial message goes on as it is, and once the line has
     * delivered everything, {@code then} runs (it propagates the close, after any slow-close delay).
     */
    void senderDone(Runnable then) {
        if (framing != null && !stopped) {
            MessageFraming done = framing;
            framing = null;
            done.flush();
        }
        if (!stopped) {
            stop(DropCause.CONNECTION_ENDED);
        }
        flush();
        line.whenEmpty(then);
    }

    /**
     * A fault ends the connection at this point of the stream: nothing more is read or delivered in this direction
     * (it is dropped for the fault), and {@code then} runs once what the line holds has been delivered.
     */
    void drainThen(Runnable then) {
        stop(DropCause.FAULT);
        flush();
        line.whenEmpty(then);
    }

    /** The receiver is gone: nothing more can be delivered; drop what is held and stop reading. */
    void receiverGone() {
        stop(DropCause.CONNECTION_ENDED);
        line.discard();
    }

    /** The link was cut ({@code true}) or healed: hold or resume delivery and reading. */
    void hold(boolean hold) {
        cutHeld = hold;
        refreshHold();
    }

    /** A fault's window opened or closed: a hang holds the line as a cut does. */
    void refreshHold() {
        line.hold(cutHeld || faults.hangs(direction));
        updateReading();
    }

    /** The receiving channel's writability changed. */
    void receiverWritabilityChanged() {
        updateReading();
    }

    /** Releases everything held, counted as dropped for {@code cause}; the connection is closing. */
    void discard(DropCause cause) {
        stopped = true;
        dropCause = cause;
        discardFraming(cause);
        line.discard();
    }

    @Override
    public void deliver(ByteBuf chunk, long delayNanos) {
        handOn(chunk, delayNanos, true);
    }

    @Override
    public void discarded(ByteBuf chunk) {
        drop(chunk, dropCause);
    }

    /**
     * Writes {@code chunk} to the receiver (flushing it if {@code flush}); its bytes count as delivered once the
     * socket has accepted them, as dropped if the write fails.
     */
    private void handOn(ByteBuf chunk, long delayNanos, boolean flush) {
        int bytes = chunk.readableBytes();
        counters.handedOn(delayNanos);
        if (capture != null) {
            capture.data(direction, chunk);
        }
        ChannelPromise written = receiver.newPromise();
        written.addListener(f -> {
            if (f.isSuccess()) {
                counters.accepted(bytes);
            } else {
                counters.droppedBytes(bytes, connection.writeFailed(direction, f.cause()));
            }
        });
        if (flush) {
            receiver.writeAndFlush(chunk, written);
        } else {
            receiver.write(chunk, written);
        }
    }

    private void drop(ByteBuf chunk, DropCause cause) {
        counters.dropped(chunk.readableBytes(), cause);
        chunk.release();
    }

    @Override
    public void drained() {
        updateReading();
    }

    private void stop(DropCause cause) {
        stopped = true;
        dropCause = cause;
        sender.config().setAutoRead(false);
        discardFraming(cause);
    }

    private void discardFraming(DropCause cause) {
        if (framing != null) {
            MessageFraming done = framing;
            framing = null;
            done.discard(cause);
        }
    }

    private void flush() {
        if (flushPending) {
            flushPending = false;
            receiver.flush();
        }
    }

    /** Turns reading from the sender on or off according to back-pressure and link state. */
    void updateReading() {
        if (stopped || !sender.isActive()
                || sender instanceof DuplexChannel duplex && duplex.isInputShutdown()) {
            // Nothing more to read; on epoll, asking for reads now would also touch a stale registration.
            return;
        }
        boolean reading = sender.config().isAutoRead();
        long queued = line.queuedBytes() + (framing == null ? 0 : framing.bufferedBytes());
        boolean mayRead = !line.isHeld() && receiver.isWritable() && queued < budgetBytes;
        if (reading && !mayRead) {
            sender.config().setAutoRead(false);
        } else if (!reading && mayRead && queued <= budgetBytes / 2) {
            sender.config().setAutoRead(true);
        }
    }
}

package io.netharness.core;

import io.netharness.core.internal.Boxes;
import io.netharness.core.internal.FailureRecorder;
import io.netharness.core.internal.LifecycleState;
import io.netharness.core.internal.Transports;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Base class for a component that turns each inbox message into zero or more outbox messages: a protocol
 * handler, or a stream impairment such as duplicate, drop or reorder.
 *
 * <p><b>Threads.</b> All callbacks run one at a time on one {@link EventExecutor} (by default an executor of
 * {@link Transport#sharedGroup()}), so subclasses need no locks; they must never block. Nothing polls: the
 * component runs only when a message arrives or its outbox frees room.
 *
 * <p><b>Back-pressure.</b> When the outbox is full the component stops taking from its inbox; what one
 * message emitted beyond the room waits in a small local queue and goes first once room frees.
 *
 * <p><b>Gone receivers.</b> Once the outbox's destination has closed (the connection it fed was reset), what
 * the component emits is discarded and counted ({@link #discardedMessages()}) instead of thrown back into it.
 *
 * <p><b>Failures.</b> If a callback throws, the component has failed: it signals
 * {@link Lifecycle.ComponentFailed}, reports to the {@link FailureScope} it was created in, and from then on
 * discards data (control messages still pass on via signal, so a server retires it); {@link #close()} throws the
 * failure as a {@link ComponentFailedException}.
 *
 * <p><b>Finishing.</b> A {@link Lifecycle.ProducerFinished}, {@link Lifecycle.ServerShutdown} or
 * {@link Lifecycle.SocketShutdown} on control, taken after the inbox is drained, calls
 * {@link #onFinish(Emitter)} once (flush anything held back there) and is passed on via signal.
 * Override {@link #onControl} for other behaviour.
 *
 * @param <I> the message type consumed
 * @param <O> the message type emitted
 */
public abstract class StreamComponent<I, O> implements Component<I, O> {

    /** Where a {@link StreamComponent} callback emits messages. */
    public interface Emitter<O> {
        /** Emits a data message on the outbox (queued locally if the outbox is full). */
        void emit(O message);

        /** Emits a lifecycle message on the signal outbox. */
        void signal(Lifecycle message);
    }

    private final Boxes<I, O> boxes;
    private final LifecycleState state;
    private final FailureRecorder failures;
    private final EventExecutor executor;
    private final ArrayDeque<O> overflow = new ArrayDeque<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Emitter<O> emitter = new Emitter<>() {
        @Override
        public void emit(O message) {
            Objects.requireNonNull(message, "message");
            if (!overflow.isEmpty() || !offerOrDiscard(message)) {
                overflow.addLast(message);
            }
        }

        @Override
        public void signal(Lifecycle message) {
            Outbox<Lifecycle> signal = StreamComponent.this.signal();
            if (!signal.isDestinationClosed()) {
                signal.offer(message);
            }
        }
    };
    private boolean finished;
    private long discarded;

    /** A component named {@code name} with boxes of {@link Inbox#DEFAULT_CAPACITY}, on the shared group. */
    protected StreamComponent(String name) {
        this(name, Inbox.DEFAULT_CAPACITY, Transports.sharedGroup().next());
    }

    /** A component named {@code name} whose inbox and outbox hold {@code capacity} messages, on {@code executor}. */
    protected StreamComponent(String name, int capacity, EventExecutor executor) {
        this.boxes = new Boxes<>(Objects.requireNonNull(name, "name"), capacity);
        this.state = new LifecycleState(name);
        this.failures = new FailureRecorder(name::toString, signal());
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A component that maps every message with {@code function} (which must not block). */
    public static <I, O> StreamComponent<I, O> map(String name, Function<? super I, ? extends O> function) {
        Objects.requireNonNull(function, "function");
        return new StreamComponent<>(name) {
            @Override
            protected void onMessage(I message, Emitter<O> out) {
                out.emit(function.apply(message));
            }
        };
    }

    @Override
    public final Inbox<I> inbox() {
        return boxes.inbox();
    }

    @Override
    public final Outbox<O> outbox() {
        return boxes.outbox();
    }

    @Override
    public final Inbox<Lifecycle> control() {
        return boxes.control();
    }

    @Override
    public final Outbox<Lifecycle> signal() {
        return boxes.signal();
    }

    /** Handles one inbox message; runs on this component's executor. */
    protected abstract void onMessage(I message, Emitter<O> out);

    /** Called once when the stream finishes; emit anything held back. Does nothing by default. */
    protected void onFinish(Emitter<O> out) {
    }

    /** Handles one control message; by default finishes on the messages listed in the class comment. */
    protected void onControl(Lifecycle message, Emitter<O> out) {
        boolean finishing = message instanceof Lifecycle.ProducerFinished
                || message instanceof Lifecycle.ServerShutdown
                || message instanceof Lifecycle.SocketShutdown;
        if (finishing && !finished) {
            finished = true;
            onFinish(out);
        }
        out.signal(message);
    }

    @Override
    public StreamComponent<I, O> start() {
        if (state.tryStart()) {
            inbox().onArrival(this::schedule);
            control().onArrival(this::schedule);
            schedule();
        }
        return this;
    }

    /**
     * Stops taking messages; idempotent.
     *
     * @throws ComponentFailedException once, if a callback threw while the component ran
     */
    @Override
    public void close() {
        if (state.tryClose()) {
            inbox().onArrival(null);
            control().onArrival(null);
            inbox().close(toString());
            control().close(toString());
        }
        failures.throwIfFailed();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    private void run() {
        scheduled.set(false);
        if (state.isClosed()) {
            return;
        }
        if (!flushOverflow()) {
            return;
        }
        I message;
        while ((message = inbox().poll()) != null) {
            if (failures.hasFailed()) {
                discarded++;
                continue;
            }
            try {
                onMessage(message, emitter);
            } catch (Throwable t) {
                fail(t);
            }
            if (!flushOverflow()) {
                return;
            }
        }
        Lifecycle request;
        while ((request = control().poll()) != null) {
            if (failures.hasFailed()) {
                emitter.signal(request);
                continue;
            }
            try {
                onControl(request, emitter);
            } catch (Throwable t) {
                fail(t);
                emitter.signal(request);
            }
            if (!flushOverflow()) {
                return;
            }
        }
    }

    /** A callback threw: the component has failed (see the class comment); errors of the JVM itself go on. */
    private void fail(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        overflow.clear();
        failures.failed(t);
    }

    /** Moves queued output to the outbox; {@code false} (and a wake-up booked) if the outbox is still full. */
    private boolean flushOverflow() {
        while (!overflow.isEmpty()) {
            if (!offerOrDiscard(overflow.peekFirst())) {
                outbox().whenSpaceAvailable(this::schedule);
                return false;
            }
            overflow.pollFirst();
        }
        return true;
    }

    /**
     * Offers {@code message} to the outbox: {@code true} if it was taken or discarded, {@code false} if the
     * outbox is full. Once the receiver has gone (a connection reset mid-stream) the message is discarded and
     * counted: the receiver's own close is what reports the loss, as with a socket, and throwing here would
     * only end this component's drain loop. The receiver may close on its own thread at any moment, even
     * between a check and the offer, so the offer's refusal is what decides.
     */
    private boolean offerOrDiscard(O message) {
        try {
            return outbox().offer(message);
        } catch (IllegalStateException refused) {
            if (!outbox().isDestinationClosed()) {
                throw refused;
            }
            discarded++;
            return true;
        }
    }

    /**
     * Messages discarded: emitted after the outbox's destination had closed, or taken from the inbox after the
     * component failed; read it on the executor.
     */
    protected final long discardedMessages() {
        return discarded;
    }

    @Override
    public String toString() {
        return state.describe(() -> "running");
    }
}

package io.netharness.core;

/**
 * A unit that talks to the rest of a system only through its boxes: {@code inbox} and {@code outbox} for
 * data, {@code control} and {@code signal} for {@link Lifecycle} messages.
 *
 * <p>Components never call each other; one component's outbox is {@link Outbox#linkTo(Inbox) linked} to
 * another's inbox, or they are chained with {@link Pipeline}. The boxes exist from construction, so they
 * can be linked before {@link #start()}.
 *
 * <p><b>Lifecycle.</b> {@code start()} is idempotent; {@code close()} is idempotent, releases everything
 * the component owns (sockets, buffers, threads), waits for its own threads and throws if they do not stop
 * in time. A closed component cannot be started again ({@link IllegalStateException}), and its inbox
 * refuses further messages with an {@link IllegalStateException}.
 *
 * @param <I> what the component consumes from its inbox
 * @param <O> what the component emits on its outbox
 */
public interface Component<I, O> extends AutoCloseable {

    /** Data into the component. */
    Inbox<I> inbox();

    /** Data out of the component. */
    Outbox<O> outbox();

    /** Lifecycle requests into the component, such as {@link Lifecycle.ProducerFinished}. */
    Inbox<Lifecycle> control();

    /** Lifecycle news out of the component, such as {@link Lifecycle.SocketShutdown}. */
    Outbox<Lifecycle> signal();

    /** Starts the component; idempotent. Returns this component, so building and starting read as one line. */
    Component<I, O> start();

    /** Stops the component and releases what it owns; idempotent. */
    @Override
    void close();
}

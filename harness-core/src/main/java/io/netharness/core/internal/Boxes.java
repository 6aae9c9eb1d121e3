package io.netharness.core.internal;

import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;

/**
 * A component's own four boxes, named after it, for every component that owns its boxes rather than
 * borrowing them (stream components, TCP clients, accepted connections): one place creates and hands
 * them out. Not API.
 *
 * @param <I> what the inbox takes
 * @param <O> what the outbox gives
 */
public abstract class Boxes<I, O> implements Component<I, O> {

    private final Inbox<I> inbox;
    private final Outbox<O> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;

    /** Data boxes hold {@code capacity} chunks; lifecycle boxes are unbounded so news is never refused. */
    protected Boxes(String name, int capacity) {
        this.inbox = new Inbox<>(name + ".inbox", capacity);
        this.outbox = new Outbox<>(name + ".outbox", capacity);
        this.control = Inbox.unbounded(name + ".control");
        this.signal = Outbox.unbounded(name + ".signal");
    }

    @Override
    public final Inbox<I> inbox() {
        return inbox;
    }

    @Override
    public final Outbox<O> outbox() {
        return outbox;
    }

    @Override
    public final Inbox<Lifecycle> control() {
        return control;
    }

    @Override
    public final Outbox<Lifecycle> signal() {
        return signal;
    }
}

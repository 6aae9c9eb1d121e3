package io.netharness.core.internal;

import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;

/**
 * A component's own four boxes, named after it: data boxes of a given capacity, lifecycle boxes unbounded so news
 * is never refused. One place creates them for every component that owns its boxes rather than borrowing them
 * (stream components, TCP clients, accepted connections). Not API.
 *
 * @param <I> what the inbox takes
 * @param <O> what the outbox gives
 */
public final class Boxes<I, O> {

    private final Inbox<I> inbox;
    private final Outbox<O> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;

    public Boxes(String name, int capacity) {
        this.inbox = new Inbox<>(name + ".inbox", capacity);
        this.outbox = new Outbox<>(name + ".outbox", capacity);
        this.control = Inbox.unbounded(name + ".control");
        this.signal = Outbox.unbounded(name + ".signal");
    }

    public Inbox<I> inbox() {
        return inbox;
    }

    public Outbox<O> outbox() {
        return outbox;
    }

    public Inbox<Lifecycle> control() {
        return control;
    }

    public Outbox<Lifecycle> signal() {
        return signal;
    }
}

package io.netharness.core.internal;

import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;

/**
 * Base of the internal components that own their {@link Boxes} (TCP clients, accepted connections), so each
 * does not forward the four box accessors by hand. Not API.
 *
 * @param <I> what the inbox takes
 * @param <O> what the outbox gives
 */
public abstract class BoxedComponent<I, O> implements Component<I, O> {

    private final Boxes<I, O> boxes;

    protected BoxedComponent(String name, int capacity) {
        this.boxes = new Boxes<>(name, capacity);
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
}

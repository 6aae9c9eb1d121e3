package io.netharness.core.internal;

import io.netharness.core.Chunk;
import io.netharness.core.Component;
import io.netharness.core.Inbox;
import io.netharness.core.Lifecycle;
import io.netharness.core.Outbox;

/**
 * The four boxes of one TCP byte stream, named after it: both client kinds and an accepted connection carry
 * the same set, and {@link ChannelConnection#install} bridges it to a channel. Not API.
 */
public abstract class StreamBoxes implements Component<Chunk, Chunk> {

    private final Inbox<Chunk> inbox;
    private final Outbox<Chunk> outbox;
    private final Inbox<Lifecycle> control;
    private final Outbox<Lifecycle> signal;

    /** Data boxes hold {@code capacity} chunks; lifecycle boxes are unbounded so news is never refused. */
    protected StreamBoxes(String name, int capacity) {
        this.inbox = new Inbox<>(name + ".inbox", capacity);
        this.outbox = new Outbox<>(name + ".outbox", capacity);
        this.control = Inbox.unbounded(name + ".control");
        this.signal = Outbox.unbounded(name + ".signal");
    }

    @Override
    public final Inbox<Chunk> inbox() {
        return inbox;
    }

    @Override
    public final Outbox<Chunk> outbox() {
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

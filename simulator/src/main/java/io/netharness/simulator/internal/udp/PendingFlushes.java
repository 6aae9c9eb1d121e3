package io.netharness.simulator.internal.udp;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Channels written to but not yet flushed. Outlets only write; whoever ends a batch (a read burst, a timer's
 * departures) flushes once, so epoll sends each channel's datagrams of the batch with one {@code sendmmsg}
 * instead of one {@code sendmsg} each. Event loop only.
 */
final class PendingFlushes {

    // A batch touches few channels (the front socket, the sessions of one burst's clients): a list beats a set.
    private final List<Channel> channels = new ArrayList<>(4);

    /** Writes {@code datagram} to {@code channel} without flushing it; the channel owns it from here. */
    void write(Channel channel, Object datagram) {
        channel.write(datagram, channel.voidPromise());
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) == channel) {
                return;
            }
        }
        channels.add(channel);
    }

    /** Flushes every channel written to since the last call. */
    void flush() {
        int count = channels.size();
        for (int i = 0; i < count; i++) {
            channels.get(i).flush();
        }
        channels.subList(0, count).clear(); // a write made during a flush waits for the next
    }

    /** True if a write waits for {@link #flush()}. */
    boolean isEmpty() {
        return channels.isEmpty();
    }
}

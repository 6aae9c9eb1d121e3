package io.netharness.simulator.internal.udp;

import io.netharness.simulator.internal.model.DatagramFate;
import io.netty.buffer.ByteBuf;

/** One copy of a datagram waiting in an {@link ImpairedPath} for its departure time. */
final class Departure implements Comparable<Departure> {

    final long departureNanos;
    final long sequence;
    final long arrivalNanos;
    final DatagramFate.Copy copy;
    final Outlet outlet;
    ByteBuf payload;
    long sentMarkWhenHeld;

    Departure(long departureNanos, long sequence, long arrivalNanos, DatagramFate.Copy copy, Outlet outlet,
            ByteBuf payload) {
        this.departureNanos = departureNanos;
        this.sequence = sequence;
        this.arrivalNanos = arrivalNanos;
        this.copy = copy;
        this.outlet = outlet;
        this.payload = payload;
    }

    /** Earlier departure first; ties in arrival order, so equal times (e.g. duplicates) stay deterministic. */
    @Override
    public int compareTo(Departure other) {
        int byTime = Long.compare(departureNanos, other.departureNanos);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    /** Bytes of the payload still held (0 once sent or released). */
    int payloadBytes() {
        return payload == null ? 0 : payload.readableBytes();
    }

    /** Releases the payload once; safe to call twice. */
    void release() {
        ByteBuf held = payload;
        payload = null;
        if (held != null) {
            held.release();
        }
    }
}

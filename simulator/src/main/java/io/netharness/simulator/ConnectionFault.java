package io.netharness.simulator;

import io.netharness.simulator.internal.Check;
import java.time.Duration;

/**
 * A fault that a {@link TcpLink} applies to the connections crossing it, in the manner of Toxiproxy's "toxics".
 *
 * <p>A fault is an immutable value that says <em>what</em> happens. <em>Where</em> it happens is a separate
 * argument: {@link TcpLink#addFault(Direction, ConnectionFault)} names the direction whose data (or whose
 * receiving peer) the fault acts on, and optionally the fraction of connections it affects. The returned
 * {@link FaultHandle} removes it again.
 *
 * <p>A fault added while connections are open applies to them as well as to later ones; its timers
 * ({@link ResetPeer#after()}, {@link Timeout#after()}) start when it reaches a connection, i.e. when the
 * connection is accepted or when the fault is added, whichever is later.
 *
 * <p>Constructors validate their arguments and throw {@link IllegalArgumentException} with a message that names
 * the field and its valid range, for example {@code limitData.bytes: -1 (expected: >= 0)}.
 */
public sealed interface ConnectionFault {

    /** Data in the direction is accepted (read from the sender) but never delivered. */
    static Blackhole blackhole() {
        return new Blackhole();
    }

    /** After {@code after}, the receiving peer of the direction sees a TCP reset; the other peer a normal close. */
    static ResetPeer resetPeer(Duration after) {
        return new ResetPeer(after);
    }

    /** When the sender of the direction closes, the close reaches the receiver {@code delay} later. */
    static SlowClose slowClose(Duration delay) {
        return new SlowClose(delay);
    }

    /** Data stops; the connection is closed after {@code after} ({@link Duration#ZERO} = never). */
    static Timeout timeout(Duration after) {
        return new Timeout(after);
    }

    /** The connection is closed once exactly {@code bytes} bytes have been delivered in the direction. */
    static LimitData limitData(long bytes) {
        return new LimitData(bytes);
    }

    /** Data is delivered in slices of about {@code averageBytes} bytes, {@code delay} apart. */
    static Slicer slicer(int averageBytes, int sizeVariationBytes, Duration delay) {
        return new Slicer(averageBytes, sizeVariationBytes, delay);
    }

    /**
     * Data is accepted from the sender and silently discarded; nothing reaches the receiver while the fault is
     * active. Data that arrived before the fault keeps its course. Toxiproxy has no exact twin; its
     * {@code timeout} toxic with timeout 0 behaves alike.
     */
    record Blackhole() implements ConnectionFault {}

    /**
     * After {@code after}, the connection is torn down: the receiving peer of the direction gets a TCP RST
     * (closed with {@code SO_LINGER 0}, so it reads "connection reset"), the other peer a normal close. Data still
     * queued in the link is discarded. Toxiproxy's {@code reset_peer}.
     *
     * @param after time from the fault reaching the connection to the reset; zero resets at once
     */
    record ResetPeer(Duration after) implements ConnectionFault {
        public ResetPeer {
            Check.nonNegative("resetPeer.after", after);
        }
    }

    /**
     * When the sender of the direction closes its side (FIN), the link delivers what it holds and then waits
     * {@code delay} before closing towards the receiver. Toxiproxy's {@code slow_close}.
     *
     * @param delay extra time before the close is propagated
     */
    record SlowClose(Duration delay) implements ConnectionFault {
        public SlowClose {
            Check.nonNegative("slowClose.delay", delay);
        }
    }

    /**
     * Stops all data in the direction (it is read and discarded) and closes the connection after {@code after};
     * with {@link Duration#ZERO} the connection is never closed by the fault and data is discarded until the fault
     * is removed. Toxiproxy's {@code timeout}.
     *
     * @param after time from the fault reaching the connection to the close; zero means never
     */
    record Timeout(Duration after) implements ConnectionFault {
        public Timeout {
            Check.nonNegative("timeout.after", after);
        }
    }

    /**
     * Lets exactly {@code bytes} bytes through in the direction (counted from when the fault reached the
     * connection), then closes the connection; anything beyond is discarded. Toxiproxy's {@code limit_data}.
     *
     * @param bytes number of bytes delivered before the close; zero closes on the first byte
     */
    record LimitData(long bytes) implements ConnectionFault {
        public LimitData {
            if (bytes < 0) {
                throw new IllegalArgumentException("limitData.bytes: " + bytes + " (expected: >= 0)");
            }
        }
    }

    /**
     * Splits the data into slices delivered as separate writes, {@code delay} apart. Slice sizes are drawn from
     * {@code averageBytes ± sizeVariationBytes} by the connection's seeded generator. Toxiproxy's {@code slicer}.
     *
     * @param averageBytes mean slice size in bytes, at least 1
     * @param sizeVariationBytes maximum deviation from the mean, from 0 to {@code averageBytes - 1}
     * @param delay time between consecutive slices of one chunk; zero writes them back to back
     */
    record Slicer(int averageBytes, int sizeVariationBytes, Duration delay) implements ConnectionFault {
        public Slicer {
            if (averageBytes < 1) {
                throw new IllegalArgumentException("slicer.averageBytes: " + averageBytes + " (expected: >= 1)");
            }
            if (sizeVariationBytes < 0 || sizeVariationBytes >= averageBytes) {
                throw new IllegalArgumentException("slicer.sizeVariationBytes: " + sizeVariationBytes
                        + " (expected: 0-" + (averageBytes - 1) + ")");
            }
            Check.nonNegative("slicer.delay", delay);
        }
    }
}

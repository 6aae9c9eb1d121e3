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
     * Toxiproxy's {@code timeout} toxic as Toxiproxy runs it: data is swallowed, and the connection closes once
     * no data has arrived for {@code timeout} ({@link Duration#ZERO} = never); removing it closes the connections.
     */
    static ToxiproxyTimeout toxiproxyTimeout(Duration timeout) {
        return new ToxiproxyTimeout(timeout);
    }

    /**
     * Toxiproxy's {@code reset_peer} toxic as Toxiproxy runs it: the first data starts the timer, data is
     * swallowed, then both peers get a TCP reset.
     */
    static ToxiproxyResetPeer toxiproxyResetPeer(Duration timeout) {
        return new ToxiproxyResetPeer(timeout);
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
     * queued in the link is discarded. Modelled on Toxiproxy's {@code reset_peer}, but timed the way a Java test
     * expects (from the fault, not from the first data); {@link ToxiproxyResetPeer} is Toxiproxy's exact behaviour.
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
     * is removed. Modelled on Toxiproxy's {@code timeout}, but with the fixed deadline a Java test expects;
     * {@link ToxiproxyTimeout} is Toxiproxy's exact behaviour (an idle timer, and a close on removal).
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
     * Toxiproxy's {@code timeout} toxic with Toxiproxy's own semantics, for code that must behave exactly as a
     * Toxiproxy server does (NetHarness's Toxiproxy-compatible server uses it). A Java test usually wants
     * {@link Timeout}, whose deadline is fixed; this one differs in two ways a client notices:
     * <ul>
     *   <li>its timer restarts whenever data arrives in the direction (and is swallowed): a sender that keeps
     *       talking keeps the connection open, so it is an idle timeout, not a deadline;</li>
     *   <li>removing the fault closes every connection open at that moment (normally, with FIN), whether its
     *       toxicity picked them or not: Toxiproxy's toxic closes its stage of each connection's chain on removal.</li>
     * </ul>
     *
     * @param timeout quiet time after which the connection is closed, counted from the fault reaching the
     *                connection or from the last data that arrived; zero means never
     */
    record ToxiproxyTimeout(Duration timeout) implements ConnectionFault {
        public ToxiproxyTimeout {
            Check.nonNegative("toxiproxyTimeout.timeout", timeout);
        }
    }

    /**
     * Toxiproxy's {@code reset_peer} toxic with Toxiproxy's own semantics, for code that must behave exactly as a
     * Toxiproxy server does. A Java test usually wants {@link ResetPeer}, which resets a set time after the fault
     * reached the connection; this one:
     * <ul>
     *   <li>starts its timer at the first data (or end of stream) that arrives in the direction once it is in force:
     *       an idle connection is never reset;</li>
     *   <li>swallows that data and everything after it in the direction;</li>
     *   <li>when the timer fires, closes the connection; a connection that opened while such a fault was
     *       registered on the link (in either direction, whether or not its toxicity picked the connection) has
     *       {@code SO_LINGER 0} on both sockets, as Toxiproxy sets it, so that close, and any other close of that
     *       connection (a {@link LimitData}, a peer's close), reaches <em>both</em> peers as a TCP reset. On a
     *       connection that was already open when the fault was added, the reset arrives as a normal close.</li>
     * </ul>
     *
     * @param timeout time from the first data to the reset; zero resets at the first data
     */
    record ToxiproxyResetPeer(Duration timeout) implements ConnectionFault {
        public ToxiproxyResetPeer {
            Check.nonNegative("toxiproxyResetPeer.timeout", timeout);
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

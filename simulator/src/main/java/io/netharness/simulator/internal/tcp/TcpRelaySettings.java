package io.netharness.simulator.internal.tcp;

import io.netharness.core.Format;
import io.netharness.simulator.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a TCP link that is not part of its profile.
 *
 * @param bufferBytes bytes a direction of one connection may hold in its delay line before the link stops reading
 *                    from the sender (back-pressure); also bounds the bandwidth-delay product the link can carry
 * @param initialRto  stall shown for a lost segment (Linux's minimum retransmission timeout is 200 ms)
 * @param maxRto      cap of the doubling for consecutive losses
 * @param segmentBytes the segment size loss decisions are made for (one decision per segment of the stream)
 * @param targetProbe  while the target refuses connections, how often the link tries it again, refusing its own
 *                     clients meanwhile; {@link Duration#ZERO} when the link does not mirror its target's refusals
 */
public record TcpRelaySettings(long bufferBytes, Duration initialRto, Duration maxRto, int segmentBytes,
        Duration targetProbe) {

    /** 8 MiB budget, 200 ms initial RTO doubling up to 60 s, 1460-byte segments, target refusals not mirrored. */
    public static final TcpRelaySettings DEFAULTS =
            new TcpRelaySettings(8L << 20, Duration.ofMillis(200), Duration.ofSeconds(60), 1460, Duration.ZERO);

    /** Settings that do not mirror the target's refusals. */
    public TcpRelaySettings(long bufferBytes, Duration initialRto, Duration maxRto, int segmentBytes) {
        this(bufferBytes, initialRto, maxRto, segmentBytes, Duration.ZERO);
    }

    /** Validates every field; messages name the field and its range. */
    public TcpRelaySettings {
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes: " + bufferBytes + " (expected: >= 1)");
        }
        Objects.requireNonNull(initialRto, "retransmissionTimeout.initial");
        Objects.requireNonNull(maxRto, "retransmissionTimeout.max");
        if (initialRto.isNegative() || initialRto.isZero()) {
            throw new IllegalArgumentException("retransmissionTimeout.initial: " + Format.duration(initialRto)
                    + " (expected: > 0)");
        }
        if (maxRto.compareTo(initialRto) < 0) {
            throw new IllegalArgumentException("retransmissionTimeout.max: " + Format.duration(maxRto)
                    + " (expected: >= initial " + Format.duration(initialRto) + ")");
        }
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("segmentBytes: " + segmentBytes + " (expected: >= 1)");
        }
        Check.nonNegative("refuseWhileTargetRefuses.probeInterval", targetProbe);
    }

    /** True if the link refuses its clients while its target refuses the link. */
    public boolean mirrorsTargetRefusals() {
        return !targetProbe.isZero();
    }
}

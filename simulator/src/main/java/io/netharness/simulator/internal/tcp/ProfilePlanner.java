package io.netharness.simulator.internal.tcp;

import io.netharness.simulator.Seeds;
import io.netharness.simulator.internal.model.CorruptionDecider;
import io.netharness.simulator.internal.model.DelaySampler;
import io.netharness.simulator.internal.model.LossModel;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Plans chunks for one direction of one connection from the {@link LinkProfile} the link's
 * {@link DirectionProfiles} give this connection, with TCP's semantics: timing changes, content does not (unless
 * corruption is asked for).
 *
 * <ul>
 *   <li>Bandwidth: the chunk leaves a {@link SharedBandwidth} bottleneck when its last byte is out: the direction's,
 *       shared with the other connections, for a link-wide profile; this connection's own for per-connection
 *       profiles.</li>
 *   <li>Latency: a delay drawn per chunk is added to that.</li>
 *   <li>Loss: decided per segment of {@code segmentBytes} (by stream offset, so the decisions do not depend on how
 *       the kernel happened to split the reads); a lost segment stalls its chunk, and with the delay line's order
 *       everything behind it, for a {@link RetransmissionStall}, then arrives intact.</li>
 *   <li>Corruption: one decision per chunk; a chosen chunk gets one bit flipped.</li>
 *   <li>Duplication, reordering and MTU have no effect: TCP hides them from applications.</li>
 * </ul>
 *
 * <p>A changed profile (a new {@code DirectionProfiles} instance) takes effect from the next chunk; its models start afresh but keep drawing from this
 * connection's seeded generators ({@code <connection stream>/delay}, {@code /loss}, {@code /corruption}).
 *
 * <p>Threads: the connection's event loop only.
 */
final class ProfilePlanner implements ChunkPlanner {

    private final Supplier<DirectionProfiles> profileSource;
    private final long connectionIndex;
    private final RandomGenerator delayRandom;
    private final RandomGenerator lossRandom;
    private final RandomGenerator corruptionRandom;
    private final TcpRelaySettings settings;
    private final SharedBandwidth sharedBandwidth;
    private final SharedBandwidth ownBandwidth = new SharedBandwidth();
    private final LongAdder stalls;
    private final DirectionCounters counters;
    private final RetransmissionStall retransmission;

    private DirectionProfiles source;
    private LinkProfile profile;
    private SharedBandwidth bandwidth;
    private DelaySampler delay;
    private LossModel loss;
    private CorruptionDecider corruption;
    private boolean transparent;
    private long offset;

    ProfilePlanner(Supplier<DirectionProfiles> profileSource, long connectionIndex, long streamSeed,
            TcpRelaySettings settings, SharedBandwidth sharedBandwidth, LongAdder stalls, DirectionCounters counters) {
        this.profileSource = profileSource;
        this.connectionIndex = connectionIndex;
        this.delayRandom = Seeds.generator(streamSeed, "delay");
        this.lossRandom = Seeds.generator(streamSeed, "loss");
        this.corruptionRandom = Seeds.generator(streamSeed, "corruption");
        this.settings = settings;
        this.sharedBandwidth = sharedBandwidth;
        this.stalls = stalls;
        this.counters = counters;
        this.retransmission = new RetransmissionStall(settings.initialRto().toNanos(), settings.maxRto().toNanos());
        // No refresh() here: the profile is first looked up with the first chunk, where a failing per-connection
        // selection closes this connection cleanly instead of breaking its set-up.
    }

    @Override
    public boolean isTransparent() {
        refresh();
        return transparent;
    }

    @Override
    public long plan(ByteBuf chunk, long nowNanos) {
        refresh();
        int size = chunk.readableBytes();
        long stall = lossStall(size);
        offset += size;
        long bit = corruption.bitToFlip(size);
        if (bit != CorruptionDecider.NONE) {
            int index = chunk.readerIndex() + (int) (bit >>> 3);
            chunk.setByte(index, chunk.getByte(index) ^ (1 << (bit & 7)));
            counters.corrupted();
        }
        long departure = bandwidth.departure(profile.bandwidth(), size, nowNanos);
        return departure + delay.nextNanos() + stall;
    }

    /** One loss decision per segment that starts in this chunk; each loss adds a (backed-off) timeout. */
    private long lossStall(int size) {
        if (profile.loss() instanceof Loss.None) {
            return 0;
        }
        long segment = settings.segmentBytes();
        long segments = ceilDiv(offset + size, segment) - ceilDiv(offset, segment);
        long stall = 0;
        for (long i = 0; i < segments; i++) {
            if (loss.lose()) {
                stall += retransmission.lost();
                stalls.increment();
            } else {
                retransmission.delivered();
            }
        }
        return stall;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private void refresh() {
        DirectionProfiles currentSource = profileSource.get();
        if (currentSource == source) {
            return;
        }
        source = currentSource;
        bandwidth = currentSource.sharesBandwidth() ? sharedBandwidth : ownBandwidth;
        LinkProfile current = currentSource.profileOf(connectionIndex);
        if (current == profile) {
            return;
        }
        profile = current;
        delay = new DelaySampler(current.latency(), delayRandom);
        loss = LossModel.of(current.loss(), lossRandom);
        corruption = new CorruptionDecider(current.corruption(), corruptionRandom);
        transparent = current.latency().isNone() && current.loss() instanceof Loss.None
                && current.corruption().probability() == 0.0 && current.bandwidth().isUnlimited();
    }
}

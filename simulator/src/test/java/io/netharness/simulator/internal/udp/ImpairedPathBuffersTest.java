package io.netharness.simulator.internal.udp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.Direction;
import io.netharness.simulator.internal.stats.DirectionCounters;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who holds which bytes on an {@link ImpairedPath}, and who flushes what it sends; on virtual time. */
class ImpairedPathBuffersTest {

    private static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final LinkProfile DELAYED = LinkProfile.builder()
            .latency(Latency.of(Duration.ofNanos(DELAY_NANOS))).build();

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final EmbeddedChannel out = new EmbeddedChannel();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final PendingFlushes flushes = new PendingFlushes();
    private final List<ByteBuf> sent = new ArrayList<>();
    private ImpairedPath path;

    @AfterEach
    void releaseEverything() {
        if (path != null) {
            path.close();
        }
        sent.forEach(ByteBuf::release);
        out.finishAndReleaseAll();
        loop.finishAndReleaseAll();
    }

    @Test
    void aDatagramLeavingAtOnceIsSentAsAViewOfTheReceivedBytes() {
        path = path(LinkProfile.PERFECT);
        ByteBuf received = readSlot("hello");
        received.retain(); // the test's own look after the path is done with it

        path.accept(received, recording());

        assertThat(sent).hasSize(1);
        received.setByte(received.readerIndex(), 'J');
        assertThat(sent.get(0).toString(US_ASCII)).isEqualTo("Jello"); // same memory: nothing was copied
        sent.remove(0).release();
        assertThat(received.refCnt()).isEqualTo(1);
        received.release();
    }

    @Test
    void aDelayedDatagramGetsARightSizedCopyAndTheReceivedBufferIsFreedAtOnce() {
        path = path(DELAYED);
        ByteBuf received = readSlot("hello");
        received.retain();

        path.accept(received, recording());

        assertThat(sent).isEmpty();
        assertThat(received.refCnt()).isEqualTo(1); // not pinned for the length of the delay
        received.setByte(received.readerIndex(), 'J');
        received.release();
        advance(DELAY_NANOS);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).toString(US_ASCII)).isEqualTo("hello");
        assertThat(sent.get(0).capacity()).isEqualTo(5);
    }

    @Test
    void whatLeavesOnArrivalWaitsForTheCallersFlush() {
        path = path(LinkProfile.PERFECT);

        path.accept(readSlot("now"), writing());

        assertThat(out.outboundMessages()).isEmpty();
        flushes.flush();
        assertThat(readOutbound()).isEqualTo("now");
    }

    @Test
    void whatLeavesOnATimerIsFlushedByThePath() {
        path = path(DELAYED);
        path.accept(readSlot("later"), writing());
        assertThat(out.outboundMessages()).isEmpty();

        advance(DELAY_NANOS);

        assertThat(readOutbound()).isEqualTo("later");
        assertThat(flushes.isEmpty()).isTrue();
    }

    @Test
    void aDatagramDueNowOvertakesOneStillDelayed() {
        path = path(DELAYED);
        path.accept(readSlot("first"), recording());
        path.profile(LinkProfile.PERFECT);

        path.accept(readSlot("second"), recording()); // due now; the delayed one stays queued for its time

        assertThat(sent).extracting(buffer -> buffer.toString(US_ASCII)).containsExactly("second");
        advance(DELAY_NANOS - 1);
        assertThat(sent).hasSize(1);
        advance(1);
        assertThat(sent).extracting(buffer -> buffer.toString(US_ASCII)).containsExactly("second", "first");
    }

    private ImpairedPath path(LinkProfile profile) {
        loop.freezeTime();
        return new ImpairedPath(Direction.UPSTREAM, loop.eventLoop(), 7, profile, clock::get, 100, null,
                new DirectionCounters(), flushes);
    }

    /** A datagram as a batch read leaves it: a few bytes at the start of a 64 KiB slot. */
    private static ByteBuf readSlot(String text) {
        ByteBuf slot = Unpooled.directBuffer(Datagrams.MAX_DATAGRAM);
        slot.writeCharSequence(text, US_ASCII);
        return slot;
    }

    private void advance(long nanos) {
        clock.addAndGet(nanos);
        loop.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();
    }

    private String readOutbound() {
        ByteBuf message = out.readOutbound();
        try {
            return message.toString(US_ASCII);
        } finally {
            message.release();
        }
    }

    private Outlet recording() {
        return outlet(sent::add);
    }

    private Outlet writing() {
        return outlet(datagram -> flushes.write(out, datagram));
    }

    private static Outlet outlet(java.util.function.Consumer<ByteBuf> send) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 9);
        return new Outlet() {
            @Override
            public void send(ByteBuf datagram) {
                send.accept(datagram);
            }

            @Override
            public InetSocketAddress captureSource() {
                return address;
            }

            @Override
            public InetSocketAddress captureDestination() {
                return address;
            }
        };
    }
}

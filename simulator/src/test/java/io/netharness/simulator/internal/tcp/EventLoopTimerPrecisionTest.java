package io.netharness.simulator.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The link's delays are tasks scheduled on its event loop. With epoll, Netty arms a timerfd with nanosecond
 * resolution for short waits; for waits of 10 ms or more it sleeps in epoll_wait's millisecond timeout, which wakes
 * up to a millisecond late, so the link wakes {@link WakeUp#MARGIN_MILLIS} ms early and sleeps the rest on the timerfd.
 *
 * <p>On a busy machine every wake-up is late by the scheduler's delay, whatever the timer; so lateness is compared
 * with a control measured alongside: a plain thread parked for the same time (a high-resolution kernel timer).
 * Isolated from other test classes so that their load does not dominate.
 */
@Isolated
class EventLoopTimerPrecisionTest {

    private static final int SAMPLES = 41;
    private static final int ROUNDS = 3;

    @Test
    void theLinksEventLoopsUseEpollWhereAvailable() throws Exception {
        EventLoopGroup group = TcpTransport.newGroup(1, "transport-probe");
        try {
            assertThat(Epoll.isAvailable()).as("epoll on this Linux machine").isTrue();
            assertThat(TcpTransport.of(group).isEpoll()).isTrue();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void delaysOnTheEventLoopAreLateByLessThanHalfAMillisecondBeyondTheSchedulersOwnDelay() throws Exception {
        EventLoopGroup group = TcpTransport.newGroup(1, "timer-precision");
        try {
            EventLoop loop = group.next();
            for (long delayMicros : new long[] {1_500, 20_000}) {
                long delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
                long best = Long.MAX_VALUE;
                // The quietest of a few rounds: a burst of load elsewhere on the machine can spoil one.
                for (int round = 0; round < ROUNDS && best > TimeUnit.MICROSECONDS.toNanos(100); round++) {
                    long[] loopLate = new long[SAMPLES];
                    long[] parkLate = new long[SAMPLES];
                    for (int i = 0; i < SAMPLES; i++) {
                        loopLate[i] = lateness(loop, delayNanos);
                        parkLate[i] = parkedLateness(delayNanos);
                    }
                    Arrays.sort(loopLate);
                    Arrays.sort(parkLate);
                    long excess = loopLate[SAMPLES / 2] - parkLate[SAMPLES / 2];
                    System.out.printf("delay %d us, round %d: event loop late by median %d us (p90 %d), parked thread"
                            + " median %d us (p90 %d): excess %d us%n", delayMicros, round, loopLate[SAMPLES / 2] / 1000,
                            loopLate[SAMPLES * 9 / 10] / 1000, parkLate[SAMPLES / 2] / 1000,
                            parkLate[SAMPLES * 9 / 10] / 1000, excess / 1000);
                    best = Math.min(best, excess);
                }
                assertThat(best).as("median lateness of a %d us delay beyond a parked thread's, ns", delayMicros)
                        .isLessThan(TimeUnit.MICROSECONDS.toNanos(500));
            }
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * Waits {@code delayNanos} on {@code loop} the way the delay line does (from the loop itself, waking as
     * {@link WakeUp} says and sleeping again if early) and returns how late the wait ended.
     */
    private static long lateness(EventLoop loop, long delayNanos) throws Exception {
        CompletableFuture<Long> late = new CompletableFuture<>();
        loop.execute(() -> {
            long due = System.nanoTime() + delayNanos;
            new Runnable() {
                @Override
                public void run() {
                    long now = System.nanoTime();
                    if (now - due >= 0) {
                        late.complete(now - due);
                    } else {
                        loop.schedule(this, WakeUp.delayNanos(due - now), TimeUnit.NANOSECONDS);
                    }
                }
            }.run();
        });
        return late.get(5, TimeUnit.SECONDS);
    }

    /** The control: how late a plain thread wakes from parking {@code delayNanos}. */
    private static long parkedLateness(long delayNanos) {
        long due = System.nanoTime() + delayNanos;
        // Bounded: parkNanos returns at the deadline or earlier (spuriously), at most a few times.
        for (int i = 0; i < 100 && System.nanoTime() - due < 0; i++) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
        return System.nanoTime() - due;
    }
}

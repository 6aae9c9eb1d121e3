package io.netharness.simulator.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The link's delays are tasks scheduled on its event loop. With epoll, Netty arms a timerfd with nanosecond
 * resolution for the next deadline (for waits of 10 ms or more it first sleeps in epoll_wait's millisecond timeout,
 * waking early, then arms the timerfd for the rest), so a delay fires a few microseconds late, not a 100 ms wheel tick.
 */
class EventLoopTimerPrecisionTest {

    private static final int SAMPLES = 60;

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
    void scheduledDelaysFireWellUnderAMillisecondLate() throws Exception {
        EventLoopGroup group = TcpTransport.newGroup(1, "timer-precision");
        try {
            EventLoop loop = group.next();
            for (long delayMicros : new long[] {1_500, 20_000}) {
                long[] late = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    late[i] = lateness(loop, TimeUnit.MICROSECONDS.toNanos(delayMicros));
                }
                Arrays.sort(late);
                long median = late[SAMPLES / 2];
                System.out.printf("event loop (%s) delay %d us: late by min %d, median %d, p90 %d, max %d us%n",
                        TcpTransport.of(group).isEpoll() ? "epoll" : "nio", delayMicros, late[0] / 1000,
                        median / 1000, late[SAMPLES * 9 / 10] / 1000, late[SAMPLES - 1] / 1000);
                assertThat(median).as("median lateness of a %d us delay, ns", delayMicros)
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
}

package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboxOutboxTest {

    @Test
    void fullInboxRefusesOfferAndPutTimesOutNamingIt() throws Exception {
        Inbox<String> inbox = new Inbox<>("box", 2);
        assertThat(inbox.offer("a")).isTrue();
        assertThat(inbox.offer("b")).isTrue();

        assertThat(inbox.offer("c")).isFalse();
        assertThat(inbox.hasSpace()).isFalse();
        assertThatThrownBy(() -> inbox.put("c", Duration.ofMillis(20)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("timed out after 20ms waiting for room in inbox 'box' (capacity 2)");
        assertThat(inbox.take(Duration.ofSeconds(1))).isEqualTo("a");
        assertThat(inbox.offer("c")).isTrue();
        assertThat(inbox.poll()).isEqualTo("b");
        assertThat(inbox.poll()).isEqualTo("c");
    }

    @Test
    void takeOnEmptyInboxTimesOutNamingIt() {
        Inbox<String> inbox = new Inbox<>("quiet", 4);
        assertThatThrownBy(() -> inbox.take(Duration.ofMillis(10)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("timed out after 10ms waiting for a message on inbox 'quiet'");
    }

    @Test
    void blockedPutProceedsOnceRoomIsMade() throws Exception {
        Inbox<Integer> inbox = new Inbox<>("narrow", 1);
        inbox.put(1);
        CountDownLatch putDone = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                inbox.put(2, Duration.ofSeconds(10));
                putDone.countDown();
            } catch (InterruptedException | TimeoutException e) {
                Thread.currentThread().interrupt();
            }
        }, "inbox-test-producer");
        producer.start();
        try {
            assertThat(putDone.await(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(inbox.take(Await.TIMEOUT)).isEqualTo(1);
            assertThat(putDone.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(inbox.take(Await.TIMEOUT)).isEqualTo(2);
        } finally {
            producer.interrupt();
            producer.join(Await.TIMEOUT.toMillis());
        }
    }

    @Test
    void whenSpaceAvailableRunsOnceRoomFrees() {
        Inbox<String> inbox = new Inbox<>("box", 1);
        inbox.offer("a");
        AtomicInteger calls = new AtomicInteger();
        inbox.whenSpaceAvailable(calls::incrementAndGet);
        assertThat(calls).hasValue(0);

        inbox.poll();
        assertThat(calls).hasValue(1);
        inbox.offer("b");
        inbox.poll();
        assertThat(calls).hasValue(1);
    }

    @Test
    void closedInboxRefusesWithItsReasonButStillHandsOutWhatItHolds() {
        Inbox<String> inbox = new Inbox<>("box", 4);
        inbox.offer("kept");
        inbox.close("the socket closed");

        assertThatThrownBy(() -> inbox.offer("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("inbox 'box' is closed: the socket closed");
        assertThat(inbox.poll()).isEqualTo("kept");
    }

    @Test
    void validatorRefusesOnTheSendersThread() {
        Inbox<String> inbox = new Inbox<>("checked", 4, s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("message: \"\" (expected: not empty)");
            }
        });
        assertThatThrownBy(() -> inbox.offer(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message: \"\" (expected: not empty)");
        assertThat(inbox.isEmpty()).isTrue();
        assertThatThrownBy(() -> new Inbox<String>("bad", 0))
                .hasMessage("capacity: 0 (expected: > 0)");
    }

    @Test
    void passThroughMovesQueuedMessagesInOrderThenForwards() {
        Inbox<String> outer = new Inbox<>("outer", 8);
        Inbox<String> inner = new Inbox<>("inner", 8);
        outer.offer("1");
        outer.offer("2");

        outer.passThroughTo(inner);
        outer.offer("3");

        assertThat(outer.isEmpty()).isTrue();
        assertThat(inner.poll()).isEqualTo("1");
        assertThat(inner.poll()).isEqualTo("2");
        assertThat(inner.poll()).isEqualTo("3");
        outer.passThroughTo(null);
        outer.offer("4");
        assertThat(outer.poll()).isEqualTo("4");
    }

    @Test
    void unlinkedOutboxQueuesForTestsAndLinkingMovesTheQueue() throws Exception {
        Outbox<String> outbox = new Outbox<>("out", 8);
        outbox.offer("early");
        assertThat(outbox.size()).isEqualTo(1);

        Inbox<String> destination = new Inbox<>("dest", 8);
        outbox.linkTo(destination);
        outbox.offer("late");

        assertThat(destination.take(Await.TIMEOUT)).isEqualTo("early");
        assertThat(destination.take(Await.TIMEOUT)).isEqualTo("late");
        assertThatThrownBy(() -> outbox.take(Duration.ofMillis(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox 'out' is linked; read from what it is linked to");
        outbox.unlink();
        outbox.offer("again");
        assertThat(outbox.take(Await.TIMEOUT)).isEqualTo("again");
    }

    @Test
    void outboxPassesThroughToAnEnclosingOutboxAndRefusesCycles() throws Exception {
        Outbox<String> inner = new Outbox<>("inner", 8);
        Outbox<String> outer = new Outbox<>("outer", 8);
        inner.linkTo(outer);
        inner.offer("through");

        assertThat(outer.take(Await.TIMEOUT)).isEqualTo("through");
        assertThatThrownBy(() -> outer.linkTo(inner))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linking outbox 'outer' to 'inner' would make a cycle");
    }

    @Test
    void outboxLinkedToFullInboxRefusesAndSaysWhenThereIsRoom() {
        Inbox<String> destination = new Inbox<>("dest", 1);
        Outbox<String> outbox = new Outbox<String>("out", 8).linkTo(destination);
        assertThat(outbox.offer("a")).isTrue();
        assertThat(outbox.offer("b")).isFalse();
        assertThat(outbox.hasSpace()).isFalse();
        AtomicInteger resumed = new AtomicInteger();
        outbox.whenSpaceAvailable(resumed::incrementAndGet);

        destination.poll();
        assertThat(resumed).hasValue(1);
    }
}

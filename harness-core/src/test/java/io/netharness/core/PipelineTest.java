package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipelineTest {

    /** Holds every message back until the stream finishes, then emits them in reverse: tests onFinish. */
    static final class Reverser extends StreamComponent<String, String> {
        private final List<String> held = new ArrayList<>();

        Reverser() {
            super("reverser");
        }

        @Override
        protected void onMessage(String message, Emitter<String> out) {
            held.add(message);
        }

        @Override
        protected void onFinish(Emitter<String> out) {
            for (int i = held.size() - 1; i >= 0; i--) {
                out.emit(held.get(i));
            }
        }
    }

    @Test
    void dataFlowsThroughTheChainAndProducerFinishedFollowsIt() throws Exception {
        StreamComponent<String, Integer> length = StreamComponent.map("length", String::length);
        StreamComponent<Integer, String> describe = StreamComponent.map("describe", n -> "len=" + n);
        try (Pipeline<String, String> line = Pipeline.from(length).then(describe).then(new Reverser()).build()) {
            line.start();
            line.inbox().put("a");
            line.inbox().put("bbb");
            line.inbox().put("cc");
            assertThat(line.outbox().poll()).isNull(); // the reverser holds everything until the end

            line.control().put(new Lifecycle.ProducerFinished());

            assertThat(line.signal().take(Await.TIMEOUT)).isEqualTo(new Lifecycle.ProducerFinished());
            assertThat(line.outbox().take(Await.TIMEOUT)).isEqualTo("len=2");
            assertThat(line.outbox().take(Await.TIMEOUT)).isEqualTo("len=3");
            assertThat(line.outbox().take(Await.TIMEOUT)).isEqualTo("len=1");
            assertThat(line.components()).hasSize(3);
        }
    }

    @Test
    void closeClosesEveryComponentAndRestartIsRefused() {
        StreamComponent<String, String> first = StreamComponent.map("first", s -> s);
        StreamComponent<String, String> second = StreamComponent.map("second", s -> s);
        Pipeline<String, String> line = Pipeline.of(first, second);
        line.start();

        line.close();
        line.close();

        assertThatThrownBy(() -> first.inbox().offer("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> second.inbox().offer("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(first::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("first is closed and cannot be started again; create a new one");
        assertThat(first).hasToString("first{closed}");
    }

    @Test
    void aComponentCannotAppearTwice() {
        StreamComponent<String, String> same = StreamComponent.map("same", s -> s);
        assertThatThrownBy(() -> Pipeline.of(same, same))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("same{new} is already in this pipeline");
    }

    /** A slow reader at the end stops the component taking from its inbox; nothing is lost or reordered. */
    @Test
    void fullOutboxStopsTheComponentWithoutLosingMessages() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        StreamComponent<Integer, Integer> counter = new StreamComponent<>("counter", 2,
                Transport.sharedGroup().next()) {
            @Override
            protected void onMessage(Integer message, Emitter<Integer> out) {
                seen.add(message);
                out.emit(message);
            }
        };
        try (counter) {
            counter.start();
            for (int i = 0; i < 2; i++) {
                counter.inbox().put(i);
            }
            Await.until("the outbox is full", () -> counter.outbox().size() == 2);
            counter.inbox().put(2);
            counter.inbox().put(3);
            // The component took one more (held locally) and then stopped: one stays in its inbox.
            Await.until("the component stops taking", () -> seen.size() == 3);
            assertThat(counter.inbox().size()).isEqualTo(1);

            for (int i = 0; i < 4; i++) {
                assertThat(counter.outbox().take(Await.TIMEOUT)).isEqualTo(i);
            }
            assertThat(seen).containsExactly(0, 1, 2, 3);
        }
    }

    /** A receiver that closes mid-stream (a reset connection) costs the output, not the component. */
    @Test
    void outputForAClosedReceiverIsDiscardedAndTheComponentCarriesOn() throws Exception {
        Inbox<String> receiver = new Inbox<>("receiver", 16);
        AtomicLong discardedAtFinish = new AtomicLong(-1);
        StreamComponent<String, String> echo = new StreamComponent<>("echo") {
            @Override
            protected void onMessage(String message, Emitter<String> out) {
                out.emit(message);
            }

            @Override
            protected void onFinish(Emitter<String> out) {
                discardedAtFinish.set(discardedMessages());
            }
        };
        Inbox<Lifecycle> signals = new Inbox<>("signals", 16);
        echo.outbox().linkTo(receiver);
        echo.signal().linkTo(signals);
        try (echo) {
            echo.start();
            echo.inbox().put("before");
            assertThat(receiver.take(Await.TIMEOUT)).isEqualTo("before");

            receiver.close("the connection was reset");
            echo.inbox().put("after");
            echo.control().put(new Lifecycle.ProducerFinished());
            // The component still drains its control inbox: the finish arrives after the discarded message.
            assertThat(signals.take(Await.TIMEOUT)).isInstanceOf(Lifecycle.ProducerFinished.class);
            assertThat(echo.inbox().isEmpty()).isTrue();
            assertThat(echo.outbox().isDestinationClosed()).isTrue();
            assertThat(discardedAtFinish).as("messages discarded when the finish was handled").hasValue(1);
        }
    }
}

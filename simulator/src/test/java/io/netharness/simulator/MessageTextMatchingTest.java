package io.netharness.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageTextMatchingTest {

    private static Message message(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Message() {
            @Override
            public long number() {
                return 1;
            }

            @Override
            public Direction direction() {
                return Direction.UPSTREAM;
            }

            @Override
            public long connection() {
                return 1;
            }

            @Override
            public int length() {
                return bytes.length;
            }

            @Override
            public ByteBuffer bytes() {
                return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            }
        };
    }

    @Test
    void acceptsAMessageWhoseTextContainsAMatch() {
        Predicate<Message> get = Message.textMatching(Pattern.compile("^GET /health"));

        assertThat(get.test(message("GET /health HTTP/1.1\r\n"))).isTrue();
        assertThat(get.test(message("POST /health HTTP/1.1\r\n"))).isFalse();
        assertThat(get).hasToString("/^GET /health/");
    }

    @Test
    void twoFromTheSameExpressionAndFlagsAreEqual() {
        assertThat(Message.textMatching(Pattern.compile("GET"))).isEqualTo(Message.textMatching(Pattern.compile("GET")))
                .hasSameHashCodeAs(Message.textMatching(Pattern.compile("GET")))
                .isNotEqualTo(Message.textMatching(Pattern.compile("GET", Pattern.CASE_INSENSITIVE)))
                .isNotEqualTo(Message.textMatching(Pattern.compile("PUT")));
    }

    @Test
    void aMissingPatternIsRefused() {
        assertThatThrownBy(() -> Message.textMatching(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pattern");
    }
}

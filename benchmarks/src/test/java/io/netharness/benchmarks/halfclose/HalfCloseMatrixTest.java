package io.netharness.benchmarks.halfclose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No byte is lost across a half-closed connection on the default transport: every case of the matrix (either
 * side half-closes first, fast or slow reader, default or 4 KiB receive buffer, unimpaired or impaired, through a
 * {@code TcpLink}, a {@code serve --link} and an API proxy of {@code serve} in a process of its own) moves 8 MiB,
 * checked by SHA-256 where it arrives, once per build. {@link HalfCloseSoak} runs each case 1,000 times.
 */
class HalfCloseMatrixTest {

    private static HalfCloseMatrix matrix;

    static List<HalfCloseCase> cases() {
        return HalfCloseCase.all();
    }

    @BeforeAll
    static void start() throws Exception {
        matrix = new HalfCloseMatrix(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (matrix != null) {
            List<Throwable> upstreamFailures = matrix.drainUpstreamFailures();
            matrix.close();
            assertThat(upstreamFailures).as("errors of the upstream servers").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyByteArrivesIntact(HalfCloseCase c) throws Exception {
        assertThatNoException().as("8 MiB across a half-closed connection, %s", c).isThrownBy(() -> matrix.run(c));
    }
}

package io.netharness.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netharness.core.Format;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"20ms, 20000000", "1.5s, 1500000000", "250 us, 250000", "250µs, 250000", "7ns, 7", "2m, 120000000000",
            "0, 0", ".5ms, 500000"})
    void parsesDurations(String text, long nanos) {
        assertThat(Quantities.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "ms", "-5ms", "20 parsecs", "1.5ns", "20MS", "1h"})
    void refusesOtherDurations(String text) {
        assertThatThrownBy(() -> Quantities.parseDuration(text)).isInstanceOf(QuantityFormatException.class)
                .hasMessageStartingWith("\"" + text + "\" is not a duration");
    }

    @ParameterizedTest
    @CsvSource({"1MB/s, 1000000", "1 KB/s, 1000", "1kB/s, 1000", "2GiB/s, 2147483648", "1MiB/s, 1048576",
            "10Mbit/s, 1250000", "8bit/s, 1", "1.5kbit/s, 187", "1Gbit/s, 125000000", "100B/s, 100"})
    void parsesRates(String text, long bytesPerSecond) {
        assertThat(Quantities.parseBytesPerSecond(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "1MB", "0MB/s", "1kb/s", "4bit/s", "1mbit/s", "1 Mb/s", "-1MB/s"})
    void refusesOtherRates(String text) {
        assertThatThrownBy(() -> Quantities.parseBytesPerSecond(text)).isInstanceOf(QuantityFormatException.class)
                .hasMessageStartingWith("\"" + text + "\" is not a rate of at least 1 B/s");
    }

    @ParameterizedTest
    @CsvSource({"20000000, 20ms", "2000000000, 2s", "1500000, 1500us", "7, 7ns", "0, 0ms"})
    void formatsDurationsTheWayTheyAreWritten(long nanos, String text) {
        assertThat(Format.duration(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}

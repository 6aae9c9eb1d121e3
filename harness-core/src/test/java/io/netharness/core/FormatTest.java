package io.netharness.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void addressesReadAsTheyAreTyped() throws UnknownHostException {
        assertThat(Format.address(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4000)))
                .isEqualTo("127.0.0.1:4000");
        assertThat(Format.address(new InetSocketAddress(InetAddress.getByName("::1"), 4000))).isEqualTo("[::1]:4000");
        assertThat(Format.address(new InetSocketAddress(InetAddress.getByName("fe80:0:0:0:0:0:0:1"), 53)))
                .isEqualTo("[fe80::1]:53");
        assertThat(Format.address(InetSocketAddress.createUnresolved("db.example", 5432)))
                .isEqualTo("db.example:5432");
        assertThat(Format.address(null)).isEqualTo("null");
    }

    @Test
    void durationsUseTheLargestWholeUnit() {
        assertThat(Format.duration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Format.duration(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(Format.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Format.duration(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
        assertThat(Format.duration(Duration.ofNanos(250))).isEqualTo("250ns");
        assertThat(Format.duration(Duration.ofMillis(-5))).isEqualTo("-5ms");
        assertThat(Format.duration(ChronoUnit.FOREVER.getDuration())).startsWith("PT");
    }
}

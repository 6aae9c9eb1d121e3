package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void backToBackChunksLeaveAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(1_000, 0);
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.busyUntil()).isEqualTo(100_000_000L);
        assertThat(bucket.reserve(100, 0)).isEqualTo(100_000_000L);
        assertThat(bucket.busyUntil()).isEqualTo(200_000_000L);
    }

    @Test
    void fractionalNanosecondsAreCarriedWithoutDrift() {
        TokenBucket bucket = new TokenBucket(3, 0);
        bucket.reserve(1, 0);
        assertThat(bucket.busyUntil()).isEqualTo(333_333_333L);
        bucket.reserve(1, 0);
        assertThat(bucket.busyUntil()).isEqualTo(666_666_666L);
        bucket.reserve(1, 0);
        assertThat(bucket.busyUntil()).isEqualTo(1_000_000_000L);
    }

    @Test
    void idleLinkSendsAtOnce() {
        TokenBucket bucket = new TokenBucket(1_000, 0);
        bucket.reserve(100, 0);
        assertThat(bucket.reserve(100, 500_000_000L)).isEqualTo(500_000_000L);
        assertThat(bucket.busyUntil()).isEqualTo(600_000_000L);
    }

    @Test
    void burstAllowanceLetsChunksStartBackToBack() {
        TokenBucket bucket = new TokenBucket(1_000, 300);
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isEqualTo(100_000_000L);
    }
}

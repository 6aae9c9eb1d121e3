package io.netharness.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.simulator.profile.Bandwidth;
import io.netharness.simulator.profile.Corruption;
import io.netharness.simulator.profile.DelayDistribution;
import io.netharness.simulator.profile.Duplication;
import io.netharness.simulator.profile.Latency;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import io.netharness.simulator.profile.Mtu;
import io.netharness.simulator.profile.Reordering;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImpairmentEngineDeterminismTest {

    private static final int DATAGRAMS = 100_000;

    static final LinkProfile EVERYTHING = LinkProfile.builder()
            .latency(new Latency(Duration.ofMillis(20), Duration.ofMillis(5), DelayDistribution.PARETO_NORMAL, 0.25))
            .loss(new Loss.GilbertElliott(0.01, 0.3, 0.001, 0.9))
            .duplication(new Duplication(0.01, 0.1))
            .reordering(new Reordering(0.02, 3, Duration.ofMillis(10)))
            .corruption(new Corruption(0.01))
            .bandwidth(Bandwidth.ofBytesPerSecond(50_000_000))
            .mtu(new Mtu(1500, Mtu.OversizeAction.TRUNCATE))
            .build();

    @Test
    void sameSeedAndTrafficGiveIdenticalDecisionsBitForBit() {
        String first = digestOfDecisions(0xC0FFEEL);
        String second = digestOfDecisions(0xC0FFEEL);
        assertThat(second).as("SHA-256 of %d fates, seed 0xc0ffee", DATAGRAMS).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentDecisions() {
        assertThat(digestOfDecisions(0xC0FFEFL)).isNotEqualTo(digestOfDecisions(0xC0FFEEL));
    }

    @Test
    void profileChangedAtTheSameDatagramRepeatsExactly() {
        assertThat(digestWithChange(42)).isEqualTo(digestWithChange(42));
    }

    @Test
    void changingDuplicationLeavesTheLossPatternOfTheSeedUnchanged() {
        ImpairmentEngine a = new ImpairmentEngine(5, LinkProfile.PERFECT.withLoss(Loss.random(0.1)));
        ImpairmentEngine b = new ImpairmentEngine(5, LinkProfile.PERFECT.withLoss(Loss.random(0.1))
                .withDuplication(Duplication.of(0.5)));
        for (int i = 0; i < 10_000; i++) {
            assertThat(b.decide(10, i).dropped()).as("datagram %d", i).isEqualTo(a.decide(10, i).dropped());
        }
    }

    private static String digestOfDecisions(long seed) {
        return digest(new ImpairmentEngine(seed, EVERYTHING), -1);
    }

    private static String digestWithChange(long seed) {
        return digest(new ImpairmentEngine(seed, EVERYTHING), DATAGRAMS / 2);
    }

    /** Feeds a fixed pseudo-random traffic pattern (sizes 0-2000 bytes, 0-200 us apart) and hashes every fate. */
    private static String digest(ImpairmentEngine engine, int changeAt) {
        SplittableRandom traffic = new SplittableRandom(1234);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        ByteBuffer record = ByteBuffer.allocate(64);
        long now = 1_000_000_000L;
        for (int i = 0; i < DATAGRAMS; i++) {
            if (i == changeAt) {
                engine.profile(EVERYTHING.withLoss(Loss.random(0.05)));
            }
            now += traffic.nextLong(200_000);
            DatagramFate fate = engine.decide(traffic.nextInt(2001), now);
            record.clear();
            record.putInt(fate.outcome().ordinal()).putInt(fate.bytes()).putInt(fate.copies().size());
            sha.update(record.flip());
            for (DatagramFate.Copy copy : fate.copies()) {
                record.clear();
                record.putLong(copy.departureNanos()).putLong(copy.corruptBit()).putInt(copy.holdGap())
                        .putLong(copy.maxHoldNanos());
                sha.update(record.flip());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

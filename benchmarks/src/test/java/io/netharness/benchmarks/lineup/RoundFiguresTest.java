package io.netharness.benchmarks.lineup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.endpoint.EchoServer;
import io.netharness.benchmarks.endpoint.Loops;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparisons are taken within a round, then the median over rounds; the best floor is chosen per round. */
class RoundFiguresTest {

    private static Contender contender(String name, Layout layout, Role role) {
        return new Contender(name, layout, role, target -> Hops.tcp(Variant.DIRECT, target, Impairment.NONE));
    }

    private static final Contender COPY = contender("copy", Layout.STANDALONE, Role.FLOOR);
    private static final Contender SPLICE = contender("splice", Layout.STANDALONE, Role.FLOOR);
    private static final Contender LINK = contender("link", Layout.IN_PROCESS, Role.NETHARNESS);

    @Test
    void ratiosAreTakenPerRoundAgainstTheBestFloorOfThatRound() {
        Map<Contender, double[]> figures = Map.of(Contenders.DIRECT, new double[] {100, 200, 300},
                COPY, new double[] {50, 40, 90}, SPLICE, new double[] {40, 80, 60}, LINK, new double[] {45, 76, 81});
        EventLoopGroup group = Loops.newGroup(1);
        try (EchoServer echo = new EchoServer(group);
             Lineup lineup = Lineup.open(List.of(Contenders.DIRECT, COPY, SPLICE, LINK), echo.address())) {
            RoundFigures rounds = new RoundFigures(lineup, figures::get);
            // Per round: 45/50, 76/80, 81/90 = 0.90, 0.95, 0.90; the median is 0.90.
            assertThat(rounds.ratioToBestFloor(LINK)).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.90, within(1e-9)));
            // 45/100, 76/200, 81/300 = 0.45, 0.38, 0.27.
            assertThat(rounds.ratio(LINK, Contenders.DIRECT)).isCloseTo(0.38, within(1e-9));
            // Lower is better: added over direct minus the least a floor added (-50 vs -60, -124 vs -160, -219 vs -240).
            assertThat(rounds.addedOverBestFloor(LINK)).hasValueSatisfying(a -> assertThat(a).isCloseTo(21, within(1e-9)));
            assertThat(rounds.bestFloorAdded()).hasValueSatisfying(a -> assertThat(a).isCloseTo(-160, within(1e-9)));
            assertThat(rounds.difference(LINK, Contenders.DIRECT)).isCloseTo(-124, within(1e-9));
        } finally {
            Loops.shutdown(group);
        }
    }
}

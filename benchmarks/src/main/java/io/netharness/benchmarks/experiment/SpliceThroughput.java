package io.netharness.benchmarks.experiment;

import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import io.netharness.benchmarks.report.Stats;
import io.netharness.benchmarks.scenario.TcpBulkTransfer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Bulk throughput of direct loopback, the NetHarness link and {@link SpliceProxy}, interleaved round by round;
 * prints the median ratios. Arguments: rounds (default 5), MiB per transfer (default 256).
 */
public final class SpliceThroughput {

    private SpliceThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long bytes = (args.length > 1 ? Long.parseLong(args[1]) : 256) << 20;
        double[] direct = new double[rounds];
        double[] link = new double[rounds];
        double[] splice = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            double d = rate(new TcpBulkTransfer(Variant.DIRECT, Impairment.NONE), bytes);
            double l = rate(new TcpBulkTransfer(Variant.NETHARNESS, Impairment.NONE), bytes);
            double s = rate(new TcpBulkTransfer(SpliceProxy::new), bytes);
            if (round >= 0) {
                direct[round] = d;
                link[round] = l;
                splice[round] = s;
            }
        }
        System.out.printf("direct %s, NetHarness link %s (%.2fx direct), splice relay %s (%.2fx direct)%n",
                Stats.mibPerSecond(Stats.median(direct)), Stats.mibPerSecond(Stats.median(link)),
                Stats.median(ratios(link, direct)), Stats.mibPerSecond(Stats.median(splice)),
                Stats.median(ratios(splice, direct)));
    }

    /** Bytes per second of one transfer through {@code transfer}, which it then closes. */
    public static double rate(TcpBulkTransfer transfer, long bytes) throws Exception {
        try (transfer) {
            return bytes * 1e9 / transfer.transfer(bytes, Duration.ofMinutes(2));
        }
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        Arrays.setAll(r, i -> a[i] / b[i]);
        return r;
    }
}

package io.netharness.benchmarks.scenario;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of {@link RemoteHop}: runs one hop and nothing else, so its memory is the hop's alone and its
 * descriptors do not count against the load generator's limit. Protocol on stdin/stdout, one line each:
 * it prints {@code address <port>} once started; {@code memory} answers {@code memory <heap> <direct> <rss>}
 * (bytes, after a full collection); {@code exit} or end of input closes the hop and exits.
 *
 * <p>Arguments: the variant, the kind of hop ({@link RemoteHop.Kind}) and the target port on 127.0.0.1.
 */
public final class HopProcess {

    private HopProcess() {
    }

    public static void main(String[] args) throws Exception {
        Variant variant = Variant.valueOf(args[0]);
        RemoteHop.Kind kind = RemoteHop.Kind.valueOf(args[1]);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2]));
        try (Hop hop = open(variant, kind, target);
             BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("address " + hop.address().getPort());
            System.out.flush();
            for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
                if (line.equals("memory")) {
                    MemorySnapshot m = MemorySnapshot.take();
                    System.out.println("memory " + m.heapUsed() + " " + m.directBytes() + " " + m.residentBytes());
                } else {
                    System.out.println("error unknown command: " + line + " (expected: memory, exit)");
                }
                System.out.flush();
            }
        }
        System.exit(0); // NetCrusher's reactor threads are not daemons
    }

    private static Hop open(Variant variant, RemoteHop.Kind kind, InetSocketAddress target) {
        return switch (kind) {
            case TCP -> Hops.tcp(variant, target, Impairment.NONE);
            case TCP_SCALE -> Hops.tcpForScale(variant, target);
            case UDP -> Hops.udp(variant, target, Impairment.NONE);
        };
    }
}

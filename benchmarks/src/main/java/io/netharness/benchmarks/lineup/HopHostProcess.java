package io.netharness.benchmarks.lineup;

import io.netharness.benchmarks.hop.Hop;
import io.netharness.benchmarks.hop.Hops;
import io.netharness.benchmarks.hop.Impairment;
import io.netharness.benchmarks.hop.Variant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The child JVM of {@link HopHost}: a standalone proxy process that opens and closes hops on request, as a
 * long-running proxy serves one test after another. Protocol on stdin/stdout, one line each: {@code open <variant>
 * <tcp|udp> <port>} starts a hop in front of 127.0.0.1:port and answers {@code opened <id> <listening port>};
 * {@code close <id>} answers {@code closed <id>}; a failure answers {@code error <message>}; {@code exit} or the
 * end of input closes every hop and exits.
 */
public final class HopHostProcess {

    private HopHostProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<Integer, Hop> hops = new HashMap<>();
        int next = 0;
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("ready");
            System.out.flush();
            for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
                String[] words = line.split(" ");
                try {
                    if (words[0].equals("open") && words.length == 4) {
                        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(words[3]));
                        Variant variant = Variant.valueOf(words[1]);
                        Hop hop = words[2].equals("udp") ? Hops.udp(variant, target, Impairment.NONE)
                                : Hops.tcp(variant, target, Impairment.NONE);
                        hops.put(next, hop);
                        System.out.println("opened " + next++ + " " + hop.address().getPort());
                    } else if (words[0].equals("close") && words.length == 2) {
                        Hop hop = hops.remove(Integer.parseInt(words[1]));
                        if (hop != null) {
                            hop.close();
                        }
                        System.out.println("closed " + words[1]);
                    } else {
                        System.out.println("error unknown command: " + line
                                + " (expected: open VARIANT tcp|udp PORT, close ID, exit)");
                    }
                } catch (RuntimeException e) {
                    System.out.println("error " + e.toString().replace('\n', ' '));
                }
                System.out.flush();
            }
        } finally {
            hops.values().forEach(Hop::close);
        }
        System.exit(0); // NetCrusher's reactor threads are not daemons
    }
}

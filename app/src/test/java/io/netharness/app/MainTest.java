package io.netharness.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void demoShowsTrafficOfEveryComponentAndSucceeds() {
        int code = run("demo");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s%nerrors:%n%s", text, err).isZero();
        assertThat(text).contains("MultiClientServer listening on 127.0.0.1:");
        for (int client = 1; client <= 4; client++) {
            assertThat(text).containsPattern("client-" + client + " \\((event loop|threaded  ), port \\d+\\) <- \"HELLO 3 FROM CLIENT-"
                    + client + "\"");
        }
        assertThat(text).contains("(threaded  , port").contains("(event loop, port");
        assertThat(text).containsPattern("server    <- \\d+: \"hello 1 from client-1\"");
        assertThat(text).contains("newCSA (a new ConnectedSocketAdapter: Lifecycle.ConnectionOpened here)")
                .contains("server: newCSA (connection opened) from port")
                .contains("server: shutdownCSA (connection closed) from port");
        assertThat(text).contains("saw socketShutdown: the server closed the connection");
        assertThat(text).containsPattern("server-a <- \"ping 1\" from \\d+");
        assertThat(text).containsPattern("server-b <- \"ping 4\" from \\d+");
        assertThat(text).contains("client <- \"pong 4\"");
        assertThat(text).contains("receiver-1 <- \"announcement 2\"").contains("receiver-2 <- \"announcement 2\"");
        assertThat(text).contains("server <- \"just us?\"").contains("second client was closed at once")
                .contains("first client <- \"yes, just us\"");
        assertThat(text).contains("demo finished: TCP 16/16 replies, single-client server ok, UDP 4/4 replies,"
                + " multicast 4/4 deliveries, TCP link ok, lossy UDP link ok");
    }

    @Test
    void demoShowsLinksAddingLatencyAndLosingDatagrams() {
        int code = run("demo");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s%nerrors:%n%s", text, err).isZero();
        Matcher tcp = Pattern.compile("client <- \"THROUGH THE LINK\" after (\\d+) ms").matcher(text);
        assertThat(tcp.find()).as("the TCP link's round trip in:%n%s", text).isTrue();
        assertThat(Long.parseLong(tcp.group(1))).as("TCP round trip (ms), 40 ms each way").isGreaterThanOrEqualTo(80);
        assertThat(text).contains("loses 25 % of datagrams each way (seed 7)")
                .containsPattern(": lost, the link dropped the (ping on its way to the echo|reply on its way back)")
                .containsPattern("UdpLink statistics: upstream 8 in, \\d+ delivered, \\d+ dropped");
        Matcher pongs = Pattern.compile("<- \"pong \\d\" after (\\d+) ms").matcher(text);
        int replies = 0;
        while (pongs.find()) {
            replies++;
            assertThat(Long.parseLong(pongs.group(1))).as("UDP round trip (ms), 20 ms each way")
                    .isGreaterThanOrEqualTo(40);
        }
        assertThat(replies).as("pings answered").isBetween(1, 7);
    }

    @Test
    void unknownCommandPrintsUsageListingCommandsAndExitsTwo() {
        int code = run("frobnicate");

        assertThat(code).isEqualTo(2);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).startsWith("netharness: unknown command 'frobnicate'");
        assertThat(errors).contains("usage: java -jar netharness.jar <command> [args]").contains("  demo ");
        assertThat(out.size()).isZero();
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("commands:").contains("demo");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("commands:").contains("help");
    }

    @Test
    void demoRefusesArguments() {
        assertThat(run("demo", "--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("netharness demo: takes no arguments (got [--fast])");
    }
}

package io.netharness.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.netharness.toxiproxy.ApiClient.Answer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UDP extension: {@code "protocol":"udp"} proxies on the simulator's UdpLink, and the packet toxics, each
 * checked on real datagrams through an echo server.
 */
class UdpProxyTest {

    private static final int BATCH = 50;

    private static ToxiproxyServer server;
    private static ApiClient api;
    private static UdpEchoServer echo;

    @BeforeAll
    static void start() {
        server = ToxiproxyServer.builder().build().start();
        api = new ApiClient(server.uri());
        echo = new UdpEchoServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        echo.close();
    }

    /** Creates a UDP proxy with the given seed and toxics; returns its listen address. */
    private static InetSocketAddress udpProxy(String name, long seed, String... toxics) {
        Answer created = api.post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echo.hostPort() + "\",\"protocol\":\"udp\",\"seed\":" + seed + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject proxy = JsonParser.parseString(created.body()).getAsJsonObject();
        assertThat(proxy.get("protocol").getAsString()).isEqualTo("udp");
        for (String toxic : toxics) {
            Answer added = api.post("/proxies/" + name + "/toxics", toxic);
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
        }
        String listen = proxy.get("listen").getAsString();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
    }

    /**
     * Sends {@code count} numbered datagrams in batches of {@value #BATCH} and returns the payloads echoed back, in
     * arrival order. Completion is read from the proxy's statistics (the {@code /statistics} extension), not from
     * a quiet period, so a slow machine makes the test slower, not wrong: each batch has fully crossed the link
     * both ways (nothing in flight, every reply delivered to us) before the next is sent.
     */
    private static List<byte[]> exchange(String name, InetSocketAddress proxy, int count) throws Exception {
        List<byte[]> replies = new CopyOnWriteArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setReceiveBufferSize(4 << 20);
            Thread reader = new Thread(() -> {
                while (!socket.isClosed()) {
                    DatagramPacket packet = new DatagramPacket(new byte[64], 64);
                    try {
                        socket.receive(packet);
                    } catch (IOException closed) {
                        return;
                    }
                    replies.add(Arrays.copyOf(packet.getData(), packet.getLength()));
                }
            }, "udp-client-reader");
            reader.start();
            for (int sent = 0; sent < count; ) {
                for (int i = 0; i < BATCH && sent < count; i++, sent++) {
                    byte[] payload = ByteBuffer.allocate(16).putInt(sent).putInt(~sent).putLong(0x5eed).array();
                    socket.send(new DatagramPacket(payload, payload.length, proxy));
                }
                int expectedIn = sent;
                try {
                    Wait.until("batch up to " + sent + " through " + name + " and back", Duration.ofSeconds(30),
                            () -> settled(name, expectedIn, replies.size()));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; " + statistics(name) + ", received "
                            + replies.size(), e);
                }
            }
            socket.close();
            reader.join(5_000);
        }
        return new ArrayList<>(replies);
    }

    /** Every datagram sent has arrived at the link, none is in flight either way, and we have every reply. */
    private static boolean settled(String name, int sent, int received) {
        JsonObject stats = JsonParser.parseString(statistics(name)).getAsJsonObject();
        JsonObject up = stats.getAsJsonObject("upstream");
        JsonObject down = stats.getAsJsonObject("downstream");
        return up.get("datagrams_in").getAsLong() == sent && inFlight(up) == 0
                && down.get("datagrams_in").getAsLong() == up.get("delivered").getAsLong() && inFlight(down) == 0
                && received == down.get("delivered").getAsLong();
    }

    private static long inFlight(JsonObject direction) {
        return direction.get("datagrams_in").getAsLong() - direction.get("dropped").getAsLong()
                + direction.get("duplicated").getAsLong() - direction.get("delivered").getAsLong();
    }

    private static String statistics(String name) {
        return api.get("/proxies/" + name + "/statistics").body();
    }

    private static List<Integer> sequence(List<byte[]> replies) {
        List<Integer> numbers = new ArrayList<>();
        replies.forEach(reply -> numbers.add(ByteBuffer.wrap(reply).getInt()));
        return numbers;
    }

    @Test
    void plainUdpProxyEchoesEveryDatagram() throws Exception {
        InetSocketAddress proxy = udpProxy("udp-plain", 1);

        assertThat(sequence(exchange("udp-plain", proxy, 100))).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void statisticsExtensionCountsWhatCrossedAndIsEmptyWhileDisabled() throws Exception {
        InetSocketAddress proxy = udpProxy("udp-stats", 2,
                "{\"type\":\"duplicate\",\"stream\":\"downstream\",\"attributes\":{\"probability\":1.0}}");
        exchange("udp-stats", proxy, 10);

        JsonObject stats = JsonParser.parseString(statistics("udp-stats")).getAsJsonObject();
        assertThat(stats.get("enabled").getAsBoolean()).isTrue();
        JsonObject up = stats.getAsJsonObject("upstream");
        assertThat(up.get("datagrams_in").getAsLong()).isEqualTo(10);
        assertThat(up.get("bytes_in").getAsLong()).isEqualTo(160);
        assertThat(up.get("delivered").getAsLong()).isEqualTo(10);
        assertThat(up.getAsJsonObject("delay").get("count").getAsLong()).isEqualTo(10);
        assertThat(up.get("dropped_before_link").getAsLong()).isZero();
        JsonObject down = stats.getAsJsonObject("downstream");
        assertThat(down.get("duplicated").getAsLong()).isEqualTo(10);
        assertThat(down.get("delivered").getAsLong()).isEqualTo(20);

        api.post("/proxies/udp-stats", "{\"enabled\":false}");

        assertThat(statistics("udp-stats")).isEqualTo("{\"enabled\":false}");
        assertThat(api.post("/proxies/udp-stats/statistics", "{}").status()).isEqualTo(405);
        assertThat(api.get("/proxies/nope/statistics").body())
                .isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
    }

    @Test
    void lossToxicDropsItsShareAndTheSeedFixesWhich() throws Exception {
        String loss = "{\"type\":\"loss\",\"stream\":\"upstream\",\"attributes\":{\"probability\":0.3}}";
        List<Integer> first = sequence(exchange("udp-loss-a", udpProxy("udp-loss-a", 42, loss), 400));
        List<Integer> second = sequence(exchange("udp-loss-b", udpProxy("udp-loss-b", 42, loss), 400));

        // 400 datagrams at 30% loss: 280 expected, standard deviation 9.2; bounds at 4.3 deviations.
        assertThat(first.size()).as("datagrams through").isBetween(240, 320);
        assertThat(second).as("same seed, same losses").isEqualTo(first);
    }

    @Test
    void burstLossLosesRunsOfDatagrams() throws Exception {
        List<Integer> through = sequence(exchange("udp-burst", udpProxy("udp-burst", 7,
                "{\"type\":\"gilbert_elliott\",\"stream\":\"upstream\",\"attributes\":{\"p\":0.05,\"r\":0.25}}"), 400));

        int longestGap = 0;
        for (int i = 1; i < through.size(); i++) {
            longestGap = Math.max(longestGap, through.get(i) - through.get(i - 1) - 1);
        }
        // Stationary loss p/(p+r) = 1/6: 67 of 400 expected; bursts average 1/r = 4 datagrams.
        assertThat(400 - through.size()).as("lost").isBetween(20, 140);
        assertThat(longestGap).as("longest run of consecutive losses").isGreaterThanOrEqualTo(3);
    }

    @Test
    void fourStateToxicLosesAtItsChainsRateAndTheSeedFixesWhich() throws Exception {
        // Long-run loss of the chain: (a + p14) / (1 + a + b + p14) with a = p13/p31 and b = a p32/p23.
        String fourState = "{\"type\":\"four_state\",\"stream\":\"upstream\",\"attributes\":{\"p13\":0.05,"
                + "\"p31\":0.3,\"p32\":0.2,\"p23\":0.1,\"p14\":0.01}}";
        List<Integer> first = sequence(exchange("udp-4s-a", udpProxy("udp-4s-a", 11, fourState), 400));
        List<Integer> second = sequence(exchange("udp-4s-b", udpProxy("udp-4s-b", 11, fourState), 400));

        // Rate with these values: a = 1/6, b = 1/3, (1/6 + 0.01) / (1.5 + 0.01) = 11.7 %: 47 of 400 expected, bursty.
        assertThat(400 - first.size()).as("lost").isBetween(5, 140);
        assertThat(second).as("same seed, same losses").isEqualTo(first);
    }

    @Test
    void duplicateToxicSendsEveryDatagramTwice() throws Exception {
        List<Integer> through = sequence(exchange("udp-dup", udpProxy("udp-dup", 3,
                "{\"type\":\"duplicate\",\"stream\":\"downstream\",\"attributes\":{\"probability\":1.0}}"), 50));

        assertThat(through).hasSize(100);
        assertThat(through.stream().distinct().count()).isEqualTo(50);
    }

    @Test
    void corruptToxicFlipsOneBitOfEachDatagram() throws Exception {
        List<byte[]> replies = exchange("udp-corrupt", udpProxy("udp-corrupt", 4,
                "{\"type\":\"corrupt\",\"stream\":\"upstream\",\"attributes\":{\"probability\":1.0}}"), 50);

        assertThat(replies).hasSize(50);
        for (byte[] reply : replies) {
            ByteBuffer buffer = ByteBuffer.wrap(reply);
            int number = buffer.getInt();
            int check = buffer.getInt();
            long marker = buffer.getLong();
            int flipped = Integer.bitCount(number ^ ~check) + Long.bitCount(marker ^ 0x5eed);
            assertThat(flipped).as("bits flipped in a 16-byte datagram").isEqualTo(1);
        }
    }

    @Test
    void reorderToxicChangesTheOrderButDeliversAll() throws Exception {
        List<Integer> through = sequence(exchange("udp-reorder", udpProxy("udp-reorder", 5,
                "{\"type\":\"reorder\",\"stream\":\"upstream\",\"attributes\":{\"probability\":0.3,\"gap\":3}}"), 100));

        assertThat(through).hasSize(100).doesNotHaveDuplicates();
        assertThat(through).isNotEqualTo(through.stream().sorted().toList());
    }

    @Test
    void latencyToxicDelaysUdpToo() throws Exception {
        InetSocketAddress proxy = udpProxy("udp-latency", 6,
                "{\"type\":\"latency\",\"stream\":\"downstream\",\"attributes\":{\"latency\":200}}");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            socket.send(new DatagramPacket(new byte[] {1}, 1, proxy));
            socket.receive(new DatagramPacket(new byte[8], 8));
            assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(199);
        }
    }

    @Test
    void tcpToxicsAndPartialToxicityAreRefusedOnUdp() {
        udpProxy("udp-refuse", 8);

        assertThat(api.post("/proxies/udp-refuse/toxics", "{\"type\":\"slicer\"}").body())
                .isEqualTo("{\"error\":\"invalid toxic type: slicer does not apply to udp proxies\",\"status\":400}\n");
        assertThat(api.post("/proxies/udp-refuse/toxics", "{\"type\":\"loss\",\"toxicity\":0.5}").body())
                .isEqualTo("{\"error\":\"bad request body: toxicity: 0.5 (expected: 0 or 1 on udp proxies; use the "
                        + "toxic's probability attribute)\",\"status\":400}\n");
    }

    @Test
    void udpListenAddressInUseIsAServerErrorAsInToxiproxy() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            Answer answer = api.post("/proxies", "{\"name\":\"udp-taken\",\"listen\":\"" + listen + "\",\"upstream\":\""
                    + echo.hostPort() + "\",\"protocol\":\"udp\"}");

            assertThat(answer.status()).as("Toxiproxy's status for a taken address").isEqualTo(500);
            assertThat(answer.body()).isEqualTo("{\"error\":\"listen udp " + listen
                    + ": bind: address already in use\",\"status\":500}\n");
        }
    }
}

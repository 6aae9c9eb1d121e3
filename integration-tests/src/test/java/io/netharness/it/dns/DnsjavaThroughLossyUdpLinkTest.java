package io.netharness.it.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.it.support.DnsmasqServer;
import io.netharness.it.support.RequiresExecutable;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.UdpLink;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * dnsjava against Debian's dnsmasq through a lossy {@link UdpLink}: the resolver's retries make up for lost
 * queries and answers, every answer is right, and a fixed seed loses the same exchanges on every run.
 */
@RequiresExecutable(value = "dnsmasq", debianPackage = "dnsmasq-base")
@Isolated("a retry caused by a starved CPU instead of a loss would make the two runs differ")
class DnsjavaThroughLossyUdpLinkTest {

    private static final int QUERIES = 20;
    private static final LinkProfile LOSSY = LinkProfile.builder().loss(Loss.random(0.1)).build();
    // Far above dnsmasq's answer time, so that only a loss causes a retry; dnsjava checks its timeouts about once
    // a second anyway, so a lost datagram costs 1-2 s.
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    private static final int TRIES = 3;
    private static final long SEED = 2;

    private static final Map<String, String> RECORDS = new LinkedHashMap<>();
    private static DnsmasqServer dnsmasq;

    @BeforeAll
    static void startDnsmasq() {
        for (int i = 1; i <= QUERIES; i++) {
            RECORDS.put("host" + i + ".netharness.test", "192.0.2." + i);
        }
        dnsmasq = DnsmasqServer.answering(RECORDS);
    }

    @BeforeEach
    void warmUp() throws Exception {
        // The first datagrams of a JVM through dnsjava and through a UdpLink take up to a second (class loading,
        // selector and event loop start); on a busy machine that outlasts an attempt's timeout and causes a retry
        // no loss explains. One query through a perfect link first.
        try (UdpLink perfect = UdpLink.to(dnsmasq.address().getPort()).start()) {
            ExtendedResolver resolver = retryingResolver(perfect);
            resolver.getResolver(0).setTimeout(Duration.ofSeconds(10));
            for (String host : List.copyOf(RECORDS.keySet()).subList(0, 3)) {
                assertThat(resolveA(resolver, host)).isEqualTo(RECORDS.get(host));
            }
        }
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    @Test
    void retriesOvercomeLossAndTheSameSeedLosesTheSameQueries() throws Exception {
        Run first = cleanRun(SEED);
        Run second = cleanRun(SEED);

        assertThat(first.answers()).as("answers through the lossy link").isEqualTo(RECORDS);
        assertThat(second.answers()).isEqualTo(RECORDS);
        assertThat(first.totalLost()).as("datagrams lost in the first run; %s", first.statistics()).isPositive();
        assertThat(first.retriedOnlyForLosses()).as("every retry caused by a loss: %s", first).isTrue();
        assertThat(second.lost()).as("datagrams lost per query, same seed, second run").isEqualTo(first.lost());
        assertThat(second.attempts()).isEqualTo(first.attempts());
    }

    @Test
    void anotherSeedLosesOtherQueries() throws Exception {
        Run one = cleanRun(SEED);
        Run other = cleanRun(SEED + 1);

        assertThat(one.answers()).isEqualTo(RECORDS);
        assertThat(other.answers()).isEqualTo(RECORDS);
        assertThat(other.lost()).as("lost per query with seeds %d and %d", SEED, SEED + 1).isNotEqualTo(one.lost());
    }

    /**
     * A run in which every retry was caused by a lost datagram. A retry caused by a stalled machine (an answer
     * later than the attempt's timeout) sends one datagram more, which shifts every later loss decision of the
     * seeded stream: such a run says nothing about determinism, so it is repeated, at most {@link #TRIES} times.
     */
    private static Run cleanRun(long seed) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Run run = resolveAll(seed);
            if (run.retriedOnlyForLosses()) {
                return run;
            }
            runs.add(run);
            System.out.println("repeating the run with seed " + seed + ": a retry no loss explains: " + run);
        }
        throw new AssertionError("in " + TRIES + " runs with seed " + seed
                + " dnsjava retried more often than datagrams were lost: " + runs);
    }

    /** Resolves every name once, one after the other, through a fresh link with {@code seed}. */
    private static Run resolveAll(long seed) throws Exception {
        try (UdpLink link = UdpLink.builder().target(dnsmasq.address()).profile(LOSSY).seed(seed).build().start()) {
            ExtendedResolver resolver = retryingResolver(link);

            Map<String, String> answers = new LinkedHashMap<>();
            List<Long> attempts = new ArrayList<>();
            List<Long> lost = new ArrayList<>();
            for (String host : RECORDS.keySet()) {
                LinkStatistics before = link.statistics();
                answers.put(host, resolveA(resolver, host));
                LinkStatistics after = link.statistics();
                attempts.add(after.upstream().datagramsIn() - before.upstream().datagramsIn());
                lost.add(dropped(after) - dropped(before));
            }
            return new Run(answers, attempts, lost, link.statistics());
        }
    }

    /** dnsjava's retrying resolver: up to 10 attempts, each waiting {@link #ATTEMPT_TIMEOUT} for its answer. */
    private static ExtendedResolver retryingResolver(UdpLink link) {
        ExtendedResolver resolver = new ExtendedResolver(List.of(new SimpleResolver(link.address())));
        // Its own timeout bounds the whole query; its SimpleResolver's bounds one attempt (set after
        // construction, which imposes a default).
        resolver.setTimeout(Duration.ofSeconds(20));
        resolver.getResolver(0).setTimeout(ATTEMPT_TIMEOUT);
        resolver.setRetries(10);
        return resolver;
    }

    private static String resolveA(ExtendedResolver resolver, String host) throws Exception {
        // Not send(): its overall deadline is a single attempt's timeout, which would leave no room for retries.
        Message response = resolver.sendAsync(query(host)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(response.getRcode()).as("rcode for %s", host).isEqualTo(Rcode.NOERROR);
        List<Record> answer = response.getSection(Section.ANSWER);
        assertThat(answer).as("answer section for %s", host).hasSize(1);
        InetAddress address = ((ARecord) answer.get(0)).getAddress();
        return address.getHostAddress();
    }

    private static Message query(String host) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A, DClass.IN));
    }

    private static long dropped(LinkStatistics statistics) {
        return statistics.upstream().dropped() + statistics.downstream().dropped();
    }

    private record Run(Map<String, String> answers, List<Long> attempts, List<Long> lost, LinkStatistics statistics) {
        long totalLost() {
            return lost.stream().mapToLong(Long::longValue).sum();
        }

        /** Each query took one attempt plus one per datagram (query or answer) the link dropped. */
        boolean retriedOnlyForLosses() {
            for (int i = 0; i < attempts.size(); i++) {
                if (attempts.get(i) != 1 + lost.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Run{attempts per query " + attempts + ", lost per query " + lost + ", " + statistics + "}";
        }
    }
}

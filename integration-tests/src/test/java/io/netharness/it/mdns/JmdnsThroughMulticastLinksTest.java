package io.netharness.it.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netharness.it.support.ChildJvm;
import io.netharness.it.support.LocalPorts;
import io.netharness.simulator.LinkStatistics;
import io.netharness.simulator.MulticastLink;
import io.netharness.simulator.profile.LinkProfile;
import io.netharness.simulator.profile.Loss;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;

/**
 * JmDNS discovering a service through lossy {@link MulticastLink}s. The responder (a child JVM) and the browser
 * (this JVM) each use a multicast group and port of their own, so they hear each other only through two links:
 * one re-sends the responder's group traffic to the browser's socket, the other the browser's to the responder's.
 *
 * <p>The links re-send from their own sockets, so each peer sees the other's queries come from a port other than
 * its mDNS port and answers them by unicast to that socket (RFC 6762 legacy unicast), where they end. Discovery
 * therefore rests on what the responder multicasts unasked: its probes and announcements.
 */
class JmdnsThroughMulticastLinksTest {

    private static final String TYPE = "_netharness._tcp.local.";
    private static final String SERVICE = "printer-on-the-link";
    private static final String RESPONDER_GROUP = "239.255.77.1";
    private static final String BROWSER_GROUP = "239.255.77.2";
    private static final int BROWSER_PORT = LocalPorts.freeTcpAndUdpPort();

    static {
        // JmDNS reads its group and port once, when its constants class loads; no other class of this JVM uses it.
        System.setProperty("net.mdns.ipv4", BROWSER_GROUP);
        System.setProperty("net.mdns.port", Integer.toString(BROWSER_PORT));
    }

    @Test
    void browserDiscoversTheServiceThroughLossyLinks() throws Exception {
        Discovery discovery = discover(LinkProfile.builder().loss(Loss.random(0.25)).build(), Duration.ofSeconds(30));

        assertThat(discovery.service()).as("service resolved through the links; %s", discovery).isNotNull();
        assertThat(discovery.service().getName()).isEqualTo(SERVICE);
        assertThat(discovery.service().getPort()).isEqualTo(4242);
        assertThat(discovery.service().getHostAddresses()).contains("127.0.0.1");
        assertThat(discovery.toBrowser().upstream().dropped()).as("losses on the way to the browser; %s", discovery)
                .isPositive();
        assertThat(discovery.toBrowser().upstream().delivered()).isPositive();
    }

    @Test
    void browserFindsNothingWhenTheLinkToItLosesEverything() throws Exception {
        Discovery discovery = discover(LinkProfile.builder().loss(Loss.random(1.0)).build(), Duration.ofSeconds(3));

        assertThat(discovery.service()).as("nothing may reach the browser but through the link; %s", discovery)
                .isNull();
        assertThat(discovery.toBrowser().upstream().dropped()).as("the responder's announcements reached the link")
                .isPositive();
        assertThat(discovery.toBrowser().upstream().delivered()).isZero();
    }

    /**
     * Starts the links and the browser, then the responder, and waits up to {@code wait} after the responder
     * registered its service for the browser to resolve it.
     */
    private static Discovery discover(LinkProfile toBrowserProfile, Duration wait) throws Exception {
        int responderPort = LocalPorts.freeTcpAndUdpPort();
        try (MulticastLink toBrowser = MulticastLink.builder()
                        .group(new InetSocketAddress(RESPONDER_GROUP, responderPort))
                        .receiver(new InetSocketAddress("127.0.0.1", BROWSER_PORT))
                        .profile(toBrowserProfile).seed(3).build().start();
                MulticastLink toResponder = MulticastLink.builder()
                        .group(new InetSocketAddress(BROWSER_GROUP, BROWSER_PORT))
                        .receiver(new InetSocketAddress("127.0.0.1", responderPort))
                        .profile(LinkProfile.builder().loss(Loss.random(0.25)).build()).seed(4).build().start();
                JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "netharness-browser")) {
            BlockingQueue<ServiceInfo> resolved = new LinkedBlockingQueue<>();
            browser.addServiceListener(TYPE, new ServiceListener() {
                @Override
                public void serviceAdded(ServiceEvent event) {
                    event.getDNS().requestServiceInfo(event.getType(), event.getName());
                }

                @Override
                public void serviceRemoved(ServiceEvent event) {}

                @Override
                public void serviceResolved(ServiceEvent event) {
                    resolved.add(event.getInfo());
                }
            });

            try (ChildJvm responder = ChildJvm.start(MdnsResponderMain.class,
                    List.of("-Dnet.mdns.ipv4=" + RESPONDER_GROUP, "-Dnet.mdns.port=" + responderPort),
                    List.of(TYPE, SERVICE, "4242", "path=/netharness"))) {
                responder.awaitLine(MdnsResponderMain.REGISTERED, Duration.ofSeconds(30));
                ServiceInfo service = resolved.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                return new Discovery(service, toBrowser.statistics(), toResponder.statistics());
            }
        }
    }

    private record Discovery(ServiceInfo service, LinkStatistics toBrowser, LinkStatistics toResponder) {}
}

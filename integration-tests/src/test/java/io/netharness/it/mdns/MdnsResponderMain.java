package io.netharness.it.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * The advertising side of {@link JmdnsThroughMulticastLinksTest}, run in a JVM of its own: JmDNS takes its group
 * and port from system properties once per JVM ({@code net.mdns.ipv4}, {@code net.mdns.port}), and the two peers
 * must use different ones so that they hear each other only through the links.
 *
 * <p>Arguments: service type, instance name, service port, one TXT property as {@code key=value}. Registers the service, prints
 * {@value #REGISTERED}, and unregisters and exits when its standard input closes.
 */
public final class MdnsResponderMain {

    static final String REGISTERED = "REGISTERED";

    private MdnsResponderMain() {}

    public static void main(String[] args) throws IOException {
        try (JmDNS jmdns = JmDNS.create(InetAddress.getByName("127.0.0.1"), "netharness-responder")) {
            String[] property = args[3].split("=", 2);
            jmdns.registerService(ServiceInfo.create(args[0], args[1], Integer.parseInt(args[2]), 0, 0,
                    Map.of(property[0], property[1])));
            System.out.println(REGISTERED);
            System.out.flush();
            while (System.in.read() != -1) {
                // the parent test keeps our stdin open for as long as it needs the service
            }
            jmdns.unregisterAllServices();
        }
    }
}

package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.netharness.it.support.HttpGet;
import io.netharness.it.support.Prerequisites;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' own Toxiproxy module, unchanged, running NetHarness's server instead of Toxiproxy's image: the
 * usual recipe (a container network, a proxy from the module's port range to a service container by its alias,
 * toxics through toxiproxy-java) works as it does with {@code ghcr.io/shopify/toxiproxy}. No registry is
 * reachable here, so the image is built by this test from the repository's {@code Dockerfile} on
 * {@code netharness/jre:local} (made by {@code .ci/docker-images}).
 */
@RequiresDocker
class ToxiproxyContainerTest {

    private static final int HTTP = 8080;
    private static final int PROXIED = 8666; // the first of the ports the module exposes for proxies

    private static Network network;
    private static String image;
    private static GenericContainer<?> web;
    private static ToxiproxyContainer toxiproxy;
    private static HttpGet http;

    @BeforeAll
    static void startContainers() {
        network = Network.newNetwork();
        web = new GenericContainer<>(TestImages.httpdServing("hello through toxiproxy\n"))
                .withNetwork(network)
                .withNetworkAliases("web")
                .withExposedPorts(HTTP)
                .waitingFor(Wait.forListeningPort());
        web.start();
        image = netharnessImage();
        toxiproxy = new ToxiproxyContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy")).withNetwork(network);
        toxiproxy.start();
        http = new HttpGet();
    }

    @AfterAll
    static void stopContainers() throws Exception {
        if (http != null) {
            http.close();
        }
        if (toxiproxy != null) {
            toxiproxy.stop();
        }
        if (web != null) {
            web.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void theModulesRecipeWorksAgainstTheNetHarnessServer() throws Exception {
        ToxiproxyClient client = new ToxiproxyClient(toxiproxy.getHost(), toxiproxy.getControlPort());
        assertThat(client.version()).as("Toxiproxy's version, as every Toxiproxy client parses it").contains("2.12.0");
        Proxy proxy = client.createProxy("web", "0.0.0.0:" + PROXIED, "web:" + HTTP);
        InetSocketAddress viaProxy = new InetSocketAddress(toxiproxy.getHost(), toxiproxy.getMappedPort(PROXIED));

        assertThat(get(viaProxy)).isEqualTo("hello through toxiproxy\n");
        long plainNanos = timed(viaProxy);

        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
        long slowNanos = timed(viaProxy);
        System.out.printf(Locale.ROOT, "GET through the container: %.1f ms; with a 300 ms latency toxic: %.1f ms%n",
                plainNanos / 1e6, slowNanos / 1e6);
        assertThat(slowNanos / 1e6).as("GET with a 300 ms latency toxic, ms").isGreaterThanOrEqualTo(300.0);

        proxy.toxics().get("slow").remove();
        proxy.disable();
        assertThat(client.getProxy("web").isEnabled()).isFalse();
        proxy.enable();
        assertThat(get(viaProxy)).as("after disable and enable").isEqualTo("hello through toxiproxy\n");
        proxy.delete();
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void theImageTakesToxiproxysServerFlags() throws Exception {
        String config = "[{\"name\":\"web\",\"listen\":\"0.0.0.0:8666\",\"upstream\":\"web:" + HTTP + "\"}]";
        try (GenericContainer<?> flagged = new GenericContainer<>(image)
                .withNetwork(network)
                .withCopyToContainer(Transferable.of(config), "/config/toxiproxy.json")
                .withCommand("-host=0.0.0.0", "-config", "/config/toxiproxy.json", "-proxy-metrics")
                .withExposedPorts(8474, PROXIED)
                .waitingFor(Wait.forHttp("/version").forPort(8474))) {
            flagged.start();
            InetSocketAddress api = new InetSocketAddress(flagged.getHost(), flagged.getMappedPort(8474));
            InetSocketAddress viaProxy = new InetSocketAddress(flagged.getHost(), flagged.getMappedPort(PROXIED));

            assertThat(http.body(api, "/proxies", Duration.ofSeconds(10))).as("populated from -config")
                    .contains("\"listen\":\"0.0.0.0:8666\"", "\"upstream\":\"web:8080\"");
            assertThat(get(viaProxy)).isEqualTo("hello through toxiproxy\n");
            assertThat(http.body(api, "/metrics", Duration.ofSeconds(10))).as("-proxy-metrics")
                    .contains("toxiproxy_proxy_received_bytes_total{direction=\"upstream\",listener=\"0.0.0.0:8666\","
                            + "proxy=\"web\",upstream=\"web:8080\"}");
        }
    }

    private static String get(InetSocketAddress address) throws Exception {
        return http.body(address, "/index.html", Duration.ofSeconds(10));
    }

    private static long timed(InetSocketAddress address) throws Exception {
        long start = System.nanoTime();
        assertThat(get(address)).isEqualTo("hello through toxiproxy\n");
        return System.nanoTime() - start;
    }

    /**
     * Builds the image from the repository's own {@code Dockerfile} (the one users build) with the runnable jar the
     * reactor built ({@code app/target/netharness.jar}), on the local Java runtime image instead of the default
     * base, which no registry here can supply. Testcontainers deletes the image when the JVM ends.
     */
    private static String netharnessImage() {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path dockerfile = root.resolve("Dockerfile");
        Path jar = root.resolve("app/target/netharness.jar");
        if (!Files.isRegularFile(jar)) {
            throw Prerequisites.missing("the runnable jar " + jar, "build it first: mvn -B -ntp -q -DskipTests package "
                    + "-pl app -am (a reactor build of the whole project does it before integration-tests)");
        }
        return new ImageFromDockerfile("netharness/toxiproxy-test:" + Long.toHexString(System.nanoTime()), true)
                .withFileFromPath("Dockerfile", dockerfile)
                .withFileFromPath("app/target/netharness.jar", jar)
                .withBuildArg("BASE", TestImages.JRE)
                .get();
    }
}

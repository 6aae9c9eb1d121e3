package io.netharness.it.containers;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.netharness.it.support.HttpGet;
import io.netharness.it.support.RequiresDocker;
import io.netharness.it.support.TestImages;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' own Toxiproxy module, unchanged, running NetHarness's server instead of Toxiproxy's image: the
 * usual recipe (a container network, a proxy from the module's port range to a service container by its alias,
 * toxics through toxiproxy-java) works as it does with {@code ghcr.io/shopify/toxiproxy}. No registry is
 * reachable here, so the image is built by this test on {@code netharness/jre:local} (made by
 * {@code .ci/docker-images}) from the server's jars on the test class path.
 */
@RequiresDocker
class ToxiproxyContainerTest {

    private static final int HTTP = 8080;
    private static final int PROXIED = 8666; // the first of the ports the module exposes for proxies
    private static final Pattern SERVER_JARS = Pattern.compile(
            "(netharness-(harness-core|simulator|toxiproxy-server)|netty-|gson-|slf4j-api-|slf4j-simple-).*\\.jar");
    private static final Pattern SERVER_CLASSES = Pattern.compile(".*[/\\\\](harness-core|simulator|toxiproxy-server)"
            + "[/\\\\]target[/\\\\]classes");

    private static Network network;
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
        DockerImageName image = DockerImageName.parse(netharnessImage())
                .asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy");
        toxiproxy = new ToxiproxyContainer(image).withNetwork(network);
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
        assertThat(client.version()).contains("netharness");
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

    private static String get(InetSocketAddress address) throws Exception {
        return http.body(address, "/index.html", Duration.ofSeconds(10));
    }

    private static long timed(InetSocketAddress address) throws Exception {
        long start = System.nanoTime();
        assertThat(get(address)).isEqualTo("hello through toxiproxy\n");
        return System.nanoTime() - start;
    }

    /**
     * Builds the server's image: the runtime image plus the jars (and, in a reactor build, class directories) of
     * toxiproxy-server and what it runs on, started as {@code ServeCommand} with its API on all interfaces of the
     * container, as Toxiproxy's image starts. Testcontainers deletes the image when the JVM ends.
     */
    private static String netharnessImage() {
        ImageFromDockerfile image = new ImageFromDockerfile(
                "netharness/toxiproxy-test:" + Long.toHexString(System.nanoTime()), true);
        List<String> classPath = new ArrayList<>();
        int directories = 0;
        for (String entry : testClassPath()) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path) && SERVER_JARS.matcher(path.getFileName().toString()).matches()) {
                image.withFileFromPath("lib/" + path.getFileName(), path);
            } else if (Files.isDirectory(path) && SERVER_CLASSES.matcher(path.toString()).matches()) {
                String name = "classes-" + directories++;
                image.withFileFromPath(name, path);
                classPath.add("/app/" + name);
            }
        }
        classPath.add("/app/lib/*");
        int classDirectories = directories;
        return image.withDockerfileFromBuilder(dockerfile -> {
            dockerfile.from(TestImages.JRE).copy("lib", "/app/lib");
            for (int i = 0; i < classDirectories; i++) {
                dockerfile.copy("classes-" + i, "/app/classes-" + i);
            }
            dockerfile.expose(8474)
                    .cmd("java", "-cp", String.join(":", classPath), "io.netharness.toxiproxy.ServeCommand",
                            "--host", "0.0.0.0", "--port", "8474")
                    .build();
        }).get();
    }

    /** Surefire runs tests from a manifest-only jar and names the real class path in this property. */
    private static List<String> testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(classPath.split(Pattern.quote(File.pathSeparator)));
    }
}

package io.netharness.it.support;

import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The images the Testcontainers tests run. No registry is reachable on CI, so every image is built locally:
 * {@code .ci/docker-images} imports a busybox root file system, and the tests build on top of it with
 * Testcontainers' own {@link ImageFromDockerfile}.
 */
public final class TestImages {

    /** Debian's static busybox and nothing else (sh, httpd, nc, wget); built by {@code .ci/docker-images}. */
    public static final String BUSYBOX = "netharness/busybox:local";

    /** A Java 17 runtime and the C libraries it loads, nothing else; built by {@code .ci/docker-images}. */
    public static final String JRE = "netharness/jre:local";

    /** Every image {@code .ci/docker-images} builds, which the Testcontainers tests may start from. */
    public static final java.util.List<String> LOCAL = java.util.List.of(BUSYBOX, JRE);

    private TestImages() {}

    public static DockerImageName busybox() {
        return DockerImageName.parse(BUSYBOX);
    }

    /**
     * An image built by the test from {@link #BUSYBOX}: busybox httpd on port 8080 serving {@code body} at
     * {@code /index.html}. Each call builds its own randomly named image (tests build in parallel; a shared tag
     * could move between build and container start); Testcontainers deletes it when the JVM ends.
     */
    public static ImageFromDockerfile httpdServing(String body) {
        return new ImageFromDockerfile()
                .withFileFromString("index.html", body)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(BUSYBOX)
                        .copy("index.html", "/www/index.html")
                        .expose(8080)
                        .cmd("httpd", "-f", "-v", "-p", "8080", "-h", "/www")
                        .build());
    }
}

# NetHarness's Toxiproxy-compatible server (`serve`) as a container image: a drop-in for Toxiproxy's image
# ghcr.io/shopify/toxiproxy. Like that image it runs the server with -host=0.0.0.0 (API on port 8474 of every
# interface) unless given other flags, and takes Toxiproxy's flags (-config FILE, -proxy-metrics, ...).
# Testcontainers' ToxiproxyContainer runs it when the image is declared a compatible substitute:
#   new ToxiproxyContainer(DockerImageName.parse("netharness/toxiproxy").asCompatibleSubstituteFor("ghcr.io/shopify/toxiproxy"))
#
# Build the jar, then the image, from the repository's root:
#   mvn -B -ntp -q -DskipTests package -pl app -am
#   docker build -t netharness/toxiproxy .
# BASE is any image with a Java 17+ runtime on its PATH (CI builds on its local netharness/jre:local).
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}
COPY app/target/netharness.jar /netharness/netharness.jar
EXPOSE 8474
ENTRYPOINT ["java", "-jar", "/netharness/netharness.jar", "serve", "--stats-interval", "0"]
CMD ["-host=0.0.0.0"]

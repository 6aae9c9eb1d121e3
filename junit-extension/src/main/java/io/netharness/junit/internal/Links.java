package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import io.netharness.simulator.SimulatedLink;
import io.netharness.simulator.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Builds, starts and registers the link a {@link LinkSpec} describes. */
public final class Links {

    /** Configuration parameter naming the directory for capture files. */
    public static final String CAPTURE_DIRECTORY_PROPERTY = "netharness.capture.directory";

    private static final String DEFAULT_CAPTURE_DIRECTORY = "target/netharness-captures";

    private Links() {}

    /**
     * Opens the link in the scope of {@code owner} (a class context for static fields and {@code @BeforeAll}
     * parameters, else the test's context); JUnit closes it when that scope ends.
     */
    public static ManagedLink open(LinkSpec spec, ExtensionContext owner, TargetResolver.ServerProvider servers) {
        TargetResolver.Resolved target = TargetResolver.resolve(spec, owner, servers);
        if (target.server().isPresent() && target.server().get().address().getAddress().isMulticastAddress()) {
            throw spec.problems().requires("`" + spec.target().attribute() + "` name a unicast server, as this"
                    + " version of the simulator has no multicast link (\"" + target.server().get().name()
                    + "\" is a multicast group)");
        }
        Protocol protocol = spec.protocol();
        if (protocol == Protocol.AUTO) {
            protocol = target.server().map(ManagedServer::protocol).orElse(Protocol.TCP);
        } else if (target.server().isPresent() && target.server().get().protocol() != protocol) {
            throw spec.problems().requires("its protocol (" + protocol + ") match the protocol of the server `"
                    + spec.target().attribute() + "` names (" + target.server().get().protocol() + ")");
        }
        if (!LinkFactory.supports(protocol)) {
            throw spec.problems().requires("its protocol be TCP, as this version of the simulator has no "
                    + protocol + " link (was " + protocol + ")");
        }
        long seed = spec.seed().orElseGet(() ->
                Seeds.derive(TestSeeds.seedOf(owner), "link/" + spec.member().description()));
        Optional<Path> capture = spec.capture() ? Optional.of(capturePath(spec, owner, seed)) : Optional.empty();
        SimulatedLink link;
        try {
            link = LinkFactory.open(protocol, target.address(), seed,
                    Profiles.toLinkProfile(spec.upstream()), Profiles.toLinkProfile(spec.downstream()), capture);
        } catch (IllegalArgumentException e) {
            // The simulator's own validation (e.g. a combination the annotation reader let through).
            throw spec.problems().problem("describes an invalid link: " + e.getMessage(), e);
        }
        ManagedLink managed = new ManagedLink(spec, protocol, link, capture, target.server().map(ManagedServer::name));
        Scopes.registry(owner).add(managed);
        return managed;
    }

    private static Path capturePath(LinkSpec spec, ExtensionContext owner, long seed) {
        Path directory = Path.of(owner.getConfigurationParameter(CAPTURE_DIRECTORY_PROPERTY)
                .orElse(DEFAULT_CAPTURE_DIRECTORY));
        String test = Member.className(owner.getRequiredTestClass())
                + owner.getTestMethod().map(method -> "." + method.getName()).orElse("");
        String file = (test + "-" + spec.name() + "-" + Long.toHexString(seed) + ".pcap")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw spec.problems().problem("could not create the capture directory " + directory.toAbsolutePath()
                    + " (set `" + CAPTURE_DIRECTORY_PROPERTY + "` to a writable one)", e);
        }
        return directory.resolve(file);
    }
}

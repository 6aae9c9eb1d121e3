package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import io.netharness.simulator.Link;
import io.netharness.simulator.Seeds;
import io.netharness.simulator.profile.LinkProfile;
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
        Protocol protocol = spec.protocol();
        if (protocol == Protocol.AUTO) {
            boolean toGroup = target.address().getAddress().isMulticastAddress();
            protocol = target.server().map(ManagedServer::protocol)
                    .orElse(toGroup ? Protocol.MULTICAST : Protocol.TCP);
        } else if (target.server().isPresent() && target.server().get().protocol() != protocol) {
            throw spec.problems().requires("its protocol (" + protocol + ") match the protocol of the server `"
                    + spec.target().attribute() + "` names (" + target.server().get().protocol() + ")");
        }
        checkFaultsFit(spec, protocol);
        if (!LinkFactory.supports(protocol)) {
            throw spec.problems().requires("its protocol be TCP, as this version of the simulator has no "
                    + protocol + " link (was " + protocol + ")");
        }
        long seed = spec.seed().orElseGet(() ->
                Seeds.derive(TestSeeds.seedOf(owner), "link/" + spec.member().description()));
        Optional<ToxiproxyBackend> toxiproxy = toxiproxyFor(spec, protocol, owner);
        if (toxiproxy.isPresent()) {
            requireToxiproxyCanServe(spec, toxiproxy.get());
        }
        Optional<Path> capture = spec.capture() ? Optional.of(capturePath(spec, owner, seed)) : Optional.empty();
        Link link;
        try {
            LinkProfile upstream = Profiles.toLinkProfile(spec.upstream());
            LinkProfile downstream = Profiles.toLinkProfile(spec.downstream());
            link = toxiproxy.isPresent()
                    ? ToxiproxyLinks.open(toxiproxy.get(), spec.name(), target.address(), seed, upstream, downstream,
                            spec.faults())
                    : LinkFactory.open(protocol, target.address(), seed, upstream, downstream, capture, spec.faults(),
                            spec.refuseWhileTargetRefuses());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // The simulator's (or Toxiproxy's) own validation, e.g. a combination the annotation reader let through.
            throw spec.problems().problem("describes an invalid link" + toxiproxy.map(t -> " for " + t).orElse("")
                    + ": " + e.getMessage(), e);
        }
        ManagedLink managed = new ManagedLink(spec, protocol, link, toxiproxy.isEmpty(), capture,
                target.server().map(ManagedServer::name));
        Scopes.registry(owner).add(managed);
        return managed;
    }

    /**
     * The Toxiproxy that serves the link, if any: always for a member declared ToxiproxyLink (refused when none is
     * configured), for one declared Link when one is configured, never for the concrete simulator types.
     */
    private static Optional<ToxiproxyBackend> toxiproxyFor(LinkSpec spec, Protocol protocol, ExtensionContext owner) {
        Class<?> type = spec.member().type();
        if (LinkTypes.requiresToxiproxy(type)) {
            return Optional.of(ToxiproxyBackend.of(owner).orElseThrow(() -> spec.problems().requires(
                    "the configuration parameter `" + ToxiproxyBackend.PROPERTY + "` name a Toxiproxy API as"
                            + " host:port (e.g. 127.0.0.1:8474), as the " + spec.member().kind()
                            + " is declared ToxiproxyLink; declare it as TcpLink to keep the link in-process")));
        }
        return protocol == Protocol.TCP && LinkTypes.mayUseToxiproxy(type) ? ToxiproxyBackend.of(owner)
                : Optional.empty();
    }

    /** What a proxy on a Toxiproxy server cannot do: captures, mirroring the target's refusals, modern faults. */
    private static void requireToxiproxyCanServe(LinkSpec spec, ToxiproxyBackend toxiproxy) {
        String servedBy = "as the link is served by " + toxiproxy + " (configuration parameter `"
                + ToxiproxyBackend.PROPERTY + "`; declare the field or parameter as TcpLink to keep it in-process)";
        if (spec.capture()) {
            throw spec.problems().requires("`capture` be false, " + servedBy);
        }
        if (spec.refuseWhileTargetRefuses()) {
            throw spec.problems().requires("`refuseWhileTargetRefuses` be false, " + servedBy);
        }
        for (FaultSpec fault : spec.faults()) {
            try {
                ToxiproxyLinks.checkFaults(java.util.List.of(fault));
            } catch (IllegalArgumentException e) {
                throw spec.problems().requires("`" + fault.label() + "` (" + fault.kind() + ") be a fault a Toxiproxy"
                        + " toxic expresses, " + servedBy + ": " + e.getMessage());
            }
        }
    }

    /** Datagram links take profile changes and cuts; TCP links every fault; nothing else takes `refuseWhile...`. */
    private static void checkFaultsFit(LinkSpec spec, Protocol protocol) {
        if (protocol != Protocol.TCP && spec.refuseWhileTargetRefuses()) {
            throw spec.problems().requires("`refuseWhileTargetRefuses` be false, as it applies to TCP links only (this"
                    + " link is " + protocol + ")");
        }
        if (protocol == Protocol.TCP) {
            return;
        }
        for (FaultSpec fault : spec.faults()) {
            if (!fault.kind().equals("PROFILE") && !fault.kind().equals("CUT")) {
                throw spec.problems().requires("`" + fault.label() + "` be PROFILE or CUT, the faults a " + protocol
                        + " link has (was " + fault.kind() + ")");
            }
            if (protocol == Protocol.MULTICAST && fault.direction() == io.netharness.simulator.Direction.DOWNSTREAM
                    && !fault.directionDefaulted()) {
                throw spec.problems().requires("`" + fault.label() + ".direction` be UPSTREAM or unset, as a multicast"
                        + " link carries the sender's datagrams to its receiver only");
            }
            try {
                fault.datagramFault();
            } catch (IllegalArgumentException e) {
                throw spec.problems().problem("has an invalid " + fault.label() + " (" + fault.kind() + ") for a "
                        + protocol + " link: " + e.getMessage(), e);
            }
        }
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

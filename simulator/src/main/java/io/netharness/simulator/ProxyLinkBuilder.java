package io.netharness.simulator;

import io.netharness.simulator.profile.LinkProfile;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The settings of a link that stands between a client and a target ({@link TcpLink}, {@link UdpLink}): where it
 * listens, where it forwards to, and one profile per direction. Package-private, like {@link LinkBuilder}.
 *
 * @param <B> the concrete builder
 */
abstract class ProxyLinkBuilder<B extends ProxyLinkBuilder<B>> extends LinkBuilder<B> {

    InetSocketAddress target;
    InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    LinkProfile upstream = LinkProfile.PERFECT;
    LinkProfile downstream = LinkProfile.PERFECT;

    ProxyLinkBuilder() {
    }

    /** Where the link forwards to (required). */
    public B target(InetSocketAddress target) {
        this.target = Objects.requireNonNull(target, "target");
        return self();
    }

    /** Forwards to {@code 127.0.0.1:port}. */
    public B target(int port) {
        return target(new InetSocketAddress("127.0.0.1", port));
    }

    /** Where the link listens; default 127.0.0.1 port 0 (any free port). */
    public B listen(InetSocketAddress listen) {
        this.listen = Objects.requireNonNull(listen, "listen");
        return self();
    }

    /** Profile from client to target; default {@link LinkProfile#PERFECT}. */
    public B upstream(LinkProfile profile) {
        this.upstream = Objects.requireNonNull(profile, "upstream");
        return self();
    }

    /** Profile from target to client; default {@link LinkProfile#PERFECT}. */
    public B downstream(LinkProfile profile) {
        this.downstream = Objects.requireNonNull(profile, "downstream");
        return self();
    }

    /** The same profile both ways. */
    public B profile(LinkProfile profile) {
        return upstream(profile).downstream(profile);
    }
}

package io.netharness.core.tcp;

import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.internal.Transports;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings shared by TCP clients, servers and their connections. Start from {@link #defaults()}
 * and change what you need with the {@code with…} methods.
 *
 * <ul>
 *   <li>{@code eventLoopGroup}: where sockets run; empty means the library's
 *       {@link io.netharness.core.Transport#sharedGroup() shared group}. A user-supplied group is never
 *       shut down by a component.</li>
 *   <li>{@code boxCapacity}: messages each data inbox and outbox holds before back-pressure applies.</li>
 *   <li>{@code idleTimeout}: close a connection after this long without reads or writes (Kamaelia's
 *       TimeOutCSA); empty means never.</li>
 *   <li>{@code connectTimeout}: how long a client waits for its connection.</li>
 *   <li>{@code closeTimeout}: how long {@code close()} waits for sockets and threads before it fails.</li>
 * </ul>
 */
public final class ConnectionSettings {

    private static final ConnectionSettings DEFAULTS = new ConnectionSettings(null, Inbox.DEFAULT_CAPACITY, null,
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final EventLoopGroup eventLoopGroup;
    private final int boxCapacity;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Duration closeTimeout;

    private ConnectionSettings(EventLoopGroup eventLoopGroup, int boxCapacity, Duration idleTimeout,
            Duration connectTimeout, Duration closeTimeout) {
        this.eventLoopGroup = eventLoopGroup;
        this.boxCapacity = boxCapacity;
        this.idleTimeout = idleTimeout;
        this.connectTimeout = connectTimeout;
        this.closeTimeout = closeTimeout;
    }

    /** Shared group, 256 messages per box, no idle timeout, 5 s to connect, 10 s to close. */
    public static ConnectionSettings defaults() {
        return DEFAULTS;
    }

    /**
     * These settings with sockets on {@code group}, which the caller owns and shuts down.
     *
     * @throws IllegalArgumentException for an epoll group not made by {@link io.netharness.core.Transport} (see
     *         there why)
     */
    public ConnectionSettings withEventLoopGroup(EventLoopGroup group) {
        Transports.usesEpoll(Objects.requireNonNull(group, "group"));
        return new ConnectionSettings(Objects.requireNonNull(group, "group"), boxCapacity, idleTimeout,
                connectTimeout, closeTimeout);
    }

    /** These settings with data boxes of {@code messages} (at least 1). */
    public ConnectionSettings withBoxCapacity(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("boxCapacity: " + messages + " (expected: > 0)");
        }
        return new ConnectionSettings(eventLoopGroup, messages, idleTimeout, connectTimeout, closeTimeout);
    }

    /** These settings with connections closed after {@code timeout} without reads or writes. */
    public ConnectionSettings withIdleTimeout(Duration timeout) {
        return new ConnectionSettings(eventLoopGroup, boxCapacity, positive("idleTimeout", timeout),
                connectTimeout, closeTimeout);
    }

    /** These settings with clients giving up connecting after {@code timeout}. */
    public ConnectionSettings withConnectTimeout(Duration timeout) {
        return new ConnectionSettings(eventLoopGroup, boxCapacity, idleTimeout,
                positive("connectTimeout", timeout), closeTimeout);
    }

    /** These settings with {@code close()} failing if sockets and threads take longer than {@code timeout}. */
    public ConnectionSettings withCloseTimeout(Duration timeout) {
        return new ConnectionSettings(eventLoopGroup, boxCapacity, idleTimeout, connectTimeout,
                positive("closeTimeout", timeout));
    }

    /** The user-supplied group, or empty for the shared one. */
    public Optional<EventLoopGroup> eventLoopGroup() {
        return Optional.ofNullable(eventLoopGroup);
    }

    /** Messages each data inbox and outbox holds. */
    public int boxCapacity() {
        return boxCapacity;
    }

    /** How long a connection may be idle before it is closed; empty means forever. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** How long a client waits for its connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long {@code close()} waits before it fails. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + Format.duration(value) + " (expected: > 0)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ConnectionSettings{group=" + (eventLoopGroup == null ? "shared" : eventLoopGroup)
                + ", boxCapacity=" + boxCapacity + ", idleTimeout=" + Format.duration(idleTimeout)
                + ", connectTimeout=" + Format.duration(connectTimeout) + ", closeTimeout="
                + Format.duration(closeTimeout) + "}";
    }
}

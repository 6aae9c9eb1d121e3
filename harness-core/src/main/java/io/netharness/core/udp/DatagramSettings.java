package io.netharness.core.udp;

import io.netharness.core.Format;
import io.netharness.core.Inbox;
import io.netharness.core.internal.Transports;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings shared by the UDP and multicast components. Start from {@link #defaults()} and change
 * what you need with the {@code with…} methods.
 *
 * <ul>
 *   <li>{@code eventLoopGroup}: where the socket runs; empty means the library's
 *       {@link io.netharness.core.Transport#sharedGroup() shared group}. A component never shuts a group down.</li>
 *   <li>{@code boxCapacity}: datagrams the inbox and outbox each hold. A full inbox refuses (offer) or
 *       blocks (put) the sender; a full outbox stops the socket being read, and then the kernel drops what
 *       overflows its receive buffer, as it does for any UDP socket that is not read.</li>
 *   <li>{@code closeTimeout}: how long {@code close()} waits for the socket before it fails.</li>
 * </ul>
 */
public final class DatagramSettings {

    private static final DatagramSettings DEFAULTS = new DatagramSettings(null, Inbox.DEFAULT_CAPACITY,
            Duration.ofSeconds(10));

    private final EventLoopGroup eventLoopGroup;
    private final int boxCapacity;
    private final Duration closeTimeout;

    private DatagramSettings(EventLoopGroup eventLoopGroup, int boxCapacity, Duration closeTimeout) {
        this.eventLoopGroup = eventLoopGroup;
        this.boxCapacity = boxCapacity;
        this.closeTimeout = closeTimeout;
    }

    /** Shared group, 256 datagrams per box, 10 s to close. */
    public static DatagramSettings defaults() {
        return DEFAULTS;
    }

    /**
     * These settings with sockets on {@code group}, which the caller owns and shuts down.
     *
     * @throws IllegalArgumentException for an epoll group not made by {@link io.netharness.core.Transport} (see
     *         there why)
     */
    public DatagramSettings withEventLoopGroup(EventLoopGroup group) {
        Transports.usesEpoll(Objects.requireNonNull(group, "group"));
        return new DatagramSettings(Objects.requireNonNull(group, "group"), boxCapacity, closeTimeout);
    }

    /** These settings with an inbox and outbox of {@code datagrams} each (at least 1). */
    public DatagramSettings withBoxCapacity(int datagrams) {
        if (datagrams < 1) {
            throw new IllegalArgumentException("boxCapacity: " + datagrams + " (expected: > 0)");
        }
        return new DatagramSettings(eventLoopGroup, datagrams, closeTimeout);
    }

    /** These settings with {@code close()} failing if the socket takes longer than {@code timeout}. */
    public DatagramSettings withCloseTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "closeTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout: " + Format.duration(timeout) + " (expected: > 0)");
        }
        return new DatagramSettings(eventLoopGroup, boxCapacity, timeout);
    }

    /** The user-supplied group, or empty for the shared one. */
    public Optional<EventLoopGroup> eventLoopGroup() {
        return Optional.ofNullable(eventLoopGroup);
    }

    /** Datagrams the inbox and the outbox each hold. */
    public int boxCapacity() {
        return boxCapacity;
    }

    /** How long {@code close()} waits before it fails. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "DatagramSettings{group=" + (eventLoopGroup == null ? "shared" : eventLoopGroup)
                + ", boxCapacity=" + boxCapacity + ", closeTimeout=" + Format.duration(closeTimeout) + "}";
    }
}

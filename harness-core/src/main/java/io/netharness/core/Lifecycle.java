package io.netharness.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifecycle messages that travel on components' {@code control} inboxes and {@code signal} outboxes.
 *
 * <p>They carry Kamaelia's conventions over as values: a connection announced and retired by a server
 * ({@code newCSA}/{@code shutdownCSA}), a socket that closed ({@code socketShutdown}), a request to stop a
 * server ({@code serverShutdown}), and a producer that is done ({@code producerFinished}). A {@code switch}
 * over this sealed interface is checked for completeness by the compiler.
 */
public sealed interface Lifecycle {

    /** A server accepted a connection and created its adapter (Kamaelia {@code newCSA}). */
    record ConnectionOpened(InetSocketAddress local, InetSocketAddress remote) implements Lifecycle {
        public ConnectionOpened {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** A server retired a connection's adapter after the connection closed (Kamaelia {@code shutdownCSA}). */
    record ConnectionClosed(InetSocketAddress local, InetSocketAddress remote) implements Lifecycle {
        public ConnectionClosed {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /**
     * A connected socket closed (Kamaelia {@code socketShutdown}), whichever side closed it.
     *
     * @param cause the error that closed it, or {@code null} for an orderly close
     */
    record SocketShutdown(InetSocketAddress local, InetSocketAddress remote, Throwable cause) implements Lifecycle {
        public SocketShutdown {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
        }

        /** The error that closed the socket, if it did not close in order. */
        public Optional<Throwable> failure() {
            return Optional.ofNullable(cause);
        }
    }

    /** A client could not connect; {@code cause} is the real exception, its message names the address. */
    record ConnectionFailed(InetSocketAddress remote, Throwable cause) implements Lifecycle {
        public ConnectionFailed {
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** A connection was closed because nothing was sent or received for {@code idleTime} (Kamaelia TimeOutCSA). */
    record IdleTimedOut(InetSocketAddress local, InetSocketAddress remote, Duration idleTime) implements Lifecycle {
        public IdleTimedOut {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(idleTime, "idleTime");
        }
    }

    /**
     * A datagram could not be sent (the socket refused it, or closed before sending it). Datagrams the
     * component refuses up front (too big, no target, wrong address family) fail their sender instead.
     *
     * @param recipient where the datagram was addressed
     * @param bytes its payload size
     * @param cause the real error
     */
    record SendFailed(InetSocketAddress recipient, int bytes, Throwable cause) implements Lifecycle {
        public SendFailed {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * On signal: the component named {@code component} failed with {@code cause} (its own code threw, or a
     * protocol handler, factory or callback it runs did). It is also reported to the {@link FailureScope} the
     * component was created in, and its {@code close()} throws it as a {@link ComponentFailedException}.
     */
    record ComponentFailed(String component, Throwable cause) implements Lifecycle {
        public ComponentFailed {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** On control: stop the server. On signal: the server stopped (Kamaelia {@code serverShutdown}). */
    record ServerShutdown() implements Lifecycle {
    }

    /** On control: no more input will come, finish and pass it on. On signal: this component is done. */
    record ProducerFinished() implements Lifecycle {
    }
}

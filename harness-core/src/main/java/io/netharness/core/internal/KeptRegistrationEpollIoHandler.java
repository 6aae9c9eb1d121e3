package io.netharness.core.internal;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Netty's {@link EpollIoHandler}, except that a channel's file descriptor stays in the epoll set for as long as the
 * channel is registered.
 *
 * <p>Why: when a channel's interest set becomes empty, Netty 4.2's epoll registration removes the descriptor
 * ({@code EPOLL_CTL_DEL}) but still believes it added, so the next interest ({@code EPOLLOUT} to finish a write,
 * {@code EPOLLIN} to read again) is an {@code EPOLL_CTL_MOD} that fails with {@code ENOENT}, and the channel
 * shuts its output down with bytes still queued. A half-closed connection (its input ended, nothing left to flush)
 * reaches that state as soon as a write fills the socket buffer: the peer gets a clean end of stream after a prefix
 * of the data. Here an empty interest set is kept as {@code EPOLLET} alone: still registered, woken by nothing but
 * an error or a hang-up edge (which the channel handles as it would any error), and the next interest is a plain
 * {@code EPOLL_CTL_MOD}.
 *
 * <p>Every other call goes to the wrapped handler unchanged.
 */
final class KeptRegistrationEpollIoHandler implements IoHandler {

    /** No interest in any event, yet registered: edge-triggered, so a lasting hang-up does not wake the loop. */
    private static final EpollIoOps PARKED = EpollIoOps.EPOLLET;

    private final IoHandler epoll;

    private KeptRegistrationEpollIoHandler(IoHandler epoll) {
        this.epoll = epoll;
    }

    static IoHandlerFactory newFactory() {
        IoHandlerFactory epollFactory = EpollIoHandler.newFactory();
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor ioExecutor) {
                return new KeptRegistrationEpollIoHandler(epollFactory.newHandler(ioExecutor));
            }

            @Override
            public boolean isChangingThreadSupported() {
                return epollFactory.isChangingThreadSupported();
            }
        };
    }

    @Override
    public void initialize() {
        epoll.initialize();
    }

    @Override
    public int run(IoHandlerContext context) {
        return epoll.run(context);
    }

    @Override
    public void prepareToDestroy() {
        epoll.prepareToDestroy();
    }

    @Override
    public void destroy() {
        epoll.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return new KeptRegistration(epoll.register(handle));
    }

    @Override
    public void wakeup() {
        epoll.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return epoll.isCompatible(handleType);
    }

    /** Submits an empty interest set as {@link #PARKED} instead of letting Netty drop the descriptor. */
    private record KeptRegistration(IoRegistration registration) implements IoRegistration {

        @Override
        public <T> T attachment() {
            return registration.attachment();
        }

        @Override
        public long submit(IoOps ops) {
            if (ops instanceof EpollIoOps epollOps && epollOps.value() == 0) {
                registration.submit(PARKED);
                return 0;
            }
            return registration.submit(ops);
        }

        @Override
        public boolean isValid() {
            return registration.isValid();
        }

        @Override
        public boolean cancel() {
            return registration.cancel();
        }
    }
}

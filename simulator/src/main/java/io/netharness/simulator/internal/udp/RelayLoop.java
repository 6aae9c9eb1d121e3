package io.netharness.simulator.internal.udp;

import io.netharness.simulator.internal.pcap.PcapWriter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The event loop and capture file a UDP or multicast relay runs with: a group of its own unless one was supplied,
 * and the pcap writer if a capture was asked for. Kept in one place so that both relays create and release them in
 * the same order, and a capture that cannot be created never leaves an own thread behind.
 *
 * @param group   the group the relay's channels are registered with
 * @param loop    the one event loop of the relay, from {@code group}
 * @param capture the pcap writer, or null without capture
 * @param own     whether {@code group} was made here, so {@link #release()} shuts it down
 * @param owner   the link's name for messages, e.g. {@code UdpLink}
 */
record RelayLoop(EventLoopGroup group, EventLoop loop, PcapWriter capture, boolean own, String owner) {

    /** Uses {@code supplied}, or a new group with threads named {@code threadName}, and opens the capture. */
    static RelayLoop open(EventLoopGroup supplied, String threadName, Path captureFile, String owner) {
        EventLoopGroup group = supplied != null ? supplied : UdpTransport.newGroup(threadName);
        PcapWriter capture;
        try {
            capture = captureFile == null ? null : PcapWriter.open(captureFile);
        } catch (IOException e) {
            if (supplied == null) {
                Datagrams.shutdownAndJoin(group, owner);
            }
            throw new UncheckedIOException("cannot create capture file " + captureFile, e);
        }
        return new RelayLoop(group, group.next(), capture, supplied == null, owner);
    }

    /** Shuts down an own group (waiting for its thread), then completes the capture. */
    void release() {
        if (own) {
            Datagrams.shutdownAndJoin(group, owner);
        }
        if (capture != null) {
            capture.close();
        }
    }
}

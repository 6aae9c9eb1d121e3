/**
 * Implementation of {@link io.netharness.simulator.TcpLink}. <strong>Not API</strong>: anything here may change
 * without notice.
 *
 * <h2>Structure</h2>
 * {@link io.netharness.simulator.internal.tcp.TcpRelay} listens and accepts; each accepted connection becomes a
 * {@code ProxiedConnection} (client channel, target channel, both on one event loop) with one {@code DirectionPath}
 * per direction: chunks read from the sender are planned by a {@code ProfilePlanner}, shaped by the connection's
 * {@code ConnectionFaults} and queued in a {@code DelayLine} that writes them to the receiver at their time, in order.
 *
 * <h2>The TCP model: timing changes, content does not</h2>
 * <ul>
 *   <li><b>Order and integrity.</b> A chunk is delivered at {@code max(its planned time, the previous chunk's)}:
 *       jitter stretches the stream, never reorders it. Only {@code Corruption} changes bytes (one bit flip per
 *       chosen chunk). Duplication, reordering and MTU of the profile have no effect on TCP (the kernel hides them).</li>
 *   <li><b>Latency</b> is drawn per chunk from the profile's distribution by the connection's seeded generator.</li>
 *   <li><b>Bandwidth</b> is a token bucket without burst per link direction, shared by all its connections; a chunk
 *       leaves when its last byte has passed the bucket, then the latency is added. Under per-connection profiles
 *       ({@code TcpLink.profiles}, {@code DirectionProfiles}) each connection has a bucket of its own.</li>
 *   <li><b>Loss</b> is what an application sees of it on TCP: a stall. The stream is cut into 1460-byte segments by
 *       stream offset (so decisions do not depend on how reads happened to split the bytes); each segment gets one
 *       decision from the profile's loss model (Bernoulli, Gilbert-Elliott, 4-state). A lost segment holds its
 *       chunk, and through the ordering everything behind it, for a retransmission timeout (RTO), then arrives
 *       intact. The RTO starts at 200 ms (Linux's minimum RTO), doubles for every further consecutive lost segment
 *       (exponential backoff) up to a cap of 60 s, and returns to 200 ms once a segment gets through. Both values are
 *       set with {@code TcpLink.Builder.retransmissionTimeout(initial, max)}. Deliberately simpler than real TCP:
 *       no fast retransmit, no RTT estimate, no congestion window.</li>
 *   <li><b>Seeds.</b> Direction {@code d} of connection {@code i} (accept order) draws from
 *       {@code Seeds.derive(linkSeed, "tcp/connection/<i>/<upstream|downstream>")}, with sub-streams
 *       {@code delay}, {@code loss}, {@code corruption}, {@code slicer}; whether a fault with toxicity below 1 picks a
 *       connection from {@code "tcp/fault/<fault#>/connection/<i>"}.</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * A fault is a trigger with an effect ({@code ConnectionFault}). Each connection's {@code ConnectionFaults} opens and
 * closes the windows of the faults that act on it: timers for triggers of time ({@code Windows} computes them,
 * jitter drawn from {@code "tcp/fault/<fault#>/connection/<i>/windows"}), stream points for {@code afterBytes} (the
 * {@code DirectionPath} cuts a chunk there), and messages for message triggers (a {@code MessageFraming} buffers the
 * direction until its framer finds a whole message; a corrupt effect draws its bit from
 * {@code ".../<upstream|downstream>/message"}). Effects on the link run on one control loop ({@code LinkFaults},
 * jitter from {@code "tcp/fault/<fault#>/windows"}) and act on the {@code TcpListener}: refusing (listener closed,
 * port held by a bound placeholder socket) or stalling (accept queue kept full with a backlog of 1). Instant effects
 * at a point of the stream wait until what came before it has been delivered; at a time they act at once.
 *
 * <h2>Timers</h2>
 * Every delay is a task on the connection's event loop. On epoll, Netty sleeps on a timerfd (nanosecond resolution)
 * for waits under 10 ms but in epoll_wait's millisecond timeout for longer ones (system property
 * {@code io.netty.channel.epoll.epollWaitThreshold}, 10 ms by default), which wakes up to a millisecond late;
 * the delay line therefore wakes 2 ms before a far deadline and sleeps the rest on the timerfd ({@code WakeUp}).
 * Measured: a delay fires within tens of microseconds of what the OS scheduler allows.
 *
 * <h2>Back-pressure and memory</h2>
 * Reading from a sender stops (auto-read off) while the receiver channel is not writable or the direction's delay
 * line holds {@code bufferBytes} (8 MiB default) and resumes at half of it; a long transfer never piles up.
 * Whoever holds a buffer releases it: the line on discard, the path when a fault drops data, Netty on close.
 *
 * <h2>Closing</h2>
 * A FIN is passed on once the data before it has been written to the receiving socket (an empty write queued behind
 * the data tells when: Netty's close and shutdownOutput would otherwise fail writes still queued); a reset as a reset
 * (SO_LINGER 0).
 *
 * <p>A {@code Blackhole} ("data accepted, never delivered") holds the sender's FIN, close or reset in its direction as
 * well: a FIN is sequenced after the data, so a FIN whose data is never delivered is never delivered either, and the
 * receiver sees a stall, not an early end of stream. When the blackhole is removed the held close is passed on; the
 * bytes it swallowed stay gone (the receiver sees the end of stream without them). Data sent after the removal is
 * delivered normally if the sender had not finished yet.
 */
package io.netharness.simulator.internal.tcp;

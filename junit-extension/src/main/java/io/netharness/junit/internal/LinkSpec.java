package io.netharness.junit.internal;

import io.netharness.junit.Protocol;
import java.util.List;
import java.util.OptionalLong;

/**
 * A validated {@code @SimulatedLink}: everything needed to build the link except what only the running test
 * knows (the target's address, the derived seed).
 *
 * @param member the annotated field or parameter
 * @param name the link's name in reports and for {@link io.netharness.junit.Network}: the annotation's
 *        {@code name}, else the member's default name (field name, or {@code method[index]}); seeds derive from the
 *        member, not from this name
 * @param target where the link leads
 * @param protocol TCP, UDP, or AUTO when neither the type nor the annotation decides
 * @param upstream impairments from client to target
 * @param downstream impairments from target to client
 * @param faults faults in force from the start
 * @param refuseWhileTargetRefuses whether a TCP link refuses its clients while its target refuses it
 * @param seed the link's seed if the annotation fixes it
 * @param capture whether to record a pcap file
 * @param problems messages about this link, raised when the link is built
 */
record LinkSpec(
        Member member,
        String name,
        TargetSpec target,
        Protocol protocol,
        DirectionSpec upstream,
        DirectionSpec downstream,
        List<FaultSpec> faults,
        boolean refuseWhileTargetRefuses,
        OptionalLong seed,
        boolean capture,
        Misconfiguration problems) {
}

package io.netharness.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A team's profile, defined once: a composed annotation over {@link SimulatedLink}, target left to the use site. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@SimulatedLink(latency = "120ms", jitter = "40ms", distribution = "normal", loss = 0.03, burstLength = 2,
        bandwidth = "1Mbit/s", downstream = @Profile(bandwidth = "4Mbit/s"))
@interface Flaky3G {}

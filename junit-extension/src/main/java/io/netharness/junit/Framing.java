package io.netharness.junit;

import io.netharness.simulator.Framer;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a {@link When @When} with a message trigger cuts the stream into messages: the simulator's built-in
 * {@link Framer}s, or one of your own ({@link Kind#CUSTOM} with {@link #custom()}).
 *
 * <pre>{@code
 * @Framing(Framing.Kind.RESP)
 * @Framing(value = Framing.Kind.LENGTH_PREFIXED, lengthBytes = 2)
 * @Framing(value = Framing.Kind.CUSTOM, custom = MyFramer.class)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Framing {

    /** The framers. */
    enum Kind {
        /** No framing: the trigger is not about messages. */
        NONE,
        /** {@link Framer#lines()}. */
        LINES,
        /** {@link Framer#lengthPrefixed(int, int, java.nio.ByteOrder, int)} with the attributes below. */
        LENGTH_PREFIXED,
        /** {@link Framer#http1()}. */
        HTTP,
        /** {@link Framer#resp()}. */
        RESP,
        /** {@link #custom()}, made with its no-argument constructor. */
        CUSTOM
    }

    /** Which framer. */
    Kind value();

    /** LENGTH_PREFIXED: the length field's width, 1, 2, 3, 4 or 8 bytes. */
    int lengthBytes() default 4;

    /** LENGTH_PREFIXED: bytes before the length field. */
    int offsetBytes() default 0;

    /** LENGTH_PREFIXED: added to the field's value, e.g. -4 for a length that counts its own four bytes. */
    int adjustment() default 0;

    /** LENGTH_PREFIXED: the field's byte order is little-endian (default: big-endian, network order). */
    boolean littleEndian() default false;

    /** CUSTOM: your framer, a class with a no-argument constructor. */
    Class<? extends Framer> custom() default Framer.class;
}

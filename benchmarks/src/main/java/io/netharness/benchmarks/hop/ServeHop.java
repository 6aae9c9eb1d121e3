package io.netharness.benchmarks.hop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * NetHarness as users run it standalone: {@code serve} in a process of its own, with the hop either a
 * {@code --link} given on its command line (no API) or a proxy created through its Toxiproxy API.
 */
public final class ServeHop implements Hop {

    /** How the proxy comes to be. */
    public enum Kind {
        /** {@code serve --no-api --link name=127.0.0.1:0->target}. */
        LINK,
        /** {@code serve --port 0}, then {@code POST /proxies}. */
        API_PROXY
    }

    private final ServeProcess serve;
    private final InetSocketAddress address;

    private ServeHop(ServeProcess serve, InetSocketAddress address) {
        this.serve = serve;
        this.address = address;
    }

    /** Starts serve from this JVM's class path with a hop of {@code kind} in front of {@code target}. */
    public static ServeHop start(Kind kind, boolean udp, InetSocketAddress target) {
        return start(kind, udp, target, System.getProperty("java.class.path"));
    }

    /** As {@link #start(Kind, boolean, InetSocketAddress)}, running the serve of the build on {@code classPath}. */
    public static ServeHop start(Kind kind, boolean udp, InetSocketAddress target, String classPath) {
        String upstream = target.getAddress().getHostAddress() + ":" + target.getPort();
        List<String> arguments = new ArrayList<>(List.of("--stats-interval", "0"));
        if (kind == Kind.LINK) {
            arguments.addAll(List.of("--no-api", "--link", "hop=127.0.0.1:0->" + upstream));
            if (udp) {
                arguments.add("--udp");
            }
        } else {
            arguments.addAll(List.of("--port", "0"));
        }
        ServeProcess serve = null;
        try {
            serve = ServeProcess.start(arguments, classPath);
            InetSocketAddress address;
            if (kind == Kind.LINK) {
                address = serve.awaitLink("hop");
            } else {
                serve.awaitApi();
                address = serve.createProxy("hop", target, udp);
            }
            return new ServeHop(serve, address);
        } catch (IOException e) {
            closeQuietly(serve);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(serve);
            throw new IllegalStateException("interrupted while serve started", e);
        } catch (RuntimeException e) {
            closeQuietly(serve);
            throw e;
        }
    }

    private static void closeQuietly(ServeProcess serve) {
        if (serve != null) {
            try {
                serve.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /** The serve process, for what the operating system says about it. */
    public ServeProcess process() {
        return serve;
    }

    @Override
    public void close() {
        closeQuietly(serve);
    }
}

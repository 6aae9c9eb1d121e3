package io.netharness.app;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code serve}: the standalone Toxiproxy-compatible server of module toxiproxy-server (admin API on
 * {@code 127.0.0.1:8474} by default); runs until the JVM is stopped. {@code serve --help} lists the flags.
 */
final class ServeCommand implements Command {

    @Override
    public String summary() {
        return "run the Toxiproxy-compatible server (API on 127.0.0.1:8474; serve --help for flags)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return io.netharness.toxiproxy.ServerCommandLine.run(args.toArray(String[]::new), out, err);
    }
}

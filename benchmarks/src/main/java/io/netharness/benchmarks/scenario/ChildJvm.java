package io.netharness.benchmarks.scenario;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The command that starts a main class in a child JVM on this JVM's JDK, class path and Netty settings. */
public final class ChildJvm {

    /**
     * The JVM options of every proxy run in a process of its own (serve, NetCrusher, TcpLink), so that all run on
     * the same terms: a small thread stack, as a proxy with thousands of connections would be started.
     */
    public static final List<String> PROXY_OPTIONS = List.of("-Xss512k");

    private ChildJvm() {
    }

    /**
     * {@code prefix} (a launcher such as {@code taskset}, or nothing), then java with {@code jvmOptions},
     * this JVM's {@code -Dio.netty.*} settings and class path, {@code mainClass} and {@code args}.
     */
    public static List<String> command(List<String> prefix, List<String> jvmOptions, Class<?> mainClass, String... args) {
        return command(prefix, jvmOptions, System.getProperty("java.class.path"), mainClass.getName(), args);
    }

    /** As {@link #command(List, List, Class, String...)}, on another class path (another build, say). */
    public static List<String> command(List<String> prefix, List<String> jvmOptions, String classPath,
            String mainClass, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dio.netty.")).forEach(command::add);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}

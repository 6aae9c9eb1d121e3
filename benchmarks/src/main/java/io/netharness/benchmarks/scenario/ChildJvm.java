package io.netharness.benchmarks.scenario;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The command that starts a main class in a child JVM on this JVM's JDK, class path and Netty settings. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * {@code prefix} (a launcher such as {@code taskset}, or nothing), then java with {@code jvmOptions},
     * this JVM's {@code -Dio.netty.*} settings and class path, {@code mainClass} and {@code args}.
     */
    public static List<String> command(List<String> prefix, List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dio.netty.")).forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}

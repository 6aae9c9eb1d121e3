package io.netharness.benchmarks.experiment;

import io.netharness.benchmarks.hop.Hop;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Another build of NetHarness in this JVM, beside this one: its harness-core and simulator classes loaded from its
 * class path by a loader of their own (child first), everything else (Netty, the JDK) shared with this build, so
 * that both builds' links run on the same Netty in the same process and can be measured in the same rounds.
 */
final class OtherBuild implements AutoCloseable {

    private static final List<String> OWN_PACKAGES = List.of("io.netharness.core.", "io.netharness.simulator.");

    private final URLClassLoader loader;

    OtherBuild(String classPath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("class path entry: " + entry + " (expected: a file or directory)", e);
                }
            }
        }
        loader = new ChildFirst(urls.toArray(URL[]::new), OtherBuild.class.getClassLoader());
    }

    /** A TcpLink of the other build with its defaults (own event loops) and seed 42 in front of {@code target}. */
    Hop tcpLink(InetSocketAddress target) {
        try {
            Class<?> type = loader.loadClass("io.netharness.simulator.TcpLink");
            Object builder = call(type, null, "builder");
            call(builder.getClass(), builder, "target", InetSocketAddress.class, target);
            call(builder.getClass(), builder, "seed", long.class, 42L);
            Object link = call(builder.getClass(), builder, "build");
            call(link.getClass(), link, "start");
            InetSocketAddress address = (InetSocketAddress) call(link.getClass(), link, "address");
            return new Hop() {
                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public void close() {
                    call(link.getClass(), link, "close");
                }
            };
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the other build's class path has no io.netharness.simulator.TcpLink", e);
        }
    }

    /** The loader of the other build's classes (for tests). */
    ClassLoader loaderForTests() {
        return loader;
    }

    private static Object call(Class<?> type, Object target, String name, Object... typesAndArguments) {
        Class<?>[] types = new Class<?>[typesAndArguments.length / 2];
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = (Class<?>) typesAndArguments[2 * i];
            arguments[i] = typesAndArguments[2 * i + 1];
        }
        try {
            Method method = type.getMethod(name, types);
            method.setAccessible(true);
            return method.invoke(target, arguments);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("the other build's " + type.getName() + " has no usable " + name, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + "." + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads NetHarness's own packages from the other build first; asks the parent for everything else. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (OWN_PACKAGES.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}

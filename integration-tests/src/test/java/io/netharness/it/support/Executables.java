package io.netharness.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the server binaries the tests run, as Debian installs them. */
public final class Executables {

    static final String REMEDY = "install the Debian packages with: sudo bash .ci/setup-tools";

    private Executables() {}

    /**
     * The binary {@code name} from {@code PATH}, {@code /usr/sbin} or {@code /usr/lib/postgresql/<version>/bin}
     * (newest version first); skips the test (fails it on CI) when there is none.
     *
     * @param debianPackage the package that provides it, named in the skip message
     */
    public static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> Prerequisites.missing(
                name + " (Debian package " + debianPackage + ")", REMEDY));
    }

    /** The binary {@code name}, if installed. */
    public static Optional<Path> find(String name) {
        for (Path directory : searchPath()) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<Path> searchPath() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        directories.add(Path.of("/usr/sbin"));
        directories.add(Path.of("/sbin"));
        // Debian keeps PostgreSQL's server binaries off PATH, one directory per major version.
        Path postgresql = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(postgresql)) {
            try (Stream<Path> versions = Files.list(postgresql)) {
                versions.sorted(Comparator.comparing(Executables::majorVersion).reversed())
                        .forEach(version -> directories.add(version.resolve("bin")));
            } catch (IOException e) {
                // unreadable: PostgreSQL counts as not installed
            }
        }
        return directories;
    }

    private static int majorVersion(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package io.netharness.simulator.internal.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One reading of the kernel's per-socket UDP receive drops: the {@code drops} column of {@code /proc/net/udp} and
 * {@code /proc/net/udp6} (Linux), by local address. Empty where the files do not exist. For sockets whose descriptor
 * cannot be asked directly (NIO's); reading walks the kernel's whole UDP table, so it is done once per statistics.
 */
final class SocketDropTable {

    /** Local address (kernel's hex form) and drops of one socket. */
    private record Row(String local, long drops) {
    }

    private static final List<Path> FILES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final Map<String, Row> byLocal = new HashMap<>();
    private final Map<String, Integer> localCount = new HashMap<>();

    private SocketDropTable() {
    }

    /** Reads both files now; a file that is missing or unreadable contributes nothing. */
    static SocketDropTable read() {
        SocketDropTable table = new SocketDropTable();
        for (Path file : FILES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException | SecurityException unavailable) {
                continue; // not Linux, or no procfs: drops before the link cannot be known, and read as 0
            }
            for (int i = 1; i < lines.size(); i++) {
                Row row = parse(lines.get(i));
                if (row != null) {
                    table.byLocal.put(row.local, row);
                    table.localCount.merge(row.local, 1, Integer::sum);
                }
            }
        }
        return table;
    }

    /**
     * Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops. Lines
     * that do not have that shape are skipped.
     */
    private static Row parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 13) {
            return null;
        }
        try {
            return new Row(fields[1].toUpperCase(Locale.ROOT), Long.parseLong(fields[12]));
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    /**
     * The drops of the one socket bound to {@code local}, or 0 if none or several are (sockets sharing a port with
     * SO_REUSEADDR cannot be told apart by address).
     */
    long dropsOfLocal(InetSocketAddress local) {
        String key = kernelForm(local);
        return localCount.getOrDefault(key, 0) == 1 ? byLocal.get(key).drops : 0;
    }

    /**
     * How the kernel prints a local address: each 32-bit word of the address as the host stores it (byte-reversed on
     * little-endian hosts such as x86), a colon, the port, all in upper-case hex: {@code 0100007F:0035} is
     * 127.0.0.1:53 on x86.
     */
    static String kernelForm(InetSocketAddress address) {
        byte[] bytes = address.getAddress().getAddress();
        boolean reversed = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        StringBuilder hex = new StringBuilder();
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                hex.append(String.format(Locale.ROOT, "%02X", bytes[word + (reversed ? 3 - i : i)] & 0xff));
            }
        }
        return hex + ":" + String.format(Locale.ROOT, "%04X", address.getPort());
    }
}

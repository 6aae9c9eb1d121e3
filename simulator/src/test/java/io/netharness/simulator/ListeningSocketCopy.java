package io.netharness.simulator;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A second descriptor of this process's listening TCP socket on a loopback port, as a child process holds one between
 * its spawn and its exec (the JDK's children inherit every descriptor until then). Made by passing the descriptor
 * through a Unix domain socket to ourselves ({@code SCM_RIGHTS}, Netty's native {@link Socket#sendFd}). Linux only.
 */
final class ListeningSocketCopy implements AutoCloseable {

    private static final String TCP_LISTEN = "0A";

    private final Socket copy;

    private ListeningSocketCopy(Socket copy) {
        this.copy = copy;
    }

    /** Copies the descriptor of the socket listening on 127.0.0.1:{@code port}. */
    static ListeningSocketCopy of(int port) throws IOException {
        Epoll.ensureAvailability();
        int descriptor = descriptorOf(listeningInode(port));
        Path directory = Files.createTempDirectory("netharness-fd");
        Path path = directory.resolve("pass");
        Socket server = Socket.newSocketDomain();
        Socket client = Socket.newSocketDomain();
        try {
            server.bind(new DomainSocketAddress(path.toFile()));
            server.listen(1);
            client.connect(new DomainSocketAddress(path.toFile()));
            Socket accepted = new Socket(acceptBlocking(server));
            try {
                client.sendFd(descriptor);
                return new ListeningSocketCopy(new Socket(accepted.recvFd()));
            } finally {
                accepted.close();
            }
        } finally {
            client.close();
            server.close();
            Files.deleteIfExists(path);
            Files.delete(directory);
        }
    }

    private static int acceptBlocking(Socket server) throws IOException {
        byte[] address = new byte[128];
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int accepted = server.accept(address);
            if (accepted >= 0) {
                return accepted;
            }
            Thread.onSpinWait();
        }
        throw new IOException("the domain socket accepted nothing");
    }

    /**
     * The inode of the socket in LISTEN state on 127.0.0.1:port, from /proc/net/tcp, or /proc/net/tcp6 for an IPv6
     * socket bound to the IPv4-mapped address (Netty's epoll sockets are IPv6 where the kernel has it).
     */
    private static String listeningInode(int port) throws IOException {
        String local = "0100007F:" + String.format(Locale.ROOT, "%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[1].endsWith(local) && fields[3].equals(TCP_LISTEN)) {
                    return fields[9];
                }
            }
        }
        throw new IOException("nothing listens on 127.0.0.1:" + port);
    }

    private static int descriptorOf(String inode) throws IOException {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().equals("socket:[" + inode + "]")) {
                        return Integer.parseInt(descriptor.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        throw new IOException("no descriptor of this process is socket " + inode);
    }

    @Override
    public void close() throws IOException {
        copy.close();
    }
}

/*
 * The ceiling of any TCP relay on this machine, without a JVM: a 1 GiB bulk transfer over loopback, direct,
 * through a relay that reads into a 256 KiB buffer and writes it on (what TcpLink and NetCrusher do), and
 * through a relay that moves the bytes with splice(2) and a 1 MiB pipe (no copy into user space). All three
 * run in turn in each round, in one process, one thread per endpoint. See BENCHMARKS.md.
 *
 *   gcc -O2 -pthread -o /tmp/relay_bulk relay_bulk.c && /tmp/relay_bulk 5
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <string.h>

#include "loopback.h"

enum relay { NONE, COPY, SPLICE };

static const long long TOTAL = 1LL << 30;
static const int CHUNK = 1 << 18;
static const int PIPE_BYTES = 1 << 20;

static int sink_listener, sink_port, relay_listener, relay_port;
static enum relay relay_kind;
static double sink_done;

static void write_all(int fd, const char *bytes, ssize_t count) {
    for (ssize_t done = 0; done < count;) {
        ssize_t written = write(fd, bytes + done, count - done);
        if (written < 0) die("write");
        done += written;
    }
}

static void *sink(void *unused) {
    int c = accept(sink_listener, 0, 0);
    char *buffer = malloc(CHUNK);
    while (read(c, buffer, CHUNK) > 0) {
    }
    sink_done = seconds();
    close(c);
    free(buffer);
    return unused;
}

static void *relay(void *unused) {
    int client = accept(relay_listener, 0, 0), upstream = connect_to_loopback(sink_port);
    ssize_t got;
    if (relay_kind == COPY) {
        char *buffer = malloc(CHUNK);
        while ((got = read(client, buffer, CHUNK)) > 0) write_all(upstream, buffer, got);
        free(buffer);
    } else {
        int pipe_fds[2];
        if (pipe(pipe_fds) || fcntl(pipe_fds[1], F_SETPIPE_SZ, PIPE_BYTES) < 0) die("pipe");
        while ((got = splice(client, 0, pipe_fds[1], 0, PIPE_BYTES, SPLICE_F_MOVE | SPLICE_F_MORE)) > 0) {
            for (ssize_t moved = 0; moved < got;) {
                ssize_t out = splice(pipe_fds[0], 0, upstream, 0, got - moved, SPLICE_F_MOVE | SPLICE_F_MORE);
                if (out < 0) die("splice");
                moved += out;
            }
        }
        close(pipe_fds[0]);
        close(pipe_fds[1]);
    }
    close(upstream);
    close(client);
    return unused;
}

/* One transfer of TOTAL bytes; MiB/s from the first write to the sink's end of stream. */
static double transfer(enum relay kind) {
    pthread_t sink_thread, relay_thread;
    relay_kind = kind;
    sink_listener = listen_on_loopback(&sink_port);
    pthread_create(&sink_thread, 0, sink, 0);
    int target = sink_port;
    if (kind != NONE) {
        relay_listener = listen_on_loopback(&relay_port);
        pthread_create(&relay_thread, 0, relay, 0);
        target = relay_port;
    }
    int s = connect_to_loopback(target);
    char *buffer = malloc(CHUNK);
    memset(buffer, 7, CHUNK);
    double start = seconds();
    for (long long sent = 0; sent < TOTAL; sent += CHUNK) write_all(s, buffer, CHUNK);
    close(s);
    pthread_join(sink_thread, 0);
    if (kind != NONE) {
        pthread_join(relay_thread, 0);
        close(relay_listener);
    }
    close(sink_listener);
    free(buffer);
    return TOTAL / 1048576.0 / (sink_done - start);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    for (int round = 1; round <= rounds && round <= 100; round++) {
        double direct = transfer(NONE), copy = transfer(COPY), spliced = transfer(SPLICE);
        printf("round %d: direct %.0f MiB/s, copy relay %.0f MiB/s (%.2fx), splice relay %.0f MiB/s (%.2fx)\n",
               round, direct, copy, copy / direct, spliced, spliced / direct);
        fflush(stdout);
    }
    return 0;
}

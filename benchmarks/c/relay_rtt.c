/*
 * The least latency any TCP relay adds on this machine, without a JVM: 1-byte round trips over loopback to an
 * echo thread, direct, through a relay with one epoll thread for both directions (the shape of TcpLink's and
 * NetCrusher's event loops), and through a relay with a blocking thread per direction. Each round runs all
 * three in turn: 5,000 warm-up and 20,000 measured round trips each. See BENCHMARKS.md.
 *
 *   gcc -O2 -pthread -o /tmp/relay_rtt relay_rtt.c && /tmp/relay_rtt 5
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/epoll.h>

#include "loopback.h"

enum relay { NONE, EPOLL_LOOP, THREAD_PER_DIRECTION };

#define WARMUP 5000
#define SAMPLES 20000

static int echo_listener, echo_port, relay_listener, relay_port;
static enum relay relay_kind;
static long long round_trips[SAMPLES];

struct pump {
    int from, to;
};

static void *echo(void *unused) {
    int c = accept(echo_listener, 0, 0);
    char bytes[64];
    ssize_t got;
    no_delay(c);
    while ((got = read(c, bytes, sizeof bytes)) > 0) {
        if (write(c, bytes, got) != got) die("echo");
    }
    close(c);
    return unused;
}

static void *pump(void *arg) {
    struct pump *p = arg;
    char bytes[65536];
    ssize_t got;
    while ((got = read(p->from, bytes, sizeof bytes)) > 0) {
        if (write(p->to, bytes, got) != got) die("pump");
    }
    shutdown(p->to, SHUT_WR);
    return 0;
}

static void relay_with_epoll(int client, int upstream) {
    int loop = epoll_create1(0);
    struct epoll_event interest = {.events = EPOLLIN};
    interest.data.fd = client;
    epoll_ctl(loop, EPOLL_CTL_ADD, client, &interest);
    interest.data.fd = upstream;
    epoll_ctl(loop, EPOLL_CTL_ADD, upstream, &interest);
    char bytes[65536];
    for (;;) {
        struct epoll_event ready[4];
        int count = epoll_wait(loop, ready, 4, -1);
        for (int i = 0; i < count; i++) {
            int from = ready[i].data.fd;
            ssize_t got = read(from, bytes, sizeof bytes);
            if (got <= 0) {
                close(loop);
                return;
            }
            if (write(from == client ? upstream : client, bytes, got) != got) die("relay");
        }
    }
}

static void *relay(void *unused) {
    int client = accept(relay_listener, 0, 0), upstream = connect_to_loopback(echo_port);
    no_delay(client);
    if (relay_kind == EPOLL_LOOP) {
        relay_with_epoll(client, upstream);
    } else {
        pthread_t other;
        struct pump out = {client, upstream}, back = {upstream, client};
        pthread_create(&other, 0, pump, &out);
        pump(&back);
        pthread_join(other, 0);
    }
    close(client);
    close(upstream);
    return unused;
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return x < y ? -1 : x > y;
}

/* Measures SAMPLES round trips; leaves them sorted in round_trips. */
static void measure(enum relay kind) {
    pthread_t echo_thread, relay_thread;
    relay_kind = kind;
    echo_listener = listen_on_loopback(&echo_port);
    pthread_create(&echo_thread, 0, echo, 0);
    int target = echo_port;
    if (kind != NONE) {
        relay_listener = listen_on_loopback(&relay_port);
        pthread_create(&relay_thread, 0, relay, 0);
        target = relay_port;
    }
    int s = connect_to_loopback(target);
    char byte = 'x';
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
        long long start = nanos();
        if (write(s, &byte, 1) != 1 || read(s, &byte, 1) != 1 || byte != 'x') die("round trip");
        if (i >= WARMUP) round_trips[i - WARMUP] = nanos() - start;
    }
    close(s);
    pthread_join(echo_thread, 0);
    if (kind != NONE) {
        pthread_join(relay_thread, 0);
        close(relay_listener);
    }
    close(echo_listener);
    qsort(round_trips, SAMPLES, sizeof round_trips[0], by_value);
}

static double micros_at(double percentile) {
    return round_trips[(int) (SAMPLES * percentile / 100)] / 1e3;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    for (int round = 1; round <= rounds && round <= 100; round++) {
        measure(NONE);
        double direct50 = micros_at(50), direct99 = micros_at(99);
        measure(EPOLL_LOOP);
        double epoll50 = micros_at(50), epoll99 = micros_at(99);
        measure(THREAD_PER_DIRECTION);
        double threads50 = micros_at(50), threads99 = micros_at(99);
        printf("round %d: direct p50 %.1f us; added by an epoll relay p50 %.1f us, p99 %.1f us;"
               " by a thread-per-direction relay p50 %.1f us, p99 %.1f us\n", round, direct50,
               epoll50 - direct50, epoll99 - direct99, threads50 - direct50, threads99 - direct99);
        fflush(stdout);
    }
    return 0;
}

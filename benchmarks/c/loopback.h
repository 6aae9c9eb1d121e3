/* What the relay-floor programs share: fatal errors, a monotonic clock and TCP sockets on 127.0.0.1. */
#ifndef NETHARNESS_LOOPBACK_H
#define NETHARNESS_LOOPBACK_H

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline void die(const char *what) {
    perror(what);
    exit(1);
}

static inline long long nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static inline double seconds(void) {
    return nanos() / 1e9;
}

static inline void no_delay(int s) {
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* A listening TCP socket on 127.0.0.1 at a free port, which *port receives. */
static inline int listen_on_loopback(int *port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof a;
    if (bind(s, (void *) &a, sizeof a) || listen(s, 8) || getsockname(s, (void *) &a, &length)) die("listen");
    *port = ntohs(a.sin_port);
    return s;
}

/* A TCP connection to 127.0.0.1:port, with Nagle off. */
static inline int connect_to_loopback(int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(s, (void *) &a, sizeof a)) die("connect");
    no_delay(s);
    return s;
}

#endif

/*
 * A relay process for the benchmark suite: the floor a relay reaches on this machine, without a JVM, run as a
 * contender beside the Java proxies so that ratios to it are taken in the same run. One thread, one epoll set,
 * any number of connections or clients. Listens on 127.0.0.1 (any free port), prints "listening <port>", relays to
 * 127.0.0.1:<target port> and exits when its standard input closes (so it never outlives the suite).
 *
 *   relay copy   PORT   TCP: read up to 4 MiB, write it on (what TcpLink's and NetCrusher's loops do)
 *   relay splice PORT   TCP: splice(2) through a 1 MiB pipe per direction, bytes never copied to user space
 *   relay udp    PORT   UDP, NAT style (a socket per client towards the target): up to 64 datagrams per
 *                       recvmmsg(2), sent on with one sendmmsg(2), runs of equal size as one UDP GSO send
 *
 *   gcc -O2 -Wall -o /tmp/relay benchmarks/c/relay.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/epoll.h>

#include "loopback.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

#define READ_BYTES (4 << 20)
#define PIPE_BYTES (1 << 20)
#define READS_PER_EVENT 16
#define BATCH 64
#define SLOT 65536
#define MAX_SESSIONS 4096
#define SOCKET_BUFFER (4 << 20)

enum mode { COPY, SPLICE };

/* One direction of a TCP connection: bytes read from `from` that `to` has not taken yet wait in pending or pipe. */
struct flow {
    int from, to;
    char *pending;
    size_t offset, length;
    int pipe[2];
    size_t in_pipe;
    int ended;    /* `from` sent its FIN */
    int finished; /* the FIN was passed on */
};

struct connection;

/* What an epoll event points at: one socket of a connection (side 0 client, 1 target), or a listener/stdin. */
struct end {
    struct connection *connection;
    int side;
};

struct connection {
    int fd[2];
    struct flow flow[2]; /* flow[0] client -> target, flow[1] target -> client */
    struct end end[2];
    unsigned interest[2];
};

struct session {
    struct sockaddr_in client;
    int fd;
};

static int loop, listener, target_port;
static enum mode mode;
static char scratch[READ_BYTES];
static struct end listener_end = {0, -1}, stdin_end = {0, -2};
static struct session sessions[MAX_SESSIONS];
static int session_count;
static struct sockaddr_in target_address;
static char slots[BATCH][SLOT];

static void non_blocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void watch(int fd, unsigned events, void *pointer) {
    struct epoll_event event = {.events = events, .data.ptr = pointer};
    if (epoll_ctl(loop, EPOLL_CTL_ADD, fd, &event)) die("epoll_ctl");
}

static void release(struct connection *c) {
    for (int i = 0; i < 2; i++) {
        close(c->fd[i]);
        free(c->flow[i].pending);
        if (c->flow[i].pipe[0] >= 0) {
            close(c->flow[i].pipe[0]);
            close(c->flow[i].pipe[1]);
        }
    }
    free(c);
}

static size_t waiting(struct flow *f) {
    return f->length - f->offset + f->in_pipe;
}

/* Writes what waits in the flow; returns -1 on a write error, else what still waits. */
static long drain(struct flow *f) {
    while (f->offset < f->length) {
        ssize_t sent = write(f->to, f->pending + f->offset, f->length - f->offset);
        if (sent < 0) return errno == EAGAIN ? (long) waiting(f) : -1;
        f->offset += sent;
    }
    f->offset = f->length = 0;
    while (f->in_pipe > 0) {
        ssize_t sent = splice(f->pipe[0], 0, f->to, 0, f->in_pipe, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (sent < 0) return errno == EAGAIN ? (long) waiting(f) : -1;
        f->in_pipe -= sent;
    }
    return 0;
}

/* Moves bytes from f->from to f->to until either would block; returns -1 if the connection must end. */
static int pump(struct flow *f) {
    long left = drain(f);
    if (left != 0) return left < 0 ? -1 : 0;
    for (int reads = 0; reads < READS_PER_EVENT && !f->ended; reads++) {
        ssize_t got;
        if (mode == SPLICE) {
            if (f->pipe[0] < 0 && (pipe2(f->pipe, O_NONBLOCK) || fcntl(f->pipe[1], F_SETPIPE_SZ, PIPE_BYTES) < 0)) {
                return -1;
            }
            got = splice(f->from, 0, f->pipe[1], 0, PIPE_BYTES, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (got > 0) f->in_pipe = got;
        } else {
            got = read(f->from, scratch, sizeof scratch);
            if (got > 0) {
                ssize_t sent = write(f->to, scratch, got);
                if (sent < 0 && errno != EAGAIN) return -1;
                if (sent < got) {
                    if (!f->pending && !(f->pending = malloc(READ_BYTES))) die("malloc");
                    f->offset = 0;
                    f->length = got - (sent < 0 ? 0 : sent);
                    memcpy(f->pending, scratch + (sent < 0 ? 0 : sent), f->length);
                }
            }
        }
        if (got == 0) {
            f->ended = 1;
        } else if (got < 0) {
            return errno == EAGAIN ? 0 : -1;
        }
        left = drain(f);
        if (left != 0) return left < 0 ? -1 : 0;
    }
    if (f->ended && !f->finished && waiting(f) == 0) {
        shutdown(f->to, SHUT_WR);
        f->finished = 1;
    }
    return 0;
}

/* Asks epoll for reads on a socket while its flow may read, and for writes while bytes wait for it. */
static void update(struct connection *c) {
    for (int side = 0; side < 2; side++) {
        struct flow *out = &c->flow[side], *in = &c->flow[1 - side];
        unsigned interest = (!out->ended && waiting(out) == 0 ? EPOLLIN : 0) | (waiting(in) > 0 ? EPOLLOUT : 0);
        if (interest != c->interest[side]) {
            struct epoll_event event = {.events = interest, .data.ptr = &c->end[side]};
            epoll_ctl(loop, EPOLL_CTL_MOD, c->fd[side], &event);
            c->interest[side] = interest;
        }
    }
}

static void accept_connection(void) {
    int client = accept4(listener, 0, 0, SOCK_NONBLOCK);
    if (client < 0) return;
    int target = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(target, (void *) &target_address, sizeof target_address)) { /* loopback: completes at once */
        close(client);
        close(target);
        return;
    }
    no_delay(client);
    no_delay(target);
    non_blocking(target);
    struct connection *c = calloc(1, sizeof *c);
    if (!c) die("calloc");
    c->fd[0] = client;
    c->fd[1] = target;
    for (int i = 0; i < 2; i++) {
        c->flow[i] = (struct flow) {.from = c->fd[i], .to = c->fd[1 - i], .pipe = {-1, -1}};
        c->end[i] = (struct end) {c, i};
        c->interest[i] = EPOLLIN;
        watch(c->fd[i], EPOLLIN, &c->end[i]);
    }
}

static void on_connection(struct end *e, unsigned events) {
    struct connection *c = e->connection;
    int failed = 0;
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) failed |= pump(&c->flow[e->side]) < 0;
    if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) failed |= pump(&c->flow[1 - e->side]) < 0;
    if (failed || (c->flow[0].finished && c->flow[1].finished)) {
        release(c);
    } else {
        update(c);
    }
}

static int udp_socket(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0), size = SOCKET_BUFFER;
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    return s;
}

/* Sends count datagrams (slots[first...]) on s, to `to` or the connected peer; equal sizes as one GSO send. */
static void send_batch(int s, struct sockaddr_in *to, struct mmsghdr *received, int first, int count) {
    struct mmsghdr messages[BATCH];
    struct iovec vectors[BATCH];
    char control[BATCH][CMSG_SPACE(sizeof(unsigned short))];
    int sends = 0;
    for (int i = first; i < first + count;) {
        unsigned size = received[i].msg_len;
        int run = 1;
        while (i + run < first + count && received[i + run].msg_len == size && size > 0) run++;
        messages[sends] = (struct mmsghdr) {.msg_hdr = {.msg_name = to, .msg_namelen = to ? sizeof *to : 0,
                                                        .msg_iov = &vectors[i - first], .msg_iovlen = run}};
        for (int k = 0; k < run; k++) vectors[i - first + k] = (struct iovec) {slots[i + k], received[i + k].msg_len};
        if (run > 1) {
            struct msghdr *m = &messages[sends].msg_hdr;
            memset(control[sends], 0, sizeof control[sends]);
            m->msg_control = control[sends];
            m->msg_controllen = sizeof control[sends];
            struct cmsghdr *segment = CMSG_FIRSTHDR(m);
            segment->cmsg_level = SOL_UDP;
            segment->cmsg_type = UDP_SEGMENT;
            segment->cmsg_len = CMSG_LEN(sizeof(unsigned short));
            *(unsigned short *) CMSG_DATA(segment) = size;
        }
        sends++;
        i += run;
    }
    sendmmsg(s, messages, sends, 0); /* a full send buffer drops the rest, as any relay may */
}

static int receive_batch(int s, struct mmsghdr *messages, struct sockaddr_in *from) {
    static struct iovec vectors[BATCH];
    for (int i = 0; i < BATCH; i++) {
        vectors[i] = (struct iovec) {slots[i], SLOT};
        messages[i] = (struct mmsghdr) {.msg_hdr = {.msg_name = from ? &from[i] : 0,
                                                    .msg_namelen = from ? sizeof from[i] : 0,
                                                    .msg_iov = &vectors[i], .msg_iovlen = 1}};
    }
    return recvmmsg(s, messages, BATCH, MSG_DONTWAIT, 0);
}

static struct session *session_of(struct sockaddr_in *client) {
    for (int i = 0; i < session_count; i++) {
        if (sessions[i].client.sin_port == client->sin_port && sessions[i].client.sin_addr.s_addr == client->sin_addr.s_addr) {
            return &sessions[i];
        }
    }
    if (session_count == MAX_SESSIONS) return 0;
    struct session *created = &sessions[session_count++];
    created->client = *client;
    created->fd = udp_socket();
    if (connect(created->fd, (void *) &target_address, sizeof target_address)) die("connect");
    watch(created->fd, EPOLLIN, created);
    return created;
}

/* Datagrams from clients: each run of one client's datagrams goes out on its session socket. */
static void on_front(void) {
    struct mmsghdr messages[BATCH];
    struct sockaddr_in from[BATCH];
    int count = receive_batch(listener, messages, from);
    for (int i = 0; i < count;) {
        int run = 1;
        while (i + run < count && from[i + run].sin_port == from[i].sin_port
               && from[i + run].sin_addr.s_addr == from[i].sin_addr.s_addr) {
            run++;
        }
        struct session *s = session_of(&from[i]);
        if (s) send_batch(s->fd, 0, messages, i, run);
        i += run;
    }
}

static void on_session(struct session *s) {
    struct mmsghdr messages[BATCH];
    int count = receive_batch(s->fd, messages, 0);
    if (count > 0) send_batch(listener, &s->client, messages, 0, count);
}

static int listen_udp(int *port) {
    int s = udp_socket();
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof a;
    if (bind(s, (void *) &a, sizeof a) || getsockname(s, (void *) &a, &length)) die("bind");
    *port = ntohs(a.sin_port);
    return s;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "copy") && strcmp(argv[1], "splice") && strcmp(argv[1], "udp"))) {
        fprintf(stderr, "usage: relay copy|splice|udp TARGET_PORT (got %d arguments)\n", argc - 1);
        return 2;
    }
    int udp = !strcmp(argv[1], "udp"), port;
    mode = !strcmp(argv[1], "splice") ? SPLICE : COPY;
    target_port = atoi(argv[2]);
    target_address = (struct sockaddr_in) {.sin_family = AF_INET, .sin_port = htons(target_port),
                                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if ((loop = epoll_create1(0)) < 0) die("epoll_create1");
    if (udp) {
        listener = listen_udp(&port);
    } else {
        listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t length = sizeof a;
        if (bind(listener, (void *) &a, sizeof a) || listen(listener, 4096) || getsockname(listener, (void *) &a, &length)) {
            die("listen");
        }
        port = ntohs(a.sin_port);
    }
    watch(listener, EPOLLIN, &listener_end);
    watch(0, EPOLLIN, &stdin_end);
    printf("listening %d\n", port);
    fflush(stdout);
    for (;;) {
        struct epoll_event ready[64];
        int count = epoll_wait(loop, ready, 64, -1);
        if (count < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < count; i++) {
            void *pointer = ready[i].data.ptr;
            if (pointer == &stdin_end) {
                char byte;
                if (read(0, &byte, 1) <= 0) return 0; /* the suite closed our input: stop */
            } else if (pointer == &listener_end) {
                if (udp) on_front(); else accept_connection();
            } else if (udp) {
                on_session(pointer);
            } else {
                on_connection(pointer, ready[i].events);
            }
        }
    }
}

/*
 * The most any UDP relay can deliver on this machine, without a JVM: 64-byte datagrams sent as fast as one
 * thread can for 1 s, counted by a receiving thread: direct; through a relay thread that takes up to 64
 * datagrams per recvmmsg(2) and sends them on with one sendmmsg(2); and through the same relay sending each
 * batch of equal-size datagrams as one UDP GSO send (UDP_SEGMENT), as UdpLink does. Each round runs all three
 * in turn; 4 MiB socket buffers as in the suite. See BENCHMARKS.md.
 *
 *   gcc -O2 -pthread -o /tmp/relay_udp relay_udp.c && /tmp/relay_udp 5
 */
#define _GNU_SOURCE
#include <netinet/udp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "loopback.h"

#define DATAGRAM 64
#define BATCH 64
#define BUFFER_BYTES (4 << 20)

static atomic_long received;
static atomic_int stop;

static int bound_socket(struct sockaddr_in *address) {
    int s = socket(AF_INET, SOCK_DGRAM, 0), size = BUFFER_BYTES;
    struct timeval poll = {.tv_usec = 100000};
    socklen_t length = sizeof *address;
    *address = (struct sockaddr_in) {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &poll, sizeof poll); /* so the threads notice stop */
    if (bind(s, (void *) address, sizeof *address) || getsockname(s, (void *) address, &length)) die("bind");
    return s;
}

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

struct relay {
    int in, out, gso;
    struct sockaddr_in target;
};

static void *receive(void *arg) {
    int s = *(int *) arg;
    char bytes[2048];
    while (!atomic_load(&stop)) {
        if (recv(s, bytes, sizeof bytes, 0) > 0) atomic_fetch_add(&received, 1);
    }
    return 0;
}

/* All datagrams here are DATAGRAM bytes, so a batch is one run: one send, cut back into datagrams by the kernel. */
static void send_segmented(struct relay *r, char slots[][2048], struct mmsghdr *messages, int count) {
    static char run[BATCH * DATAGRAM];
    for (int i = 0; i < count; i++) memcpy(run + i * DATAGRAM, slots[i], DATAGRAM);
    char control[CMSG_SPACE(sizeof(unsigned short))] = {0};
    struct iovec vector = {run, (size_t) count * DATAGRAM};
    struct msghdr message = {.msg_name = &r->target, .msg_namelen = sizeof r->target, .msg_iov = &vector,
                             .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *segment = CMSG_FIRSTHDR(&message);
    segment->cmsg_level = SOL_UDP;
    segment->cmsg_type = UDP_SEGMENT;
    segment->cmsg_len = CMSG_LEN(sizeof(unsigned short));
    *(unsigned short *) CMSG_DATA(segment) = DATAGRAM;
    sendmsg(r->out, &message, 0); /* a full send buffer drops the run, as a relay may */
    (void) messages;
}

static void *relay(void *arg) {
    struct relay *r = arg;
    static char slots[BATCH][2048];
    struct mmsghdr messages[BATCH];
    struct iovec vectors[BATCH];
    while (!atomic_load(&stop)) {
        for (int i = 0; i < BATCH; i++) {
            vectors[i] = (struct iovec) {slots[i], sizeof slots[i]};
            messages[i] = (struct mmsghdr) {.msg_hdr = {.msg_iov = &vectors[i], .msg_iovlen = 1}};
        }
        int count = recvmmsg(r->in, messages, BATCH, MSG_WAITFORONE, 0);
        if (count <= 0) continue;
        if (r->gso) {
            send_segmented(r, slots, messages, count);
            continue;
        }
        for (int i = 0; i < count; i++) {
            vectors[i].iov_len = messages[i].msg_len;
            messages[i].msg_hdr.msg_name = &r->target;
            messages[i].msg_hdr.msg_namelen = sizeof r->target;
        }
        for (int sent = 0; sent < count;) {
            int now = sendmmsg(r->out, messages + sent, count - sent, 0);
            if (now < 0) break; /* a full send buffer drops the rest, as a relay may */
            sent += now;
        }
    }
    return 0;
}

/* Sends for one second to the receiver, through a relay if asked; returns sent and delivered per second. */
static void run(int through_relay, int gso, double *sent_per_second, double *delivered_per_second) {
    struct sockaddr_in receiver_address, relay_address, sender_address, relay_out_address;
    int receiver = bound_socket(&receiver_address);
    int sender = bound_socket(&sender_address);
    struct relay r = {.target = receiver_address, .gso = gso};
    pthread_t receiver_thread, relay_thread;
    atomic_store(&stop, 0);
    atomic_store(&received, 0);
    pthread_create(&receiver_thread, 0, receive, &receiver);
    struct sockaddr_in *destination = &receiver_address;
    if (through_relay) {
        r.in = bound_socket(&relay_address);
        r.out = bound_socket(&relay_out_address);
        pthread_create(&relay_thread, 0, relay, &r);
        destination = &relay_address;
    }
    if (connect(sender, (void *) destination, sizeof *destination)) die("connect");
    char datagram[DATAGRAM];
    memset(datagram, 1, sizeof datagram);
    long sent = 0;
    double start = seconds(), end = start + 1.0;
    while (seconds() < end) {
        for (int i = 0; i < 64; i++) {
            if (send(sender, datagram, sizeof datagram, 0) == DATAGRAM) sent++;
        }
    }
    usleep(300000); /* drain */
    atomic_store(&stop, 1);
    pthread_join(receiver_thread, 0);
    if (through_relay) {
        pthread_join(relay_thread, 0);
        close(r.in);
        close(r.out);
    }
    close(sender);
    close(receiver);
    *sent_per_second = sent;
    *delivered_per_second = atomic_load(&received);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    for (int round = 1; round <= rounds && round <= 100; round++) {
        double direct_sent, direct, batch_sent, batched, gso_sent, segmented;
        run(0, 0, &direct_sent, &direct);
        run(1, 0, &batch_sent, &batched);
        run(1, 1, &gso_sent, &segmented);
        printf("round %d: direct %.0fk/s; sendmmsg relay %.0fk/s of %.0fk/s sent (%.2fx direct);"
               " GSO relay %.0fk/s of %.0fk/s sent (%.2fx direct)\n", round, direct / 1e3, batched / 1e3,
               batch_sent / 1e3, batched / direct, segmented / 1e3, gso_sent / 1e3, segmented / direct);
        fflush(stdout);
    }
    return 0;
}

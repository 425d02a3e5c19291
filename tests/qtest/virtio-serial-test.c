/*
 * virtio-serial-device with virtconsole and virtserialport, driven by hand
 * through virtio-mmio (virtio 1.2, 5.3): features and config, port 0
 * without MULTIPORT, the MULTIPORT control protocol (DEVICE_READY,
 * DEVICE_ADD, PORT_READY, CONSOLE_PORT, PORT_NAME, PORT_OPEN), output to
 * file chardevs, input from a socket chardev, flow control against a
 * socket client that does not read, and emergency writes.
 *
 * Malformed control messages (ours only: QEMU 7.2 logs other texts) get a
 * guest_errors line and leave the device working.
 */
#include "libvirtio.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define VIRTIO_ID_CONSOLE 3
#define F_MULTIPORT       (1ull << 1)
#define F_EMERG_WRITE     (1ull << 2)
#define NUM               16
#define CBUF              64 /* control receive buffer size */

enum {
    DEVICE_READY = 0,
    DEVICE_ADD = 1,
    PORT_READY = 3,
    CONSOLE_PORT = 4,
    PORT_OPEN = 6,
    PORT_NAME = 7,
};

/* Queues: port 0 rx/tx, control rx/tx, port 1 rx/tx. */
enum { RX0, TX0, CRX, CTX, RX1, TX1, NQ };

typedef struct Serial {
    char *dir, *con, *port, *sock, *log;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq[NQ];
    unsigned slot[NQ]; /* next descriptor to use in each queue */
    uint64_t cbufs;    /* NUM control receive buffers */
    uint64_t data;     /* scratch guest RAM */
} Serial;

static char *path_in(Serial *s, const char *name)
{
    return g_build_filename(s->dir, name, NULL);
}

static void serial_boot(Serial *s, const char *extra)
{
    s->dir = g_dir_make_tmp("virtio-serial-XXXXXX", NULL);
    s->con = path_in(s, "con");
    s->port = path_in(s, "port");
    s->sock = path_in(s, "sock");
    s->log = path_in(s, "log");
    s->qts = qtest_initf(
        "-M virt -d guest_errors -D %s -device virtio-serial-device "
        "-chardev file,id=c0,path=%s -device virtconsole,chardev=c0 "
        "-chardev socket,id=c1,path=%s,server=on,wait=off "
        "-device virtserialport,chardev=c1,name=org.test.sock "
        "-chardev file,id=c2,path=%s "
        "-device virtserialport,chardev=c2,name=org.test.file,nr=5 %s",
        s->log, s->con, s->sock, s->port, extra);
    qvirtio_start(&s->d, s->qts, qvirtio_find(s->qts, VIRTIO_ID_CONSOLE));
    qvirtio_run_vm(s->qts);
}

static void serial_stop(Serial *s)
{
    qtest_quit(s->qts);
    for (const char *p = "con\0port\0sock\0log\0"; *p; p += strlen(p) + 1) {
        g_autofree char *f = path_in(s, p);
        unlink(f);
    }
    rmdir(s->dir);
    g_free(s->con);
    g_free(s->port);
    g_free(s->sock);
    g_free(s->log);
    g_free(s->dir);
}

/* Post one buffer as a one-descriptor chain. */
static void post(Serial *s, int q, uint64_t addr, uint32_t len, bool write)
{
    QVirtQueue *vq = &s->vq[q];
    unsigned i = s->slot[q]++ % vq->num;

    qvirtqueue_write_desc(&s->d, vq->desc, i, addr, len,
                          write ? VDESC_F_WRITE : 0, 0);
    qvirtqueue_kick(&s->d, vq, i);
}

static void setup_queues(Serial *s, uint64_t features, int nq)
{
    g_assert_true(qvirtio_set_features(&s->d, features));
    for (int q = 0; q < nq; q++) {
        /* Port 1's queues are queues 4 and 5 whatever port it is. */
        qvirtqueue_setup(&s->d, &s->vq[q], q, NUM);
    }
    qvirtio_driver_ok(&s->d);
    s->data = qvirtio_alloc(&s->d, 1 << 16, 16);
}

/* Send one 8-byte control message and wait until the device used it. */
static void ctrl_send(Serial *s, uint32_t id, uint16_t event, uint16_t value)
{
    uint64_t a = qvirtio_alloc(&s->d, 8, 8);
    uint32_t uid, len;

    qtest_writel(s->qts, a, id);
    qtest_writew(s->qts, a + 4, event);
    qtest_writew(s->qts, a + 6, value);
    post(s, CTX, a, 8, false);
    g_assert_true(qvirtqueue_wait_used(&s->d, &s->vq[CTX], &uid, &len));
}

/* The next control message from the device; *extra gets what follows. */
static void ctrl_recv(Serial *s, uint32_t *id, uint16_t *event, uint16_t *value,
                      char *extra)
{
    uint32_t head, len;
    uint64_t a;

    g_assert_true(qvirtqueue_wait_used(&s->d, &s->vq[CRX], &head, &len));
    g_assert_cmpuint(len, >=, 8);
    g_assert_cmpuint(len, <=, CBUF);
    a = s->cbufs + (uint64_t)head * CBUF;
    *id = qtest_readl(s->qts, a);
    *event = qtest_readw(s->qts, a + 4);
    *value = qtest_readw(s->qts, a + 6);
    if (extra) {
        qtest_memread(s->qts, a + 8, extra, len - 8);
        extra[len - 8] = 0;
    }
    /* Give the buffer back. */
    qvirtqueue_write_desc(&s->d, s->vq[CRX].desc, head, a, CBUF, VDESC_F_WRITE,
                          0);
    qvirtqueue_kick(&s->d, &s->vq[CRX], head);
}

static void expect_ctrl(Serial *s, uint32_t id, uint16_t event, uint16_t value)
{
    uint32_t gid;
    uint16_t gev, gval;

    ctrl_recv(s, &gid, &gev, &gval, NULL);
    g_assert_cmpuint(gid, ==, id);
    g_assert_cmpuint(gev, ==, event);
    g_assert_cmpuint(gval, ==, value);
}

static void post_ctrl_buffers(Serial *s)
{
    s->cbufs = qvirtio_alloc(&s->d, NUM * CBUF, 16);
    for (unsigned i = 0; i < NUM; i++) {
        qvirtqueue_write_desc(&s->d, s->vq[CRX].desc, i, s->cbufs + i * CBUF,
                              CBUF, VDESC_F_WRITE, 0);
        qvirtqueue_kick(&s->d, &s->vq[CRX], i);
    }
}

/* Write text to a port's transmitq and wait until it is used. */
static void port_write(Serial *s, int q, const char *text)
{
    uint32_t id, len;

    qtest_memwrite(s->qts, s->data, text, strlen(text));
    post(s, q, s->data, strlen(text), false);
    g_assert_true(qvirtqueue_wait_used(&s->d, &s->vq[q], &id, &len));
}

static void assert_file(const char *path, const char *want)
{
    g_autofree char *text = NULL;

    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, want);
}

/* Up to the MULTIPORT handshake of 5.3.6.2 for all three ports. */
static void multiport_handshake(Serial *s)
{
    char name[CBUF];
    uint32_t id;
    uint16_t ev, val;

    setup_queues(s, F_MULTIPORT | F_EMERG_WRITE, NQ);
    post_ctrl_buffers(s);
    ctrl_send(s, 0, DEVICE_READY, 1);
    expect_ctrl(s, 0, DEVICE_ADD, 1); /* the console took port 0 */
    expect_ctrl(s, 1, DEVICE_ADD, 1); /* the first free one */
    expect_ctrl(s, 5, DEVICE_ADD, 1); /* nr=5 */
    ctrl_send(s, 0, PORT_READY, 1);
    expect_ctrl(s, 0, CONSOLE_PORT, 1);
    expect_ctrl(s, 0, PORT_OPEN, 1); /* a console is always connected */
    ctrl_send(s, 5, PORT_READY, 1);
    ctrl_recv(s, &id, &ev, &val, name);
    g_assert_cmpuint(id, ==, 5);
    g_assert_cmpuint(ev, ==, PORT_NAME);
    g_assert_cmpstr(name, ==, "org.test.file");
    expect_ctrl(s, 5, PORT_OPEN, 1); /* the file chardev is open */
    ctrl_send(s, 1, PORT_READY, 1);
    ctrl_recv(s, &id, &ev, &val, name);
    g_assert_cmpuint(id, ==, 1);
    g_assert_cmpuint(ev, ==, PORT_NAME);
    g_assert_cmpstr(name, ==, "org.test.sock");
    /* No client on the socket yet: no PORT_OPEN for port 1. */
    g_assert_cmpuint(qvirtqueue_used_idx(&s->d, &s->vq[CRX]), ==,
                     s->vq[CRX].last_used);
}

static void test_features_config(void)
{
    Serial s;

    serial_boot(&s, "");
    g_assert_true(s.d.legacy);
    /* MULTIPORT and EMERG_WRITE, and the transport's ring features. */
    g_assert_cmphex(qvirtio_device_features(&s.d), ==, 0x39000006);
    g_assert_cmpuint(qtest_readl(s.qts, s.d.base + VMMIO_CONFIG + 4), ==, 31);
    serial_stop(&s);
    serial_boot(&s, "-global virtio-serial-device.max_ports=8 "
                    "-global virtio-serial-device.emergency-write=off");
    g_assert_cmphex(qvirtio_device_features(&s.d), ==, 0x39000002);
    g_assert_cmpuint(qtest_readl(s.qts, s.d.base + VMMIO_CONFIG + 4), ==, 8);
    serial_stop(&s);
}

/* Without MULTIPORT only port 0 (the console) exists, open from the start. */
static void test_single_port(void)
{
    Serial s;

    serial_boot(&s, "");
    setup_queues(&s, 0, 2);
    port_write(&s, TX0, "hello hvc0\n");
    assert_file(s.con, "hello hvc0\n");
    assert_file(s.port, "");
    serial_stop(&s);
}

static void test_multiport(void)
{
    Serial s;

    serial_boot(&s, "");
    multiport_handshake(&s);
    port_write(&s, TX0, "to the console\n");
    /* Port 5's queues: 2 * 5 + 2 = 12 and 13. */
    qvirtqueue_setup(&s.d, &s.vq[RX1], 12, NUM);
    qvirtqueue_setup(&s.d, &s.vq[TX1], 13, NUM);
    ctrl_send(&s, 5, PORT_OPEN, 1);
    port_write(&s, TX1, "to the file port\n");
    assert_file(s.con, "to the console\n");
    assert_file(s.port, "to the file port\n");
    serial_stop(&s);
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

/* A client connects: PORT_OPEN; its bytes reach the driver's buffer. */
static void test_socket_input(void)
{
    Serial s;
    uint32_t id, len;
    char got[16] = { 0 };
    int fd;

    serial_boot(&s, "");
    multiport_handshake(&s);
    qvirtqueue_setup(&s.d, &s.vq[RX1], 4, NUM);
    qvirtqueue_setup(&s.d, &s.vq[TX1], 5, NUM);
    ctrl_send(&s, 1, PORT_OPEN, 1);
    post(&s, RX1, s.data, 64, true);
    fd = connect_unix(s.sock);
    expect_ctrl(&s, 1, PORT_OPEN, 1);
    g_assert_cmpint(write(fd, "ping", 4), ==, 4);
    g_assert_true(qvirtqueue_wait_used(&s.d, &s.vq[RX1], &id, &len));
    g_assert_cmpuint(len, ==, 4);
    qtest_memread(s.qts, s.data, got, 4);
    g_assert_cmpstr(got, ==, "ping");
    /* A posted buffer keeps the chardev reading, so it sees the EOF. */
    post(&s, RX1, s.data + 64, 64, true);
    close(fd);
    expect_ctrl(&s, 1, PORT_OPEN, 0);
    serial_stop(&s);
}

/*
 * Flow control: a buffer larger than the socket takes is not used while
 * the client does not read; once it reads, all of it arrives in order.
 */
static void test_flow_control(void)
{
    const size_t big = 4 << 20;
    g_autofree uint8_t *pat = g_malloc(big);
    g_autofree uint8_t *got = g_malloc(big);
    uint64_t buf;
    size_t have = 0;
    uint32_t id, len;
    Serial s;
    int fd;

    for (size_t i = 0; i < big; i++) {
        pat[i] = i * 7 % 251;
    }
    serial_boot(&s, "");
    multiport_handshake(&s);
    qvirtqueue_setup(&s.d, &s.vq[RX1], 4, NUM);
    qvirtqueue_setup(&s.d, &s.vq[TX1], 5, NUM);
    fd = connect_unix(s.sock);
    expect_ctrl(&s, 1, PORT_OPEN, 1);
    ctrl_send(&s, 1, PORT_OPEN, 1);
    buf = qvirtio_alloc(&s.d, big, 16);
    qtest_bufwrite(s.qts, buf, pat, big);
    post(&s, TX1, buf, big, false);
    /* More than a socket buffer: the device must be waiting. */
    g_usleep(200 * 1000);
    g_assert_cmpuint(qvirtqueue_used_idx(&s.d, &s.vq[TX1]), ==, 0);
    while (have < big) {
        ssize_t n = read(fd, got + have, big - have);

        g_assert_cmpint(n, >, 0);
        have += n;
        /* Keep the emulator's main loop turning (the qtest wire). */
        qvirtqueue_used_idx(&s.d, &s.vq[TX1]);
    }
    g_assert_true(memcmp(pat, got, big) == 0);
    g_assert_true(qvirtqueue_wait_used(&s.d, &s.vq[TX1], &id, &len));
    close(fd);
    serial_stop(&s);
}

/* 5.3.4: a write to emerg_wr goes out on port 0. */
static void test_emergency_write(void)
{
    Serial s;

    serial_boot(&s, "");
    setup_queues(&s, F_MULTIPORT | F_EMERG_WRITE, NQ);
    qtest_writel(s.qts, s.d.base + VMMIO_CONFIG + 8, 'Z');
    qtest_writel(s.qts, s.d.base + VMMIO_CONFIG + 8, '\n');
    assert_file(s.con, "Z\n");
    serial_stop(&s);
}

/* The driver misbehaves; each gets a log line and the device goes on. */
static void test_malformed_control(void)
{
    uint32_t id, len;
    uint64_t a;
    Serial s;

    serial_boot(&s, "");
    multiport_handshake(&s);
    ctrl_send(&s, 77, PORT_READY, 1);        /* no such port */
    ctrl_send(&s, 0xffffffff, PORT_OPEN, 1); /* no such port */
    ctrl_send(&s, 0, 99, 1);                 /* unknown event */
    ctrl_send(&s, 0, CONSOLE_PORT, 1);       /* the device's event */
    ctrl_send(&s, 0, DEVICE_READY, 0);       /* driver failed */
    a = qvirtio_alloc(&s.d, 8, 8);
    post(&s, CTX, a, 4, false); /* short message */
    g_assert_true(qvirtqueue_wait_used(&s.d, &s.vq[CTX], &id, &len));
    ctrl_send(&s, 0, PORT_OPEN, 1);
    post(&s, RX0, a, 8, false); /* no writable part */
    g_assert_true(qvirtqueue_wait_used(&s.d, &s.vq[RX0], &id, &len));
    g_assert_cmpuint(len, ==, 0);
    /* Still working: the console takes output. */
    port_write(&s, TX0, "still here\n");
    assert_file(s.con, "still here\n");
    g_assert_cmphex(qvirtio_status(&s.d) & VSTATUS_NEEDS_RESET, ==, 0);
    qvirtio_assert_logged(s.log, "control event 3 for port 77\0"
                                 "control event 6 for port 4294967295\0"
                                 "unexpected control event 99\0"
                                 "unexpected control event 4\0"
                                 "driver failed to initialise\0"
                                 "control message of 4 bytes\0"
                                 "receive buffer with no writable part\0");
    serial_stop(&s);
}

/* A control receive buffer too small for PORT_NAME: logged, length 0. */
static void test_short_ctrl_buffer(void)
{
    uint32_t head, len;
    Serial s;

    serial_boot(&s, "");
    setup_queues(&s, F_MULTIPORT, NQ);
    s.cbufs = qvirtio_alloc(&s.d, CBUF, 16);
    qvirtqueue_write_desc(&s.d, s.vq[CRX].desc, 0, s.cbufs, 4, VDESC_F_WRITE,
                          0);
    qvirtqueue_kick(&s.d, &s.vq[CRX], 0);
    ctrl_send(&s, 0, DEVICE_READY, 1);
    g_assert_true(qvirtqueue_wait_used(&s.d, &s.vq[CRX], &head, &len));
    g_assert_cmpuint(len, ==, 0);
    qvirtio_assert_logged(s.log, "shorter than the 8-byte message\0");
    serial_stop(&s);
}

static void test_cli_errors(void)
{
    static const char *const cases[] = {
        "-device virtconsole",
        "No 'virtio-serial-bus' bus found for device 'virtconsole'",
        "-device virtio-serial-device -device virtserialport,nr=0",
        "Port number 0 on virtio-serial devices reserved for virtconsole",
        "-device virtio-serial-device,max_ports=2 "
        "-device virtserialport,nr=2",
        "Out-of-range port id specified, max. allowed: 1",
        "-device virtio-serial-device -device virtserialport,name=a "
        "-device virtserialport,name=a",
        "A port already exists by name a",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i += 2) {
        g_autofree char *args = g_strdup_printf("-M virt %s", cases[i]);
        g_autofree char *out = NULL, *err = NULL;

        g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
        if (!strstr(err, cases[i + 1])) {
            g_error("%s: expected \"%s\" in:\n%s", cases[i], cases[i + 1], err);
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-serial/features-config", test_features_config);
    qtest_add_func("/virtio-serial/single-port", test_single_port);
    qtest_add_func("/virtio-serial/multiport", test_multiport);
    qtest_add_func("/virtio-serial/socket-input", test_socket_input);
    qtest_add_func("/virtio-serial/flow-control", test_flow_control);
    qtest_add_func("/virtio-serial/emergency-write", test_emergency_write);
    qtest_add_func("/virtio-serial/cli-errors", test_cli_errors);
    if (qtest_has_accel()) {
        /* Ours only: QEMU 7.2's log lines differ. */
        qtest_add_func("/virtio-serial/malformed-control",
                       test_malformed_control);
        qtest_add_func("/virtio-serial/short-ctrl-buffer",
                       test_short_ctrl_buffer);
    }
    return g_test_run();
}

/*
 * virtio-net-device on -netdev user (slirp), driven by hand through
 * virtio-mmio: features, the MAC and link status in config space, an ARP
 * request and a DHCP DISCOVER answered by slirp into the receive ring
 * (one buffer, or several with MRG_RXBUF), a frame waiting for buffers,
 * headers and frames split across descriptors, and set_link with its
 * config interrupt, and a main loop that sleeps while slirp has a socket
 * open, also beside a GLib idle callback (a mux chardev's start-up). QEMU
 * 7.2 does the same (qtests_both).
 */
#include "libvirtio-net.h"
#include <stdio.h>
#include <unistd.h>

#define NETDEV     "-netdev user,id=n0 "
#define MODERN     "-global virtio-mmio.force-legacy=false "
#define DEV        "-device virtio-net-device,netdev=n0"
#define ISR_CONFIG 2

static void test_features(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1);
    uint64_t f = qvirtio_device_features(&n.d);

    g_assert_cmphex(f & (VNET_F_MAC | VNET_F_STATUS | VNET_F_MRG_RXBUF |
                         VF_VERSION_1 | VF_EVENT_IDX | VF_INDIRECT_DESC),
                    ==,
                    VNET_F_MAC | VNET_F_STATUS | VNET_F_MRG_RXBUF |
                        VF_VERSION_1 | VF_EVENT_IDX | VF_INDIRECT_DESC);
    if (qtest_has_accel()) {
        /*
         * Ours offers no offloads and no control queue: MAC, MRG_RXBUF,
         * STATUS, INDIRECT_DESC, EVENT_IDX, VERSION_1, RING_RESET.
         */
        g_assert_cmphex(f, ==, 0x10130018020ull);
    }
    qtest_quit(qts);
}

static void test_config(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(
        &n, NETDEV "-device virtio-net-device,netdev=n0,mac=02:00:00:aa:bb:cc",
        0);
    static const uint8_t want[6] = { 0x02, 0x00, 0x00, 0xaa, 0xbb, 0xcc };

    for (int i = 0; i < 6; i++) {
        g_assert_cmphex(
            qtest_readb(qts, n.d.base + VMMIO_CONFIG + VNET_CFG_MAC + i), ==,
            want[i]);
    }
    g_assert_cmphex(qtest_readw(qts, n.d.base + VMMIO_CONFIG + VNET_CFG_STATUS),
                    ==, VNET_S_LINK_UP);
    qtest_quit(qts);
}

/* Send an ARP request for 10.0.2.2 and read slirp's reply. */
static void arp_roundtrip(QVirtioNet *n, const unsigned *split)
{
    uint8_t frame[600];
    uint16_t nb;
    int len;

    qvnet_send(n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               split);
    g_assert_cmpuint(qvnet_wait_tx(n), ==, 0);
    len = qvnet_recv(n, frame, sizeof(frame), &nb);
    g_assert_cmpint(len, >=, ETH_HLEN + 28);
    g_assert_true(
        qvnet_is_gateway_arp_reply(frame, len, (const uint8_t *)VNET_MAC));
}

static void test_arp_legacy(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, NETDEV DEV, 0);

    g_assert_true(n.d.legacy);
    qvnet_post_rx(&n, 4, 2048);
    arp_roundtrip(&n, NULL);
    qtest_quit(qts);
}

static void test_arp_modern(void)
{
    QVirtioNet n;
    QTestState *qts =
        qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1 | VF_EVENT_IDX);

    qvnet_post_rx(&n, 4, 2048);
    arp_roundtrip(&n, NULL);
    arp_roundtrip(&n, NULL);
    qtest_quit(qts);
}

/* Header and frame split anywhere: 5 + 7 bytes of header, then pieces. */
static void test_arp_split(void)
{
    static const unsigned split[] = { 5, 12, 13, 30, 0 };
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1);

    qvnet_post_rx(&n, 4, 2048);
    arp_roundtrip(&n, split);
    qtest_quit(qts);
}

/* The reply waits until the driver gives a buffer. */
static void test_rx_waits_for_buffers(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1);
    uint8_t frame[600];
    uint16_t nb;
    int len;

    qvnet_send(&n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    g_assert_cmpuint(qvnet_wait_tx(&n), ==, 0);
    g_assert_cmpuint(qvirtqueue_used_idx(&n.d, &n.rx), ==, 0);
    qvnet_post_rx(&n, 1, 2048);
    len = qvnet_recv(&n, frame, sizeof(frame), &nb);
    g_assert_true(
        qvnet_is_gateway_arp_reply(frame, len, (const uint8_t *)VNET_MAC));
    qtest_quit(qts);
}

/* With MRG_RXBUF a frame spreads over small buffers (5.1.6.4). */
static void test_mergeable(void)
{
    QVirtioNet n;
    QTestState *qts =
        qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1 | VNET_F_MRG_RXBUF);
    uint8_t frame[600];
    uint16_t nb;
    int len;

    qvnet_post_rx(&n, 8, 32);
    qvnet_send(&n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    len = qvnet_recv(&n, frame, sizeof(frame), &nb);
    g_assert_cmpuint(nb, >=, 2);
    g_assert_true(
        qvnet_is_gateway_arp_reply(frame, len, (const uint8_t *)VNET_MAC));
    qtest_quit(qts);
}

/* slirp's DHCP server offers 10.0.2.15 (RFC 2131 DHCPOFFER). */
static void test_dhcp(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1);
    uint8_t frame[2048];
    const uint8_t *bp = frame + ETH_HLEN + 20 + 8;
    uint16_t nb;
    int len;

    qvnet_post_rx(&n, 4, 2048);
    qvnet_send(&n, frame, qvnet_dhcp_discover(frame, (const uint8_t *)VNET_MAC),
               NULL);
    len = qvnet_recv(&n, frame, sizeof(frame), &nb);
    g_assert_cmpint(len, >=, ETH_HLEN + 20 + 8 + 240);
    g_assert_cmphex(frame[12] << 8 | frame[13], ==, 0x0800);
    g_assert_cmpuint(frame[ETH_HLEN + 9], ==, 17); /* UDP */
    g_assert_cmpuint(bp[0], ==, 2);                /* BOOTREPLY */
    g_assert_cmpmem(bp + 4, 4, "\x12\x34\x56\x78", 4);
    g_assert_cmpmem(bp + 16, 4, "\x0a\x00\x02\x0f", 4); /* yiaddr */
    g_assert_cmpmem(bp + 236, 4, "\x63\x82\x53\x63", 4);
    qtest_quit(qts);
}

static uint16_t link_status(QVirtioNet *n)
{
    return qtest_readw(n->qts, n->d.base + VMMIO_CONFIG + VNET_CFG_STATUS);
}

static void set_link(QVirtioNet *n, const char *name, bool up)
{
    JsonObject *r = qtest_qmp(n->qts,
                              "{\"execute\": \"set_link\", \"arguments\": "
                              "{\"name\": \"%s\", \"up\": %s}}",
                              name, up ? "true" : "false");

    g_assert_false(qmp_has_error(r));
    json_object_unref(r);
}

/* set_link: the STATUS bit follows, each change a config interrupt. */
static void test_set_link(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(
        &n, MODERN NETDEV "-device virtio-net-device,netdev=n0,id=nic0",
        VF_VERSION_1 | VNET_F_STATUS);
    uint32_t gen = qtest_readl(qts, n.d.base + VMMIO_CONFIG_GEN);
    JsonObject *r;

    set_link(&n, "n0", false);
    g_assert_cmphex(link_status(&n), ==, 0);
    g_assert_cmphex(qtest_readl(qts, n.d.base + VMMIO_INTERRUPT_STATUS) &
                        ISR_CONFIG,
                    ==, ISR_CONFIG);
    g_assert_cmpuint(qtest_readl(qts, n.d.base + VMMIO_CONFIG_GEN), !=, gen);
    qtest_writel(qts, n.d.base + VMMIO_INTERRUPT_ACK, 3);
    /* The NIC's own name works too. */
    set_link(&n, "nic0", true);
    g_assert_cmphex(link_status(&n), ==, VNET_S_LINK_UP);
    g_assert_cmphex(qtest_readl(qts, n.d.base + VMMIO_INTERRUPT_STATUS) &
                        ISR_CONFIG,
                    ==, ISR_CONFIG);
    r = qtest_qmp(qts, "{\"execute\": \"set_link\", \"arguments\": "
                       "{\"name\": \"nope\", \"up\": true}}");
    g_assert_cmpstr(qmp_error_class(r), ==, "DeviceNotFound");
    json_object_unref(r);
    qtest_quit(qts);
}

/* While the link is down, frames are lost both ways. */
static void test_link_down_drops(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n, MODERN NETDEV DEV, VF_VERSION_1);
    uint8_t frame[600];

    qvnet_post_rx(&n, 4, 2048);
    set_link(&n, "n0", false);
    qvnet_send(&n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    g_assert_cmpuint(qvnet_wait_tx(&n), ==, 0);
    set_link(&n, "n0", true);
    arp_roundtrip(&n, NULL);
    /* The one reply came from the frame sent with the link up. */
    g_assert_cmpuint(qvirtqueue_used_idx(&n.d, &n.rx), ==, 1);
    qtest_quit(qts);
}

static void test_info_network(void)
{
    QTestState *qts =
        qtest_init("-M virt " NETDEV
                   "-device virtio-net-device,netdev=n0,mac=52:54:00:12:34:99");
    g_autofree char *out = qtest_hmp(qts, "info network");

    g_assert_nonnull(strstr(out, "virtio-net-device.0: index=0,type=nic,"
                                 "model=virtio-net-device,"
                                 "macaddr=52:54:00:12:34:99"));
    g_assert_nonnull(
        strstr(out, " \\ n0: index=0,type=user,net=10.0.2.0,restrict=off"));
    qtest_quit(qts);
}

/* The write system calls the emulator has made so far (proc(5)). */
static unsigned long emulator_writes(QTestState *qts)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/io", qtest_pid(qts));
    g_autofree char *io = NULL;
    const char *p;

    g_assert_true(g_file_get_contents(path, &io, NULL, NULL));
    p = strstr(io, "syscw: ");
    g_assert_nonnull(p);
    return strtoul(p + 7, NULL, 10);
}

/*
 * With a socket open in slirp (a hostfwd listener) and nothing to do, the
 * emulator sleeps: its main loop must not wake itself up (a write to its
 * wakeup eventfd) every iteration. Counted in system calls, not CPU time,
 * which a busy host would hold down.
 */
static void test_idle_with_socket(void)
{
    QVirtioNet n;
    QTestState *qts =
        qvnet_start(&n,
                    "-netdev user,id=n0,hostfwd=tcp:127.0.0.1:0-:22 "
                    "-device virtio-net-device,netdev=n0",
                    0);
    unsigned long before = emulator_writes(qts);

    g_usleep(2 * G_USEC_PER_SEC);
    g_assert_cmpuint(emulator_writes(qts) - before, <, 100);
    qtest_quit(qts);
}

/*
 * The CPU time of the emulator's main thread so far, in clock ticks
 * (proc(5)); without the vCPU threads, which run guest code where the
 * accelerator is not qtest (QEMU 7.2's).
 */
static unsigned long main_thread_cpu_ticks(QTestState *qts)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/task/%d/stat",
                                            qtest_pid(qts), qtest_pid(qts));
    g_autofree char *stat = NULL;
    unsigned long utime, stime;
    const char *p;

    g_assert_true(g_file_get_contents(path, &stat, NULL, NULL));
    p = strrchr(stat, ')'); /* after the command name, which may hold spaces */
    g_assert_nonnull(p);
    /* Fields 3 to 13 come first, then utime (14) and stime (15). */
    g_assert_cmpint(sscanf(p + 2,
                           "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
                           "%lu %lu",
                           &utime, &stime),
                    ==, 2);
    return utime + stime;
}

/*
 * A mux chardev (-nographic's) finishes its start-up in a GLib idle
 * callback, below every other priority. Slirp's polling must not keep it
 * from running: an idle callback that is ready but never dispatched makes
 * GLib ask for a poll timeout of 0, and the main loop spun a host core
 * from start-up on (and the monitor never opened behind C-a c). Two idle
 * seconds cost the main loop's thread next to no CPU time.
 */
static void test_idle_with_mux(void)
{
    QVirtioNet n;
    QTestState *qts = qvnet_start(&n,
                                  "-chardev null,id=c0,mux=on "
                                  "-serial chardev:c0 -mon chardev=c0 "
                                  "-netdev user,id=n0 "
                                  "-device virtio-net-device,netdev=n0",
                                  0);
    unsigned long before = main_thread_cpu_ticks(qts);

    g_usleep(2 * G_USEC_PER_SEC);
    /* Under a quarter of a second in two; spinning took nearly all. */
    g_assert_cmpuint(main_thread_cpu_ticks(qts) - before, <,
                     sysconf(_SC_CLK_TCK) / 4);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-net/features", test_features);
    qtest_add_func("/virtio-net/config", test_config);
    qtest_add_func("/virtio-net/arp/legacy", test_arp_legacy);
    qtest_add_func("/virtio-net/arp/modern", test_arp_modern);
    qtest_add_func("/virtio-net/arp/split", test_arp_split);
    qtest_add_func("/virtio-net/rx-waits-for-buffers",
                   test_rx_waits_for_buffers);
    qtest_add_func("/virtio-net/mergeable", test_mergeable);
    qtest_add_func("/virtio-net/dhcp", test_dhcp);
    qtest_add_func("/virtio-net/set-link", test_set_link);
    qtest_add_func("/virtio-net/link-down-drops", test_link_down_drops);
    qtest_add_func("/virtio-net/info-network", test_info_network);
    qtest_add_func("/virtio-net/idle-with-socket", test_idle_with_socket);
    qtest_add_func("/virtio-net/idle-with-mux", test_idle_with_mux);
    return g_test_run();
}

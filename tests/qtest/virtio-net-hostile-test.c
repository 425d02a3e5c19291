/*
 * virtio-net-device against a hostile driver: transmit chains that are
 * empty, oversized, headerless, with writable buffers, asking for offloads
 * that were not offered, or pointing outside RAM; receive buffers too
 * small or outside RAM. A bad frame is dropped (used with length 0) and
 * the device goes on; a chain it cannot go on from breaks the device
 * (DEVICE_NEEDS_RESET), as the core's rules say. Ours only: the checks
 * read -d guest_errors lines, and QEMU 7.2 breaks the device on a small
 * receive buffer where we drop the frame.
 */
#include "libvirtio-net.h"

#define START                                                    \
    "-global virtio-mmio.force-legacy=false -netdev user,id=n0 " \
    "-device virtio-net-device,netdev=n0 -d guest_errors -D %s"

typedef struct Fixture {
    QVirtioNet n;
    QTestState *qts;
    char *log;
} Fixture;

static void start(Fixture *f, uint64_t features)
{
    g_autofree char *extra = NULL;
    int fd;

    fd = g_file_open_tmp("virtio-net-log-XXXXXX", &f->log, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    extra = g_strdup_printf(START, f->log);
    f->qts = qvnet_start(&f->n, extra, VF_VERSION_1 | features);
}

static void finish(Fixture *f)
{
    qtest_quit(f->qts);
    unlink(f->log);
    g_free(f->log);
}

/* text is in the guest_errors log. */
static void assert_logged(Fixture *f, const char *text)
{
    g_autofree char *want = g_strdup_printf("%s%c", text, 0);

    qvirtio_assert_logged(f->log, want);
}

static bool needs_reset(Fixture *f)
{
    return qvirtio_status(&f->n.d) & VSTATUS_NEEDS_RESET;
}

/* The device still works: an ARP request gets its reply. */
static void assert_alive(Fixture *f)
{
    uint8_t frame[600];
    uint16_t nb;
    int len;

    g_assert_false(needs_reset(f));
    qvnet_post_rx(&f->n, 1, 2048);
    qvnet_send(&f->n, frame,
               qvnet_arp_request(frame, (const uint8_t *)VNET_MAC), NULL);
    g_assert_cmpuint(qvnet_wait_tx(&f->n), ==, 0);
    len = qvnet_recv(&f->n, frame, sizeof(frame), &nb);
    g_assert_true(
        qvnet_is_gateway_arp_reply(frame, len, (const uint8_t *)VNET_MAC));
}

/* One TX chain of the given descriptors (addr, len, flags). */
static void send_chain(Fixture *f, const uint64_t (*d)[3], unsigned count)
{
    QVirtioNet *n = &f->n;
    unsigned head = n->tx_next % VNET_QUEUE_SIZE;

    for (unsigned i = 0; i < count; i++) {
        unsigned id = n->tx_next++ % VNET_QUEUE_SIZE;
        bool last = i == count - 1;

        qvirtqueue_write_desc(&n->d, n->tx.desc, id, d[i][0], d[i][1],
                              d[i][2] | (last ? 0 : VDESC_F_NEXT),
                              (id + 1) % VNET_QUEUE_SIZE);
    }
    qvirtqueue_kick(&n->d, &n->tx, head);
}

/* A zeroed header and an ARP request in guest memory; its address. */
static uint64_t arp_in_guest(Fixture *f, size_t *len)
{
    uint8_t frame[600];
    uint64_t buf;

    *len = qvnet_arp_request(frame, (const uint8_t *)VNET_MAC);
    buf = qvirtio_alloc(&f->n.d, 12 + *len, 16);
    qtest_memwrite(f->qts, buf + 12, frame, *len);
    return buf;
}

static void test_tx_empty_frame(void)
{
    Fixture f;
    uint64_t hdr;

    start(&f, 0);
    hdr = qvirtio_alloc(&f.n.d, 12, 16);
    send_chain(&f, (const uint64_t[][3]){ { hdr, 12, 0 } }, 1);
    g_assert_cmpuint(qvnet_wait_tx(&f.n), ==, 0);
    assert_logged(&f, "TX frame dropped: empty frame");
    assert_alive(&f);
    finish(&f);
}

/* 12 + 65536 bytes: one more than the largest frame. */
static void test_tx_oversized(void)
{
    Fixture f;
    uint64_t buf;

    start(&f, 0);
    buf = qvirtio_alloc(&f.n.d, 12 + 65536, 16);
    send_chain(&f, (const uint64_t[][3]){ { buf, 12 + 65536, 0 } }, 1);
    g_assert_cmpuint(qvnet_wait_tx(&f.n), ==, 0);
    assert_logged(&f, "TX frame dropped: oversized frame");
    assert_alive(&f);
    finish(&f);
}

/* A device-writable buffer has no place in a transmit chain. */
static void test_tx_writable(void)
{
    Fixture f;
    size_t len;
    uint64_t buf;

    start(&f, 0);
    buf = arp_in_guest(&f, &len);
    send_chain(&f,
               (const uint64_t[][3]){ { buf, 12 + len, 0 },
                                      { buf, 16, VDESC_F_WRITE } },
               2);
    g_assert_cmpuint(qvnet_wait_tx(&f.n), ==, 0);
    assert_logged(&f, "device-writable buffers in the chain");
    assert_alive(&f);
    finish(&f);
}

/* 5.1.6.2.1: GSO and NEEDS_CSUM were not offered. */
static void test_tx_offload(void)
{
    Fixture f;
    size_t len;
    uint64_t buf;

    start(&f, 0);
    buf = arp_in_guest(&f, &len);
    qtest_writeb(f.qts, buf + 1, 1); /* GSO_TCPV4 */
    send_chain(&f, (const uint64_t[][3]){ { buf, 12 + len, 0 } }, 1);
    g_assert_cmpuint(qvnet_wait_tx(&f.n), ==, 0);
    assert_logged(&f, "offload requested in the header");
    g_assert_cmpuint(qvirtqueue_used_idx(&f.n.d, &f.n.rx), ==, 0);
    assert_alive(&f);
    finish(&f);
}

/* Fewer bytes than a header: the device breaks, as QEMU's. */
static void test_tx_short_header(void)
{
    Fixture f;
    uint64_t buf;

    start(&f, 0);
    buf = qvirtio_alloc(&f.n.d, 16, 16);
    send_chain(&f, (const uint64_t[][3]){ { buf, 5, 0 } }, 1);
    for (int i = 0; i < 500 && !needs_reset(&f); i++) {
        g_usleep(1000);
    }
    g_assert_true(needs_reset(&f));
    assert_logged(&f, "has no header");
    finish(&f);
}

/* Data in the UART's MMIO, and beyond the end of RAM. */
static void test_tx_outside_ram(void)
{
    static const uint64_t where[] = { 0x10000000ull,
                                      0x80000000ull + 0x8000000 };

    for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
        Fixture f;
        uint64_t hdr;

        start(&f, 0);
        hdr = qvirtio_alloc(&f.n.d, 12, 16);
        send_chain(&f,
                   (const uint64_t[][3]){ { hdr, 12, 0 }, { where[i], 64, 0 } },
                   2);
        for (int t = 0; t < 500 && !needs_reset(&f); t++) {
            g_usleep(1000);
        }
        g_assert_true(needs_reset(&f));
        finish(&f);
    }
}

/* A receive buffer smaller than header + frame: the frame is dropped. */
static void test_rx_too_small(void)
{
    Fixture f;
    uint8_t frame[600];
    uint16_t nb;
    uint32_t id, len;

    start(&f, 0);
    qvnet_post_rx(&f.n, 1, 20);
    qvnet_send(&f.n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    g_assert_true(qvirtqueue_wait_used(&f.n.d, &f.n.rx, &id, &len));
    g_assert_cmpuint(len, ==, 0);
    assert_logged(&f, "too small");
    g_assert_false(needs_reset(&f));
    qvnet_post_rx(&f.n, 1, 2048);
    qvnet_send(&f.n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    g_assert_cmpint(qvnet_recv(&f.n, frame, sizeof(frame), &nb), >, 0);
    finish(&f);
}

/* 5.1.6.3.1: with MRG_RXBUF the first buffer must hold the header. */
static void test_rx_mergeable_no_room_for_header(void)
{
    Fixture f;
    uint8_t frame[600];
    uint32_t id, len;

    start(&f, VNET_F_MRG_RXBUF);
    qvnet_post_rx(&f.n, 1, 8);
    qvnet_post_rx(&f.n, 3, 2048);
    qvnet_send(&f.n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    g_assert_true(qvirtqueue_wait_used(&f.n.d, &f.n.rx, &id, &len));
    g_assert_cmpuint(id, ==, 0);
    g_assert_cmpuint(len, ==, 0);
    assert_logged(&f, "too small");
    g_assert_false(needs_reset(&f));
    finish(&f);
}

static void test_rx_outside_ram(void)
{
    Fixture f;
    uint8_t frame[600];

    start(&f, 0);
    qvirtqueue_write_desc(&f.n.d, f.n.rx.desc, 0, 0x0, 2048, VDESC_F_WRITE, 0);
    qvirtqueue_kick(&f.n.d, &f.n.rx, 0);
    qvnet_send(&f.n, frame, qvnet_arp_request(frame, (const uint8_t *)VNET_MAC),
               NULL);
    for (int t = 0; t < 500 && !needs_reset(&f); t++) {
        g_usleep(1000);
    }
    g_assert_true(needs_reset(&f));
    g_assert_cmpuint(qvirtqueue_used_idx(&f.n.d, &f.n.rx), ==, 0);
    finish(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-net-hostile/tx/empty-frame", test_tx_empty_frame);
    qtest_add_func("/virtio-net-hostile/tx/oversized", test_tx_oversized);
    qtest_add_func("/virtio-net-hostile/tx/writable", test_tx_writable);
    qtest_add_func("/virtio-net-hostile/tx/offload", test_tx_offload);
    qtest_add_func("/virtio-net-hostile/tx/short-header", test_tx_short_header);
    qtest_add_func("/virtio-net-hostile/tx/outside-ram", test_tx_outside_ram);
    qtest_add_func("/virtio-net-hostile/rx/too-small", test_rx_too_small);
    qtest_add_func("/virtio-net-hostile/rx/mergeable-no-room-for-header",
                   test_rx_mergeable_no_room_for_header);
    qtest_add_func("/virtio-net-hostile/rx/outside-ram", test_rx_outside_ram);
    return g_test_run();
}

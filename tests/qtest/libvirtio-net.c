/*
 * The qtest virtio-net driver (see libvirtio-net.h).
 */
#include "libvirtio-net.h"

#define TX_BUF_SIZE 2048

QTestState *qvnet_start(QVirtioNet *n, const char *extra, uint64_t features)
{
    QTestState *qts = qtest_initf("-M virt %s", extra);
    uint64_t base = qvirtio_find(qts, VIRTIO_ID_NET);

    memset(n, 0, sizeof(*n));
    g_assert_cmphex(base, !=, 0);
    n->qts = qts;
    qvirtio_start(&n->d, qts, base);
    qvirtio_run_vm(qts);
    g_assert_true(qvirtio_set_features(&n->d, features));
    /* 5.1.6: 12 bytes, 10 for a legacy driver without MRG_RXBUF. */
    n->hdr_len = (features & (VF_VERSION_1 | VNET_F_MRG_RXBUF)) ? 12 : 10;
    qvirtqueue_setup(&n->d, &n->rx, 0, VNET_QUEUE_SIZE);
    qvirtqueue_setup(&n->d, &n->tx, 1, VNET_QUEUE_SIZE);
    qvirtio_driver_ok(&n->d);
    return qts;
}

void qvnet_post_rx(QVirtioNet *n, unsigned count, uint32_t size)
{
    for (unsigned i = 0; i < count; i++) {
        unsigned id = n->rx_next++ % VNET_QUEUE_SIZE;

        n->rx_addr[id] = qvirtio_alloc(&n->d, size, 16);
        qvirtqueue_write_desc(&n->d, n->rx.desc, id, n->rx_addr[id], size,
                              VDESC_F_WRITE, 0);
        qvirtqueue_kick(&n->d, &n->rx, id);
    }
}

uint16_t qvnet_send(QVirtioNet *n, const uint8_t *frame, size_t len,
                    const unsigned *split)
{
    size_t total = n->hdr_len + len;
    g_autofree uint8_t *data = g_malloc0(total);
    uint64_t buf = qvirtio_alloc(&n->d, total, 16);
    unsigned cuts[8] = { n->hdr_len, 0 };
    unsigned ncuts = 0, head = n->tx_next % VNET_QUEUE_SIZE, start = 0;

    memcpy(data + n->hdr_len, frame, len);
    qtest_memwrite(n->qts, buf, data, total);
    if (split) {
        for (; split[ncuts] && ncuts < 7; ncuts++) {
            cuts[ncuts] = split[ncuts];
        }
    } else {
        ncuts = 1;
    }
    cuts[ncuts] = total;
    for (unsigned i = 0; i <= ncuts; i++) {
        unsigned id = n->tx_next++ % VNET_QUEUE_SIZE;
        bool last = i == ncuts;

        qvirtqueue_write_desc(&n->d, n->tx.desc, id, buf + start,
                              cuts[i] - start, last ? 0 : VDESC_F_NEXT,
                              last ? 0 : (id + 1) % VNET_QUEUE_SIZE);
        start = cuts[i];
    }
    qvirtqueue_kick(&n->d, &n->tx, head);
    return head;
}

uint32_t qvnet_wait_tx(QVirtioNet *n)
{
    uint32_t id, len;

    g_assert_true(qvirtqueue_wait_used(&n->d, &n->tx, &id, &len));
    return len;
}

int qvnet_recv(QVirtioNet *n, uint8_t *buf, size_t size, uint16_t *num_buffers)
{
    uint32_t id, len;
    uint8_t hdr[12];
    size_t got = 0;
    uint16_t nb;

    if (!qvirtqueue_wait_used(&n->d, &n->rx, &id, &len)) {
        return -1;
    }
    g_assert_cmpuint(id, <, VNET_QUEUE_SIZE);
    g_assert_cmpuint(len, >=, n->hdr_len);
    qtest_memread(n->qts, n->rx_addr[id], hdr, n->hdr_len);
    nb = n->hdr_len == 12
             ? hdr[VNET_HDR_NUM_BUFS] | hdr[VNET_HDR_NUM_BUFS + 1] << 8
             : 1;
    *num_buffers = nb;
    got = MIN(size, len - n->hdr_len);
    qtest_memread(n->qts, n->rx_addr[id] + n->hdr_len, buf, got);
    for (unsigned i = 1; i < nb; i++) {
        size_t take;

        g_assert_true(qvirtqueue_wait_used(&n->d, &n->rx, &id, &len));
        take = MIN(size - got, len);
        qtest_memread(n->qts, n->rx_addr[id], buf + got, take);
        got += take;
    }
    return got;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v;
}

static void eth_header(uint8_t *buf, const uint8_t *dst, const uint8_t *src,
                       uint16_t type)
{
    memcpy(buf, dst, 6);
    memcpy(buf + 6, src, 6);
    put16(buf + 12, type);
}

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t guest_ip[4] = { 10, 0, 2, 15 };
static const uint8_t gateway_ip[4] = { 10, 0, 2, 2 };

size_t qvnet_arp_request(uint8_t *buf, const uint8_t *mac)
{
    uint8_t *a = buf + ETH_HLEN;

    memset(buf, 0, ETH_HLEN + 28);
    eth_header(buf, broadcast, mac, 0x0806);
    put16(a, 1);         /* Ethernet */
    put16(a + 2, 0x800); /* IPv4 */
    a[4] = 6;
    a[5] = 4;
    put16(a + 6, 1); /* request */
    memcpy(a + 8, mac, 6);
    memcpy(a + 14, guest_ip, 4);
    memcpy(a + 24, gateway_ip, 4);
    return ETH_HLEN + 28;
}

bool qvnet_is_gateway_arp_reply(const uint8_t *f, int len, const uint8_t *mac)
{
    const uint8_t *a = f + ETH_HLEN;

    return len >= ETH_HLEN + 28 && !memcmp(f, mac, 6) && f[12] == 0x08 &&
           f[13] == 0x06 && a[6] == 0 && a[7] == 2 &&
           !memcmp(a + 8, VNET_GATEWAY_MAC, 6) &&
           !memcmp(a + 14, gateway_ip, 4) && !memcmp(a + 18, mac, 6);
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i < len; i += 2) {
        sum += p[i] << 8 | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

/*
 * A BOOTP/DHCP DISCOVER (RFC 2131) from 0.0.0.0:68 to the broadcast
 * address:67, padded to the 576 bytes of IP a BOOTP packet has.
 */
size_t qvnet_dhcp_discover(uint8_t *buf, const uint8_t *mac)
{
    const size_t ip_len = 576;
    uint8_t *ip = buf + ETH_HLEN, *udp = ip + 20, *bp = udp + 8;
    static const uint8_t options[] = { 0x63, 0x82, 0x53, 0x63, /* cookie */
                                       53,   1,    1,    /* DISCOVER */ 255 };

    memset(buf, 0, ETH_HLEN + ip_len);
    eth_header(buf, broadcast, mac, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, ip_len);
    ip[8] = 64;
    ip[9] = 17; /* UDP */
    memset(ip + 16, 0xff, 4);
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, ip_len - 20); /* no UDP checksum */
    bp[0] = 1;                   /* BOOTREQUEST */
    bp[1] = 1;
    bp[2] = 6;
    memcpy(bp + 4, "\x12\x34\x56\x78", 4); /* xid */
    memcpy(bp + 28, mac, 6);
    memcpy(bp + 236, options, sizeof(options));
    return ETH_HLEN + ip_len;
}

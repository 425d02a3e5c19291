/*
 * A virtio-net driver for qtests, on libvirtio: a receive and a transmit
 * queue, buffers posted by hand, and the frames the tests send to slirp
 * (an ARP request for the gateway, a DHCP DISCOVER).
 */
#ifndef LIBVIRTIO_NET_H
#define LIBVIRTIO_NET_H

#include "libvirtio.h"

#define VIRTIO_ID_NET     1
#define VNET_F_MAC        (1ull << 5)
#define VNET_F_MRG_RXBUF  (1ull << 15)
#define VNET_F_STATUS     (1ull << 16)
#define VNET_S_LINK_UP    1
#define VNET_CFG_MAC      0
#define VNET_CFG_STATUS   6
#define VNET_QUEUE_SIZE   256
#define VNET_HDR_NUM_BUFS 10
#define VNET_GATEWAY_MAC  "\x52\x55\x0a\x00\x02\x02" /* slirp's */
#define VNET_MAC          "\x52\x54\x00\x12\x34\x56"
#define ETH_HLEN          14

typedef struct QVirtioNet {
    QVirtioDev d;
    QTestState *qts;
    QVirtQueue rx, tx;
    unsigned hdr_len;
    uint64_t rx_addr[VNET_QUEUE_SIZE]; /* buffer of each RX descriptor */
    unsigned rx_next, tx_next;         /* next free descriptor */
} QVirtioNet;

/*
 * Start the machine with extra (which must create the device), negotiate
 * features (VERSION_1 among them means the modern layout), set up both
 * queues and DRIVER_OK.
 */
QTestState *qvnet_start(QVirtioNet *n, const char *extra, uint64_t features);
/* Post count device-writable buffers of size bytes on the RX queue. */
void qvnet_post_rx(QVirtioNet *n, unsigned count, uint32_t size);
/*
 * Send frame behind a zeroed header, as a chain of segments: split lists
 * the byte offsets (into header + frame) where a new descriptor starts,
 * ended by 0; NULL for header and frame in one descriptor each. Returns
 * the head descriptor.
 */
uint16_t qvnet_send(QVirtioNet *n, const uint8_t *frame, size_t len,
                    const unsigned *split);
/* Wait for the TX used entry of the next chain; its length. */
uint32_t qvnet_wait_tx(QVirtioNet *n);
/*
 * Wait for the next received frame, in one buffer or (num_buffers) more:
 * copy up to size bytes of it (without the header) to buf; returns its
 * length, or -1 on timeout. *num_buffers gets the header's field.
 */
int qvnet_recv(QVirtioNet *n, uint8_t *buf, size_t size, uint16_t *num_buffers);

/* Frames (return their length; buf holds at least 600 bytes). */
size_t qvnet_arp_request(uint8_t *buf, const uint8_t *mac);
size_t qvnet_dhcp_discover(uint8_t *buf, const uint8_t *mac);
/* Is frame an ARP reply from the gateway 10.0.2.2 to mac? */
bool qvnet_is_gateway_arp_reply(const uint8_t *frame, int len,
                                const uint8_t *mac);

#endif

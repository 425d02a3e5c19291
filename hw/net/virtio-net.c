/*
 * virtio-net-device (virtio 1.2 section 5.1): one receive and one transmit
 * queue, a NIC net client wired to a backend (netdev=). Each frame travels
 * behind a struct virtio_net_hdr (5.1.6); we offer no checksum or
 * segmentation offload, so the header carries nothing but num_buffers.
 *
 * Transmit runs in a bottom half on the main loop, not in the notify
 * (a vCPU's MMIO write), so the backend (slirp) runs on one thread and the
 * main loop wakes to poll the sockets the frame may have made busy.
 * Receive fills the driver's buffers when the net layer delivers a frame;
 * while there are none the frame waits on the NIC's bounded queue, and the
 * driver's next receive-queue notify flushes it.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "hw/virtio/virtio.h"
#include "net/net.h"

#define TYPE_VIRTIO_NET "virtio-net-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIONet, VIRTIO_NET)

/* Feature bits (5.1.3) */
#define VIRTIO_NET_F_MAC       5
#define VIRTIO_NET_F_MRG_RXBUF 15
#define VIRTIO_NET_F_STATUS    16

/* Config space (5.1.4) */
enum {
    CFG_MAC = 0,
    CFG_STATUS = 6,
    CFG_MAX_VQ_PAIRS = 8,
    CFG_SIZE = 10,
};
#define VIRTIO_NET_S_LINK_UP 1

/* struct virtio_net_hdr (5.1.6) */
enum {
    HDR_FLAGS = 0,
    HDR_GSO_TYPE = 1,
    HDR_NUM_BUFFERS = 10,
    HDR_SIZE_LEGACY = 10, /* legacy without MRG_RXBUF: no num_buffers */
    HDR_SIZE = 12,
};
#define VIRTIO_NET_HDR_GSO_NONE 0

#define VIRTIO_NET_MAX_FRAME 65535 /* bytes after the header, at most */
#define VIRTIO_NET_TX_BURST  256   /* frames per bottom half run */

struct VirtIONet {
    VirtIODevice parent_obj;
    VirtQueue *rx_vq, *tx_vq;
    NetClientState *nic;
    uint8_t mac[ETH_ALEN];
    uint16_t status; /* config status: VIRTIO_NET_S_LINK_UP */
    unsigned hdr_len;
    QEMUBH *tx_bh;
    uint8_t *tx_buf; /* VIRTIO_NET_MAX_FRAME bytes */
    VirtQueueElement *rx_elems[VIRTQUEUE_MAX_SIZE]; /* one frame's buffers */
    /* Properties */
    char *netdev;
    char *mac_str;
    bool status_feature;
    bool mrg_rxbuf;
    uint16_t rx_queue_size, tx_queue_size;
};

static bool virtio_net_mergeable(VirtIONet *n)
{
    return virtio_has_feature(VIRTIO_DEVICE(n), VIRTIO_NET_F_MRG_RXBUF);
}

/* 5.1.6: 12 bytes, but 10 for a legacy driver without MRG_RXBUF. */
static unsigned virtio_net_hdr_len(VirtIONet *n)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    return virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ||
                   virtio_net_mergeable(n)
               ? HDR_SIZE
               : HDR_SIZE_LEGACY;
}

/* Transmit (5.1.6.2) */

static void virtio_net_tx_drop(VirtIONet *n, const char *why, uint64_t len)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "virtio-net: TX frame dropped: %s (%" PRIu64 " bytes)\n", why,
                  len);
}

/* Send one chain's frame; false if the device broke on it. */
static bool virtio_net_tx_one(VirtIONet *n, VirtQueueElement *elem)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    uint8_t hdr[HDR_SIZE];
    uint64_t len;

    /* As QEMU: a chain without a whole header is a broken driver. */
    if (elem->out_len < n->hdr_len) {
        virtio_error(vdev, "TX chain of %" PRIu64 " bytes has no header",
                     elem->out_len);
        virtqueue_elem_free(elem);
        return false;
    }
    len = elem->out_len - n->hdr_len;
    if (virtqueue_elem_read(vdev, elem, 0, hdr, n->hdr_len) < 0) {
        virtqueue_elem_free(elem);
        return false;
    }
    if (elem->in_num) {
        virtio_net_tx_drop(n, "device-writable buffers in the chain", len);
    } else if (len == 0) {
        virtio_net_tx_drop(n, "empty frame", len);
    } else if (len > VIRTIO_NET_MAX_FRAME) {
        virtio_net_tx_drop(n, "oversized frame", len);
    } else if (hdr[HDR_GSO_TYPE] != VIRTIO_NET_HDR_GSO_NONE || hdr[HDR_FLAGS]) {
        /* 5.1.6.2.1: no CSUM or HOST_TSO* was offered. */
        virtio_net_tx_drop(n, "offload requested in the header", len);
    } else {
        if (virtqueue_elem_read(vdev, elem, n->hdr_len, n->tx_buf, len) < 0) {
            virtqueue_elem_free(elem);
            return false;
        }
        qemu_send_packet(n->nic, n->tx_buf, len);
    }
    virtqueue_push(n->tx_vq, elem, 0);
    return true;
}

static void virtio_net_tx_bh(void *opaque)
{
    VirtIONet *n = opaque;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    VirtQueueElement *elem;
    unsigned sent = 0;

    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    while (sent < VIRTIO_NET_TX_BURST && !vdev->broken &&
           (elem = virtqueue_pop(n->tx_vq))) {
        if (!virtio_net_tx_one(n, elem)) {
            return;
        }
        sent++;
    }
    if (sent) {
        virtio_notify(vdev, n->tx_vq);
    }
    if (sent == VIRTIO_NET_TX_BURST) {
        qemu_bh_schedule(n->tx_bh); /* let the main loop breathe */
    }
}

static void virtio_net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    qemu_bh_schedule(VIRTIO_NET(vdev)->tx_bh);
}

/* Receive (5.1.6.3) */

static bool virtio_net_can_receive(NetClientState *nc)
{
    VirtIONet *n = nc->opaque;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken &&
           virtio_queue_ready(vdev, virtio_queue_index(n->rx_vq)) &&
           !virtio_queue_empty(n->rx_vq);
}

/*
 * Pop buffers until they hold need bytes (one buffer without MRG_RXBUF,
 * and at most the whole ring). Returns how many, or 0 with every popped
 * one put back if the driver has not made enough available yet.
 */
static unsigned virtio_net_pop_rx(VirtIONet *n, uint64_t need)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    unsigned max =
        virtio_net_mergeable(n)
            ? virtio_queue_get_num(vdev, virtio_queue_index(n->rx_vq))
            : 1;
    VirtQueueElement **elems = n->rx_elems;
    uint64_t have = 0;
    unsigned count = 0;

    while (count < max && (count == 0 || have < need)) {
        elems[count] = virtqueue_pop(n->rx_vq);
        if (!elems[count]) {
            while (count > 0) {
                virtqueue_unpop(n->rx_vq, elems[--count]);
            }
            return 0;
        }
        have += elems[count++]->in_len;
    }
    return count;
}

/* Copy the header and frame into the popped buffers and use them. */
static void virtio_net_fill_rx(VirtIONet *n, unsigned count, const uint8_t *buf,
                               size_t len)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    VirtQueueElement **elems = n->rx_elems;
    uint8_t hdr[HDR_SIZE] = { 0 };
    size_t done = 0;

    /* 5.1.6.4: num_buffers, and 1 without MRG_RXBUF. */
    stw_le_p(hdr + HDR_NUM_BUFFERS, count);
    for (unsigned i = 0; i < count; i++) {
        VirtQueueElement *e = elems[i];
        uint64_t off = i == 0 ? n->hdr_len : 0;
        uint64_t chunk = MIN(len - done, e->in_len - off);

        if ((i == 0 && virtqueue_elem_write(vdev, e, 0, hdr, n->hdr_len) < 0) ||
            virtqueue_elem_write(vdev, e, off, buf + done, chunk) < 0) {
            while (i < count) {
                virtqueue_elem_free(elems[i++]);
            }
            return;
        }
        done += chunk;
        virtqueue_push(n->rx_vq, e, off + chunk);
    }
    virtio_notify(vdev, n->rx_vq);
}

static bool virtio_net_receive(NetClientState *nc, const uint8_t *buf,
                               size_t len)
{
    VirtIONet *n = nc->opaque;
    VirtQueueElement **elems = n->rx_elems;
    uint64_t need = n->hdr_len + len;
    uint64_t have = 0;
    unsigned count;

    if (!virtio_net_can_receive(nc)) {
        return false;
    }
    count = virtio_net_pop_rx(n, need);
    if (count == 0) {
        return VIRTIO_DEVICE(n)->broken; /* broken: drop; else wait */
    }
    for (unsigned i = 0; i < count; i++) {
        have += elems[i]->in_len;
    }
    if (have < need || elems[0]->in_len < n->hdr_len) {
        /* 5.1.6.3.1: buffers hold a whole frame, the first the header. */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-net: RX buffer of %" PRIu64
                      " bytes too small for %" PRIu64 ", frame dropped\n",
                      have, need);
        for (unsigned i = 0; i < count; i++) {
            virtqueue_push(n->rx_vq, elems[i], 0);
        }
        virtio_notify(VIRTIO_DEVICE(n), n->rx_vq);
        return true;
    }
    virtio_net_fill_rx(n, count, buf, len);
    return true;
}

static void virtio_net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    qemu_flush_queued_packets(VIRTIO_NET(vdev)->nic);
}

/* Link status: the STATUS field and a configuration change interrupt. */
static void virtio_net_link_status_changed(NetClientState *nc)
{
    VirtIONet *n = nc->opaque;
    uint16_t old = n->status;

    n->status = nc->link_down ? 0 : VIRTIO_NET_S_LINK_UP;
    if (n->status != old && n->status_feature) {
        virtio_notify_config(VIRTIO_DEVICE(n));
    }
    if (!nc->link_down) {
        qemu_flush_queued_packets(nc);
    }
}

static const NetClientInfo net_virtio_info = {
    .type = "nic",
    .can_receive = virtio_net_can_receive,
    .receive = virtio_net_receive,
    .link_status_changed = virtio_net_link_status_changed,
};

/* Device */

static uint64_t virtio_net_get_features(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    uint64_t f = 1ull << VIRTIO_NET_F_MAC;

    if (n->status_feature) {
        f |= 1ull << VIRTIO_NET_F_STATUS;
    }
    if (n->mrg_rxbuf) {
        f |= 1ull << VIRTIO_NET_F_MRG_RXBUF;
    }
    return f;
}

static void virtio_net_set_features(VirtIODevice *vdev, uint64_t features)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    n->hdr_len = virtio_net_hdr_len(n);
}

static void virtio_net_get_config(VirtIODevice *vdev, uint8_t *c)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    memset(c, 0, CFG_SIZE);
    memcpy(c + CFG_MAC, n->mac, ETH_ALEN);
    stw_le_p(c + CFG_STATUS, n->status);
    stw_le_p(c + CFG_MAX_VQ_PAIRS, 1);
}

/* 5.1.4.2 legacy: a driver may set the MAC by writing the config space. */
static void virtio_net_set_config(VirtIODevice *vdev, const uint8_t *c)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        memcpy(n->mac, c + CFG_MAC, ETH_ALEN);
    }
}

static void virtio_net_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        qemu_flush_queued_packets(n->nic);
        qemu_bh_schedule(n->tx_bh);
    }
}

static void virtio_net_reset(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    qemu_bh_cancel(n->tx_bh);
    qemu_purge_queued_packets(n->nic);
    n->hdr_len = HDR_SIZE_LEGACY;
}

static bool queue_size_ok(uint16_t size)
{
    return size >= 256 && size <= VIRTQUEUE_MAX_SIZE && !(size & (size - 1));
}

/* netdev=, mac=, the queue sizes: the NIC client and its backend. */
static bool virtio_net_setup_nic(VirtIONet *n, GError **errp)
{
    DeviceState *dev = DEVICE(n);
    NetClientState *peer = NULL;
    g_autofree char *name = NULL;

    if (n->netdev) {
        peer = qemu_find_netdev(n->netdev);
        if (!peer) {
            error_setg(errp,
                       "Property 'virtio-net-device.netdev' can't find value "
                       "'%s'",
                       n->netdev);
            return false;
        }
        if (peer->peer) {
            error_setg(errp,
                       "Property 'virtio-net-device.netdev' can't take value "
                       "'%s', it's in use",
                       n->netdev);
            return false;
        }
    }
    if (n->mac_str && !net_parse_macaddr(n->mac_str, n->mac)) {
        error_setg(errp,
                   "Property 'virtio-net-device.mac' doesn't take value '%s'",
                   n->mac_str);
        return false;
    }
    if (!n->mac_str) {
        qemu_nic_default_mac(n->mac);
    }
    name = dev->id ? g_strdup(dev->id) : qemu_nic_default_name(TYPE_VIRTIO_NET);
    n->nic = qemu_new_net_client(&net_virtio_info, peer, name, n);
    n->nic->info_str = g_strdup_printf(
        "model=%s,macaddr=%02x:%02x:%02x:%02x:%02x:%02x", TYPE_VIRTIO_NET,
        n->mac[0], n->mac[1], n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
    n->nic->link_down = peer && peer->link_down;
    n->status = n->nic->link_down ? 0 : VIRTIO_NET_S_LINK_UP;
    return true;
}

static void virtio_net_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    if (!queue_size_ok(n->rx_queue_size)) {
        error_setg(errp,
                   "Invalid rx_queue_size (= %u), must be a power of 2 "
                   "between 256 and %d",
                   n->rx_queue_size, VIRTQUEUE_MAX_SIZE);
        return;
    }
    if (!queue_size_ok(n->tx_queue_size)) {
        error_setg(errp,
                   "Invalid tx_queue_size (= %u), must be a power of 2 "
                   "between 256 and %d",
                   n->tx_queue_size, VIRTQUEUE_MAX_SIZE);
        return;
    }
    if (!virtio_net_setup_nic(n, errp)) {
        return;
    }
    virtio_init(vdev, VIRTIO_ID_NET, CFG_SIZE);
    n->rx_vq = virtio_add_queue(vdev, n->rx_queue_size, virtio_net_handle_rx);
    n->tx_vq = virtio_add_queue(vdev, n->tx_queue_size, virtio_net_handle_tx);
    n->tx_bh = qemu_bh_new(virtio_net_tx_bh, n);
    n->tx_buf = g_malloc(VIRTIO_NET_MAX_FRAME);
    n->hdr_len = HDR_SIZE_LEGACY;
}

static void virtio_net_unrealize(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    if (n->tx_bh) {
        qemu_bh_delete(n->tx_bh);
    }
    if (n->nic) {
        qemu_del_net_client(n->nic);
    }
    g_free(n->tx_buf);
}

static const Property virtio_net_props[] = {
    DEFINE_PROP_STRING("netdev", VirtIONet, netdev),
    DEFINE_PROP_STRING("mac", VirtIONet, mac_str),
    DEFINE_PROP_BOOL("status", VirtIONet, status_feature, true),
    DEFINE_PROP_BOOL("mrg_rxbuf", VirtIONet, mrg_rxbuf, true),
    DEFINE_PROP_UINT16("rx_queue_size", VirtIONet, rx_queue_size, 256),
    DEFINE_PROP_UINT16("tx_queue_size", VirtIONet, tx_queue_size, 256),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_net_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio network device";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_NETWORK;
    device_class_set_props(dc, virtio_net_props);
    vdc->realize = virtio_net_realize;
    vdc->unrealize = virtio_net_unrealize;
    vdc->get_features = virtio_net_get_features;
    vdc->set_features = virtio_net_set_features;
    vdc->get_config = virtio_net_get_config;
    vdc->set_config = virtio_net_set_config;
    vdc->set_status = virtio_net_set_status;
    vdc->reset = virtio_net_reset;
}

static const TypeInfo virtio_net_info = {
    .name = TYPE_VIRTIO_NET,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIONet),
    .class_init = virtio_net_class_init,
};

static void virtio_net_register_types(void)
{
    type_register_static(&virtio_net_info);
}

type_init(virtio_net_register_types)

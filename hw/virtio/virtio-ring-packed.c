/*
 * Packed virtqueues (virtio 1.2 section 2.8), when VIRTIO_F_RING_PACKED is
 * negotiated: one descriptor ring the driver and the device both write,
 * AVAIL/USED flag bits against each side's wrap counter, and event
 * suppression structures instead of flags and event indices.
 *
 * Positions are kept as descriptor counts since the queue was reset: the
 * ring position is count % num and the wrap counter 1 ^ (count / num & 1)
 * (both start at 1, 2.8.1). Everything read from the ring is checked as
 * for split rings (virtio-ring.c's add_buffer and indirect checks are
 * shared); a chain that runs into a descriptor the driver has not made
 * available, or is longer than the ring, is a virtio_error.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "virtio-internal.h"

/* Descriptor flags only packed rings have (2.8.1) */
#define VRING_PACKED_DESC_F_AVAIL 7
#define VRING_PACKED_DESC_F_USED  15

/* Event suppression (2.8.10): le16 off_wrap, le16 flags */
#define RING_EVENT_FLAGS_ENABLE  0
#define RING_EVENT_FLAGS_DISABLE 1
#define RING_EVENT_FLAGS_DESC    2

typedef struct PackedDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t id;
    uint16_t flags;
} PackedDesc;

static unsigned pos_of(VirtQueue *vq, uint64_t count)
{
    return count % vq->num;
}

static bool wrap_of(VirtQueue *vq, uint64_t count)
{
    return !((count / vq->num) & 1);
}

static bool read_packed(VirtQueue *vq, hwaddr table, unsigned i, PackedDesc *d)
{
    uint8_t b[VRING_DESC_SIZE];

    if (!virtqueue_read_desc_bytes(vq, table, i, b)) {
        return false;
    }
    d->addr = ldq_le_p(b);
    d->len = ldl_le_p(b + 8);
    d->id = lduw_le_p(b + 12);
    d->flags = lduw_le_p(b + 14);
    return true;
}

/* 2.8.1: available when AVAIL matches the wrap counter and USED does not. */
static bool desc_avail(const PackedDesc *d, bool wrap)
{
    return ((d->flags >> VRING_PACKED_DESC_F_AVAIL) & 1) == wrap &&
           ((d->flags >> VRING_PACKED_DESC_F_USED) & 1) != wrap;
}

/* The split-ring form add_buffer and the indirect checks take. */
static VRingDesc as_split(const PackedDesc *p)
{
    VRingDesc d = { p->addr, p->len, p->flags & VRING_DESC_F_MASK, 0 };

    return d;
}

/* Is the descriptor at count available? false (no error) if not. */
static bool avail_at(VirtQueue *vq, uint64_t count, PackedDesc *d, bool *ok)
{
    *ok = read_packed(vq, vq->desc, pos_of(vq, count), d);
    return *ok && desc_avail(d, wrap_of(vq, count));
}

bool virtqueue_packed_empty(VirtQueue *vq)
{
    PackedDesc d;
    bool ok;

    return !avail_at(vq, vq->packed_avail, &d, &ok);
}

/* 2.8.5: an indirect table's descriptors are all in the chain, in order. */
static bool walk_indirect(VirtQueue *vq, const PackedDesc *head,
                          VirtQueueElement *elem)
{
    VRingDesc d = as_split(head);
    hwaddr table;
    unsigned max;

    if (!virtqueue_enter_indirect(vq, &d, &table, &max)) {
        return false;
    }
    for (unsigned i = 0; i < max; i++) {
        PackedDesc p;

        if (!read_packed(vq, table, i, &p)) {
            return false;
        }
        if (p.flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vq->vdev, "queue %u: nested indirect descriptor",
                         virtio_queue_index(vq));
            return false;
        }
        d = as_split(&p);
        d.flags &= ~VRING_DESC_F_NEXT; /* implied in a table */
        if (!virtqueue_add_buffer(vq, elem, &d)) {
            return false;
        }
    }
    return true;
}

/*
 * The chain from the head at vq->packed_avail: descriptors in ring order
 * while NEXT is set, each of which must be available (2.8.21: the driver
 * exposes the head last), no more than the ring holds. The buffer ID is
 * the last descriptor's (2.8.6).
 */
static bool walk_packed(VirtQueue *vq, PackedDesc *d, VirtQueueElement *elem)
{
    unsigned q = virtio_queue_index(vq);
    uint64_t count = vq->packed_avail;
    bool ok;

    elem->ndescs = 1;
    if (d->flags & VRING_DESC_F_INDIRECT) {
        elem->index = d->id;
        return walk_indirect(vq, d, elem);
    }
    for (;;) {
        VRingDesc s = as_split(d);

        if (!virtqueue_add_buffer(vq, elem, &s)) {
            return false;
        }
        if (!(d->flags & VRING_DESC_F_NEXT)) {
            elem->index = d->id;
            return true;
        }
        if (elem->ndescs == vq->num) {
            virtio_error(vq->vdev,
                         "queue %u: packed chain longer than the ring", q);
            return false;
        }
        count++;
        elem->ndescs++;
        if (!avail_at(vq, count, d, &ok)) {
            if (ok) {
                virtio_error(vq->vdev,
                             "queue %u: packed chain runs into descriptor "
                             "%u, which is not available",
                             q, pos_of(vq, count));
            }
            return false;
        }
        if (d->flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vq->vdev,
                         "queue %u: indirect descriptor inside a chain", q);
            return false;
        }
    }
}

VirtQueueElement *virtqueue_packed_pop(VirtQueue *vq)
{
    VirtQueueElement *elem;
    PackedDesc d;
    bool ok;

    if (!avail_at(vq, vq->packed_avail, &d, &ok)) {
        return NULL;
    }
    elem = g_new0(VirtQueueElement, 1);
    if (!walk_packed(vq, &d, elem)) {
        virtqueue_elem_free(elem);
        return NULL;
    }
    vq->packed_avail += elem->ndescs;
    vq->inuse++;
    return elem;
}

void virtqueue_packed_unpop(VirtQueue *vq, VirtQueueElement *elem)
{
    vq->packed_avail -= elem->ndescs;
    vq->inuse--;
    virtqueue_elem_free(elem);
}

/*
 * 2.8.7: one used descriptor per buffer, at the next used position, with
 * the buffer ID and length; its flags (AVAIL = USED = the used wrap
 * counter) are written last. The position then skips the whole chain.
 */
void virtqueue_packed_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len)
{
    hwaddr slot =
        vq->desc + VRING_DESC_SIZE * (hwaddr)pos_of(vq, vq->packed_used);
    uint16_t wrap = wrap_of(vq, vq->packed_used);
    uint16_t flags = (wrap << VRING_PACKED_DESC_F_AVAIL) |
                     (wrap << VRING_PACKED_DESC_F_USED);
    uint8_t b[6], f[2];
    uint64_t ndescs = elem->ndescs;

    stl_le_p(b, len);
    stw_le_p(b + 4, elem->index);
    stw_le_p(f, flags);
    virtqueue_elem_free(elem);
    if (!virtqueue_ring_write(vq, slot + 8, b, sizeof(b)) ||
        !virtqueue_ring_write(vq, slot + 14, f, sizeof(f))) {
        return;
    }
    vq->packed_used += ndescs;
    vq->inuse--;
}

/*
 * 2.8.10: the driver's event suppression structure (the driver area):
 * DISABLE, ENABLE, or with EVENT_IDX an interrupt once the used position
 * passes (off, wrap).
 */
bool virtqueue_packed_should_notify(VirtQueue *vq)
{
    uint64_t old = vq->packed_signalled, now = vq->packed_used;
    bool valid = vq->packed_signalled_valid;
    uint8_t b[4];
    uint16_t off_wrap, flags;
    uint64_t period = 2 * (uint64_t)vq->num, target, d;

    vq->packed_signalled = now;
    vq->packed_signalled_valid = true;
    if (!virtio_dma_read(vq->vdev, vq->avail, b, sizeof(b))) {
        virtio_error(vq->vdev,
                     "queue %u: driver event area 0x%" HWADDR_PRIx
                     " is not in guest RAM",
                     virtio_queue_index(vq), vq->avail);
        return false;
    }
    off_wrap = lduw_le_p(b);
    flags = lduw_le_p(b + 2);
    if (flags == RING_EVENT_FLAGS_DISABLE) {
        return false;
    }
    if (flags != RING_EVENT_FLAGS_DESC ||
        !virtio_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX) || !valid) {
        return true;
    }
    if ((off_wrap & 0x7fff) >= vq->num) {
        return true; /* no such position: interrupt rather than hang */
    }
    /*
     * The newest count before now at that position with that wrap counter
     * (they recur every two laps); interrupt if the device passed it since
     * the last check.
     */
    target = (off_wrap & 0x7fff) + ((off_wrap >> 15) ? 0 : vq->num);
    d = (now - 1 + period - target) % period;
    return now > 0 && d <= now - 1 && now - 1 - d >= old;
}

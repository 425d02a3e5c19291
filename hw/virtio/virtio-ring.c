/*
 * Split virtqueues (virtio 1.2 section 2.7): taking descriptor chains from
 * the available ring, returning them through the used ring, and deciding
 * when the driver wants an interrupt. The public functions hand packed
 * rings to virtio-ring-packed.c; the buffer and indirect-table checks are
 * shared with it.
 *
 * Everything here is read from guest memory the driver controls: indices,
 * descriptor addresses, lengths, flags and next links. Each is checked
 * before use; anything malformed is a virtio_error, which stops the device
 * until the driver resets it.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "virtio-internal.h"

/* Ring flags (2.7.6, 2.7.8) */
#define VRING_AVAIL_F_NO_INTERRUPT 1

#define VRING_USED_ELEM_SIZE 8

void virtqueue_reset_state(VirtQueue *vq)
{
    vq->num = vq->num_default;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = 0;
    vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->inuse = 0;
    vq->packed_avail = vq->packed_used = vq->packed_signalled = 0;
    vq->packed_signalled_valid = false;
}

static bool is_packed(VirtQueue *vq)
{
    return virtio_has_feature(vq->vdev, VIRTIO_F_RING_PACKED);
}

/* Little-endian ring fields (2.4: modern rings are little-endian). */

static bool ring_read16(VirtQueue *vq, hwaddr addr, uint16_t *v)
{
    uint8_t b[2];

    if (!virtio_dma_read(vq->vdev, addr, b, 2)) {
        virtio_error(vq->vdev,
                     "queue %u: ring at 0x%" HWADDR_PRIx " is not in guest RAM",
                     virtio_queue_index(vq), addr);
        return false;
    }
    *v = b[0] | (b[1] << 8);
    return true;
}

bool virtqueue_ring_write(VirtQueue *vq, hwaddr addr, const void *b, hwaddr len)
{
    if (!virtio_dma_write(vq->vdev, addr, b, len)) {
        virtio_error(vq->vdev,
                     "queue %u: used ring at 0x%" HWADDR_PRIx
                     " is not writable guest RAM",
                     virtio_queue_index(vq), addr);
        return false;
    }
    return true;
}

static bool ring_write16(VirtQueue *vq, hwaddr addr, uint16_t v)
{
    uint8_t b[2] = { v, v >> 8 };

    return virtqueue_ring_write(vq, addr, b, 2);
}

static hwaddr avail_idx_addr(VirtQueue *vq)
{
    return vq->avail + 2;
}

static hwaddr used_event_addr(VirtQueue *vq)
{
    return vq->avail + 4 + 2 * (hwaddr)vq->num;
}

static hwaddr avail_event_addr(VirtQueue *vq)
{
    return vq->used + 4 + VRING_USED_ELEM_SIZE * (hwaddr)vq->num;
}

bool virtqueue_read_desc_bytes(VirtQueue *vq, hwaddr table, unsigned i,
                               uint8_t *b)
{
    if (!virtio_dma_read(vq->vdev, table + (hwaddr)i * VRING_DESC_SIZE, b,
                         VRING_DESC_SIZE)) {
        virtio_error(vq->vdev,
                     "queue %u: descriptor %u of table 0x%" HWADDR_PRIx
                     " is not in guest RAM",
                     virtio_queue_index(vq), i, table);
        return false;
    }
    return true;
}

static bool read_desc(VirtQueue *vq, hwaddr table, unsigned i, VRingDesc *d)
{
    uint8_t b[VRING_DESC_SIZE];

    if (!virtqueue_read_desc_bytes(vq, table, i, b)) {
        return false;
    }
    d->addr = ldq_le_p(b);
    d->len = ldl_le_p(b + 8);
    d->flags = lduw_le_p(b + 12);
    d->next = lduw_le_p(b + 14);
    return true;
}

static void seg_append(VirtQueueSeg **sg, unsigned *n, const VRingDesc *d)
{
    /* Grow in powers of two: chains are short, but may reach 1024. */
    if ((*n & (*n - 1)) == 0) {
        *sg = g_renew(VirtQueueSeg, *sg, *n ? *n * 2 : 4);
    }
    (*sg)[*n].addr = d->addr;
    (*sg)[*n].len = d->len;
    (*n)++;
}

void virtqueue_elem_free(VirtQueueElement *elem)
{
    if (elem) {
        g_free(elem->out_sg);
        g_free(elem->in_sg);
        g_free(elem);
    }
}

/* Add one buffer descriptor to elem, checking it (2.7.4, 2.7.5). */
bool virtqueue_add_buffer(VirtQueue *vq, VirtQueueElement *elem,
                          const VRingDesc *d)
{
    VirtIODevice *vdev = vq->vdev;
    unsigned q = virtio_queue_index(vq);
    bool write = d->flags & VRING_DESC_F_WRITE;

    if (!virtio_dma_ok(vdev, d->addr, d->len, write)) {
        virtio_error(vdev,
                     "queue %u: buffer 0x%" PRIx64 "+0x%x is not %s"
                     "guest RAM",
                     q, d->addr, d->len, write ? "writable " : "");
        return false;
    }
    if (write) {
        seg_append(&elem->in_sg, &elem->in_num, d);
        elem->in_len += d->len;
    } else {
        /* 2.7.4.2: device-readable buffers come before writable ones. */
        if (elem->in_num) {
            virtio_error(vdev,
                         "queue %u: readable descriptor after a "
                         "writable one",
                         q);
            return false;
        }
        seg_append(&elem->out_sg, &elem->out_num, d);
        elem->out_len += d->len;
    }
    return true;
}

/*
 * Switch to the indirect table d describes (2.7.5.3): only with
 * INDIRECT_DESC, never with NEXT, a whole number of descriptors.
 */
bool virtqueue_enter_indirect(VirtQueue *vq, const VRingDesc *d, hwaddr *table,
                              unsigned *max)
{
    VirtIODevice *vdev = vq->vdev;
    unsigned q = virtio_queue_index(vq);

    if (!virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC)) {
        virtio_error(vdev,
                     "queue %u: indirect descriptor without "
                     "INDIRECT_DESC",
                     q);
        return false;
    }
    if (d->flags & VRING_DESC_F_NEXT) {
        virtio_error(vdev, "queue %u: indirect descriptor with NEXT", q);
        return false;
    }
    if (d->len == 0 || d->len % VRING_DESC_SIZE ||
        d->len / VRING_DESC_SIZE > VIRTQUEUE_MAX_SIZE) {
        virtio_error(vdev, "queue %u: indirect table length 0x%x", q, d->len);
        return false;
    }
    if (!virtio_dma_ok(vdev, d->addr, d->len, false)) {
        virtio_error(vdev,
                     "queue %u: indirect table 0x%" PRIx64 "+0x%x is "
                     "not in guest RAM",
                     q, d->addr, d->len);
        return false;
    }
    *table = d->addr;
    *max = d->len / VRING_DESC_SIZE;
    return true;
}

/*
 * Walk the chain starting at head. A chain visits at most `max`
 * descriptors of its table: more means a loop (2.7.5.2: a chain is no
 * longer than the queue).
 */
static bool walk_chain(VirtQueue *vq, unsigned head, VirtQueueElement *elem)
{
    unsigned q = virtio_queue_index(vq);
    hwaddr table = vq->desc;
    unsigned max = vq->num, count = 0, i = head;
    bool indirect = false;
    VRingDesc d;

    if (!read_desc(vq, table, i, &d)) {
        return false;
    }
    if (d.flags & VRING_DESC_F_INDIRECT) {
        if (!virtqueue_enter_indirect(vq, &d, &table, &max) ||
            !read_desc(vq, table, 0, &d)) {
            return false;
        }
        indirect = true;
    }
    for (;;) {
        if (++count > max) {
            virtio_error(vq->vdev,
                         "queue %u: descriptor chain loops or is "
                         "longer than its %s",
                         q, indirect ? "indirect table" : "ring");
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vq->vdev,
                         "queue %u: nested or chained indirect "
                         "descriptor",
                         q);
            return false;
        }
        if (!virtqueue_add_buffer(vq, elem, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        if (d.next >= max) {
            virtio_error(vq->vdev, "queue %u: next index %u beyond %u", q,
                         d.next, max);
            return false;
        }
        if (!read_desc(vq, table, d.next, &d)) {
            return false;
        }
    }
}

/* How many entries the driver has made available; false if corrupt. */
static bool avail_count(VirtQueue *vq, uint16_t *count)
{
    uint16_t idx;

    if (!ring_read16(vq, avail_idx_addr(vq), &idx)) {
        return false;
    }
    *count = idx - vq->last_avail_idx;
    /* 2.7.6: the driver can be at most a whole ring ahead. */
    if (*count > vq->num) {
        virtio_error(vq->vdev, "queue %u: avail idx %u is %u ahead of %u",
                     virtio_queue_index(vq), idx, *count, vq->last_avail_idx);
        return false;
    }
    return true;
}

static bool queue_usable(VirtQueue *vq)
{
    return !vq->vdev->broken && vq->ready && vq->num;
}

bool virtio_queue_empty(VirtQueue *vq)
{
    uint16_t count;

    if (!queue_usable(vq)) {
        return true;
    }
    if (is_packed(vq)) {
        return virtqueue_packed_empty(vq);
    }
    return !avail_count(vq, &count) || count == 0;
}

VirtQueueElement *virtqueue_pop(VirtQueue *vq)
{
    VirtQueueElement *elem;
    uint16_t count, head;

    if (queue_usable(vq) && is_packed(vq)) {
        return virtqueue_packed_pop(vq);
    }
    if (!queue_usable(vq) || !avail_count(vq, &count) || count == 0) {
        return NULL;
    }
    if (!ring_read16(vq, vq->avail + 4 + 2 * (vq->last_avail_idx % vq->num),
                     &head)) {
        return NULL;
    }
    if (head >= vq->num) {
        virtio_error(vq->vdev, "queue %u: avail ring head %u beyond %u",
                     virtio_queue_index(vq), head, vq->num);
        return NULL;
    }
    vq->last_avail_idx++;
    /* 2.7.10: tell the driver how far we have read. */
    if (virtio_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX) &&
        !ring_write16(vq, avail_event_addr(vq), vq->last_avail_idx)) {
        return NULL;
    }
    elem = g_new0(VirtQueueElement, 1);
    elem->index = head;
    elem->ndescs = 1;
    if (!walk_chain(vq, head, elem)) {
        virtqueue_elem_free(elem);
        return NULL;
    }
    vq->inuse++;
    return elem;
}

void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem)
{
    if (is_packed(vq)) {
        virtqueue_packed_unpop(vq, elem);
        return;
    }
    vq->last_avail_idx--;
    vq->inuse--;
    virtqueue_elem_free(elem);
}

void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len)
{
    uint8_t b[VRING_USED_ELEM_SIZE];
    hwaddr slot;

    g_assert(len <= elem->in_len);
    if (vq->vdev->broken || !vq->ready) {
        /* Reset or broken meanwhile: the chain is no longer ours to use. */
        virtqueue_elem_free(elem);
        return;
    }
    if (is_packed(vq)) {
        virtqueue_packed_push(vq, elem, len);
        return;
    }
    stl_le_p(b, elem->index);
    stl_le_p(b + 4, len);
    slot =
        vq->used + 4 + VRING_USED_ELEM_SIZE * (hwaddr)(vq->used_idx % vq->num);
    virtqueue_elem_free(elem);
    if (!virtqueue_ring_write(vq, slot, b, sizeof(b))) {
        return;
    }
    vq->used_idx++;
    vq->inuse--;
    ring_write16(vq, vq->used + 2, vq->used_idx);
}

/* 2.7.10: has used_idx passed the driver's used_event since old? */
static bool need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

static bool should_notify(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;
    uint16_t v, old;
    bool valid;

    if (is_packed(vq)) {
        return virtqueue_packed_should_notify(vq);
    }
    if (virtio_has_feature(vdev, VIRTIO_F_NOTIFY_ON_EMPTY) && !vq->inuse &&
        virtio_queue_empty(vq)) {
        return true;
    }
    if (!virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        return ring_read16(vq, vq->avail, &v) &&
               !(v & VRING_AVAIL_F_NO_INTERRUPT);
    }
    old = vq->signalled_used;
    valid = vq->signalled_used_valid;
    vq->signalled_used = vq->used_idx;
    vq->signalled_used_valid = true;
    if (!ring_read16(vq, used_event_addr(vq), &v)) {
        return false;
    }
    return !valid || need_event(v, vq->used_idx, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (vdev->broken || !should_notify(vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_VQ;
    if (vdev->bus.update_irq) {
        vdev->bus.update_irq(vdev->bus.opaque);
    }
}

/* Copy between buf and the segments sg, starting offset bytes in. */
static int64_t elem_copy(VirtIODevice *vdev, VirtQueueSeg *sg, unsigned n,
                         uint64_t offset, void *buf, uint64_t len, bool write)
{
    uint64_t done = 0;

    for (unsigned i = 0; i < n && done < len; i++) {
        uint64_t l;
        bool ok;

        if (offset >= sg[i].len) {
            offset -= sg[i].len;
            continue;
        }
        l = MIN(sg[i].len - offset, len - done);
        ok = write ? virtio_dma_write(vdev, sg[i].addr + offset,
                                      (uint8_t *)buf + done, l)
                   : virtio_dma_read(vdev, sg[i].addr + offset,
                                     (uint8_t *)buf + done, l);
        if (!ok) {
            virtio_error(vdev, "buffer 0x%" PRIx64 " is no longer guest RAM",
                         sg[i].addr);
            return -1;
        }
        done += l;
        offset = 0;
    }
    return done;
}

int64_t virtqueue_elem_read(VirtIODevice *vdev, VirtQueueElement *elem,
                            uint64_t offset, void *buf, uint64_t len)
{
    return elem_copy(vdev, elem->out_sg, elem->out_num, offset, buf, len,
                     false);
}

int64_t virtqueue_elem_write(VirtIODevice *vdev, VirtQueueElement *elem,
                             uint64_t offset, const void *buf, uint64_t len)
{
    return elem_copy(vdev, elem->in_sg, elem->in_num, offset, (void *)buf, len,
                     true);
}

static void map_append(VirtQueueMap *m, hwaddr addr, void *host, hwaddr len)
{
    if ((m->niov & (m->niov - 1)) == 0) {
        unsigned cap = m->niov ? m->niov * 2 : 4;

        m->iov = g_renew(struct iovec, m->iov, cap);
        m->addr = g_renew(hwaddr, m->addr, cap);
    }
    m->iov[m->niov] = (struct iovec){ .iov_base = host, .iov_len = len };
    m->addr[m->niov] = addr;
    m->niov++;
}

bool virtqueue_elem_map(VirtIODevice *vdev, VirtQueueElement *elem, bool in,
                        uint64_t offset, uint64_t len, VirtQueueMap *m)
{
    VirtQueueSeg *sg = in ? elem->in_sg : elem->out_sg;
    unsigned n = in ? elem->in_num : elem->out_num;
    uint64_t done = 0;
    hwaddr addr = 0;

    *m = (VirtQueueMap){ .in = in };
    for (unsigned i = 0; i < n && done < len; i++) {
        hwaddr l;

        if (offset >= sg[i].len) {
            offset -= sg[i].len;
            continue;
        }
        addr = sg[i].addr + offset;
        l = MIN(sg[i].len - offset, len - done);
        offset = 0;
        if (addr + l < addr && addr + l != 0) {
            goto bad; /* wraps around the address space */
        }
        /* A segment may span RAM regions: one iovec per region. */
        while (l > 0) {
            hwaddr got = l;
            void *host = address_space_map(vdev->dma_as, addr, &got, in);

            if (!host || !got) {
                goto bad;
            }
            map_append(m, addr, host, got);
            addr += got;
            l -= got;
            done += got;
        }
    }
    if (done == len) {
        return true;
    }
bad:
    virtio_error(vdev, "buffer 0x%" PRIx64 " is not %sguest RAM", addr,
                 in ? "writable " : "");
    virtqueue_elem_unmap(vdev, m, 0);
    return false;
}

void virtqueue_elem_unmap(VirtIODevice *vdev, VirtQueueMap *m, uint64_t written)
{
    for (unsigned i = 0; i < m->niov; i++) {
        uint64_t w = MIN(written, m->iov[i].iov_len);

        address_space_unmap(vdev->dma_as, m->iov[i].iov_base, m->iov[i].iov_len,
                            m->in);
        if (m->in && w) {
            address_space_notify_written(vdev->dma_as, m->addr[i], w);
        }
        written -= w;
    }
    g_free(m->iov);
    g_free(m->addr);
    *m = (VirtQueueMap){ .in = m->in };
}

/*
 * The state of one virtqueue, shared by the device core (virtio.c) and the
 * split-ring code (virtio-ring.c).
 */
#ifndef HW_VIRTIO_VIRTIO_INTERNAL_H
#define HW_VIRTIO_VIRTIO_INTERNAL_H

#include "hw/virtio/virtio.h"

struct VirtQueue {
    VirtIODevice *vdev;
    VirtIOHandleOutput handle_output;
    unsigned num_default; /* the size the device asked for; 0: no queue */
    unsigned num;         /* QueueNum */
    bool ready;
    hwaddr desc, avail, used;
    uint16_t last_avail_idx; /* next avail ring entry to take */
    uint16_t used_idx;       /* next used ring entry to fill */
    uint16_t signalled_used; /* used_idx when the driver was last told */
    bool signalled_used_valid;
    unsigned inuse; /* popped, not yet pushed */
    /* Packed rings (virtio-ring-packed.c): descriptor counts since reset */
    uint64_t packed_avail;     /* the next descriptor to take */
    uint64_t packed_used;      /* the next used descriptor to write */
    uint64_t packed_signalled; /* packed_used when the driver was told */
    bool packed_signalled_valid;
};

/* Descriptor flags (2.7.5; the same bits in packed rings, 2.8.1) */
#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4
#define VRING_DESC_F_MASK     7
#define VRING_DESC_SIZE       16

/* A descriptor as the chain checks see it (split layout). */
typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

/* Clear a queue's rings and indices (device reset, QueueReset). */
void virtqueue_reset_state(VirtQueue *vq);

/* Shared by both ring layouts (virtio-ring.c) */
bool virtqueue_add_buffer(VirtQueue *vq, VirtQueueElement *elem,
                          const VRingDesc *d);
bool virtqueue_enter_indirect(VirtQueue *vq, const VRingDesc *d, hwaddr *table,
                              unsigned *max);
/* The 16 bytes of descriptor i of table; a virtio_error if not RAM. */
bool virtqueue_read_desc_bytes(VirtQueue *vq, hwaddr table, unsigned i,
                               uint8_t *b);
bool virtqueue_ring_write(VirtQueue *vq, hwaddr addr, const void *b,
                          hwaddr len);

/* Packed rings (virtio-ring-packed.c), when RING_PACKED is negotiated */
bool virtqueue_packed_empty(VirtQueue *vq);
VirtQueueElement *virtqueue_packed_pop(VirtQueue *vq);
void virtqueue_packed_unpop(VirtQueue *vq, VirtQueueElement *elem);
void virtqueue_packed_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len);
bool virtqueue_packed_should_notify(VirtQueue *vq);

#endif

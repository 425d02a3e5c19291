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
};

/* Clear a queue's rings and indices (device reset, QueueReset). */
void virtqueue_reset_state(VirtQueue *vq);

#endif

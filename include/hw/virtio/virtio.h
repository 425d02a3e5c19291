/*
 * Virtio devices (virtio 1.2): the part every device shares. A device owns
 * its virtqueues, feature bits, status and configuration space; a transport
 * (virtio-mmio) exposes them to the driver and carries notifications.
 *
 * Every ring structure lives in guest memory and is guest-controlled. The
 * core reads and writes it only through virtio_dma_read/virtio_dma_write,
 * which refuse anything that is not guest RAM. A malformed ring marks the
 * device broken (virtio_error): it processes nothing more until reset and,
 * when VERSION_1 was negotiated, sets DEVICE_NEEDS_RESET.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <sys/uio.h>
#include "hw/qdev-core.h"
#include "exec/memory.h"

/* Feature bits (virtio 1.2, 6 "Reserved Feature Bits"). */
#define VIRTIO_F_NOTIFY_ON_EMPTY    24 /* legacy */
#define VIRTIO_F_ANY_LAYOUT         27 /* legacy */
#define VIRTIO_RING_F_INDIRECT_DESC 28
#define VIRTIO_RING_F_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32
#define VIRTIO_F_ACCESS_PLATFORM    33
#define VIRTIO_F_RING_PACKED        34
#define VIRTIO_F_RING_RESET         40

/* Device status bits (2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER      2
#define VIRTIO_CONFIG_S_DRIVER_OK   4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40
#define VIRTIO_CONFIG_S_FAILED      0x80

/* Interrupt causes, as virtio-mmio's InterruptStatus reports them. */
#define VIRTIO_ISR_VQ     1
#define VIRTIO_ISR_CONFIG 2

/* The largest queue a transport offers (QueueNumMax), as QEMU. */
#define VIRTQUEUE_MAX_SIZE 1024
#define VIRTIO_QUEUE_MAX   64

/* Device IDs (5 "Device Types"). */
#define VIRTIO_ID_NET     1
#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG     4
#define VIRTIO_ID_BALLOON 5

typedef struct VirtQueue VirtQueue;
typedef struct VirtIODevice VirtIODevice;
typedef void (*VirtIOHandleOutput)(VirtIODevice *vdev, VirtQueue *vq);

/* One buffer segment of a popped element: guest address and length. */
typedef struct VirtQueueSeg {
    hwaddr addr;
    uint32_t len;
} VirtQueueSeg;

/*
 * A popped descriptor chain. out_sg are the device-readable segments,
 * in_sg the device-writable ones, in chain order. Addresses were checked
 * against guest RAM when popped; accesses check again (the guest may
 * change its memory map meanwhile).
 */
typedef struct VirtQueueElement {
    unsigned index;  /* head descriptor index (packed: the buffer ID) */
    unsigned ndescs; /* ring slots the chain took (packed rings) */
    unsigned out_num, in_num;
    uint64_t out_len, in_len; /* byte totals */
    VirtQueueSeg *out_sg, *in_sg;
} VirtQueueElement;

#define TYPE_VIRTIO_DEVICE "virtio-device"
OBJECT_DECLARE_TYPE(VirtIODevice, VirtioDeviceClass, VIRTIO_DEVICE)

/* What a transport provides to its device. */
typedef struct VirtIOTransport {
    void *opaque;
    /* The device's ISR changed: update the interrupt line. */
    void (*update_irq)(void *opaque);
    /* Is the driver using the legacy (pre-1.0) interface? */
    bool legacy;
} VirtIOTransport;

struct VirtIODevice {
    DeviceState parent_obj;
    const char *name;
    uint16_t device_id;
    uint8_t status;
    uint8_t isr;
    bool broken;
    uint32_t generation; /* ConfigGeneration */
    uint64_t host_features;
    uint64_t guest_features;
    size_t config_len;
    uint8_t *config;
    VirtQueue *vq; /* VIRTIO_QUEUE_MAX entries; num_max 0 = absent */
    AddressSpace *dma_as;
    VirtIOTransport bus; /* set when plugged into a transport */
    bool plugged;
    /* Properties common to every device */
    bool indirect_desc;
    bool event_idx;
    bool iommu_platform;
    bool packed; /* offer VIRTIO_F_RING_PACKED */
};

struct VirtioDeviceClass {
    DeviceClass parent_class;
    /* Create queues and config space; called from realize. */
    void (*realize)(VirtIODevice *vdev, GError **errp);
    void (*unrealize)(VirtIODevice *vdev);
    /* The device-specific feature bits it offers. */
    uint64_t (*get_features)(VirtIODevice *vdev);
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
    /* Fill vdev->config before the driver reads it. */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    /* The driver wrote the config space. */
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    void (*reset)(VirtIODevice *vdev);
};

void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_len);
void virtio_cleanup(VirtIODevice *vdev);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput handle_output);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n);
unsigned virtio_queue_index(VirtQueue *vq);
bool virtio_has_feature(VirtIODevice *vdev, unsigned bit);
uint64_t virtio_host_features(VirtIODevice *vdev);

/* The driver's side, as a transport forwards it. */
void virtio_reset(VirtIODevice *vdev);
bool virtio_set_features(VirtIODevice *vdev, uint64_t features);
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val,
                         unsigned size);
/* The device changed its config space: bump the generation, interrupt. */
void virtio_notify_config(VirtIODevice *vdev);

/* Queue setup by the transport. */
unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n);
bool virtio_queue_exists(VirtIODevice *vdev, unsigned n);
void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num);
void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr avail, hwaddr used);
void virtio_queue_get_rings(VirtIODevice *vdev, unsigned n, hwaddr *desc,
                            hwaddr *avail, hwaddr *used);
void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready);
bool virtio_queue_ready(VirtIODevice *vdev, unsigned n);
void virtio_queue_reset(VirtIODevice *vdev, unsigned n);

/*
 * The guest did something a device cannot go on from: log it under
 * guest_errors, stop processing, and ask for a reset (NEEDS_RESET).
 */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * The only way the virtio code touches guest memory: len bytes at addr,
 * all of which must be guest RAM (not MMIO, not ROM for writes, no wrap).
 * False, with nothing transferred, otherwise.
 */
bool virtio_dma_read(VirtIODevice *vdev, hwaddr addr, void *buf, hwaddr len);
bool virtio_dma_write(VirtIODevice *vdev, hwaddr addr, const void *buf,
                      hwaddr len);
/* Is every byte of [addr, addr + len) guest RAM (writable RAM if write)? */
bool virtio_dma_ok(VirtIODevice *vdev, hwaddr addr, hwaddr len, bool write);

/* Virtqueue processing (split rings, 2.7, or packed ones, 2.8). */
VirtQueueElement *virtqueue_pop(VirtQueue *vq);
/* Return an element the device could not use yet (to pop it again). */
void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem);
/* Put elem in the used ring with len bytes written; frees elem. */
void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len);
/* Interrupt the driver if it wants to hear about used buffers. */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
bool virtio_queue_empty(VirtQueue *vq);
void virtqueue_elem_free(VirtQueueElement *elem);
/*
 * Copy to/from the element's segments, starting offset bytes in; returns
 * the bytes copied, or -1 (and virtio_error) if guest memory is bad.
 */
int64_t virtqueue_elem_read(VirtIODevice *vdev, VirtQueueElement *elem,
                            uint64_t offset, void *buf, uint64_t len);
int64_t virtqueue_elem_write(VirtIODevice *vdev, VirtQueueElement *elem,
                             uint64_t offset, const void *buf, uint64_t len);

/*
 * Part of an element's guest memory as host memory, for I/O without a
 * bounce buffer: iov[i] is guest RAM at addr[i]. Guest RAM regions stay
 * while the machine runs, so the pointers stay valid until unmapped.
 */
typedef struct VirtQueueMap {
    struct iovec *iov;
    hwaddr *addr;
    unsigned niov;
    bool in; /* the device-writable segments: the device writes them */
} VirtQueueMap;

/*
 * Map len bytes of the element's device-writable (in) or device-readable
 * segments, starting offset bytes in. Every byte must be guest RAM
 * (writable RAM for in) and no segment may wrap; otherwise virtio_error
 * and false, with nothing mapped.
 */
bool virtqueue_elem_map(VirtIODevice *vdev, VirtQueueElement *elem, bool in,
                        uint64_t offset, uint64_t len, VirtQueueMap *map);
/*
 * Done with a mapping. The device wrote the first `written` bytes of an
 * in mapping: the CPU engine hears of it (code caches, LR reservations),
 * as for virtio_dma_write.
 */
void virtqueue_elem_unmap(VirtIODevice *vdev, VirtQueueMap *map,
                          uint64_t written);

/*
 * The machine's virtio policy, one place: a machine that requires it
 * (a confidential guest) refuses legacy transports and devices whose
 * driver does not accept VERSION_1 and ACCESS_PLATFORM.
 */
bool virtio_machine_requires_platform(void);

#endif

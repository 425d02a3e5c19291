/*
 * Virtio over MMIO: the transport of virtio 1.2 section 4.2, in both its
 * legacy (version 1) and modern (version 2) register layouts.
 *
 * A transport with no device plugged (vdev == NULL) answers the
 * identification registers with DeviceID 0, which tells the driver there is
 * nothing behind it, reads every other register as 0 and ignores writes.
 * `-device virtio-*-device` plugs a device into the free transport at the
 * highest address, as QEMU does on virt.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/sysbus.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_MMIO "virtio-mmio"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOMMIOProxy, VIRTIO_MMIO)

#define VIRTIO_MMIO_SIZE 0x200

/* Register values */
#define VIRTIO_MMIO_MAGIC          0x74726976 /* "virt", little-endian */
#define VIRTIO_MMIO_VENDOR         0x554d4551 /* "QEMU", little-endian */
#define VIRTIO_MMIO_VERSION_LEGACY 1
#define VIRTIO_MMIO_VERSION_MODERN 2

/* Register offsets (virtio 1.2, 4.2.2 and 4.2.4 for the legacy ones). */
enum {
    VIRTIO_MMIO_MAGIC_VALUE = 0x000,         /* R */
    VIRTIO_MMIO_VERSION = 0x004,             /* R */
    VIRTIO_MMIO_DEVICE_ID = 0x008,           /* R */
    VIRTIO_MMIO_VENDOR_ID = 0x00c,           /* R */
    VIRTIO_MMIO_DEVICE_FEATURES = 0x010,     /* R */
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014, /* W */
    VIRTIO_MMIO_DRIVER_FEATURES = 0x020,     /* W */
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024, /* W */
    VIRTIO_MMIO_GUEST_PAGE_SIZE = 0x028,     /* W, legacy only */
    VIRTIO_MMIO_QUEUE_SEL = 0x030,           /* W */
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034,       /* R */
    VIRTIO_MMIO_QUEUE_NUM = 0x038,           /* W */
    VIRTIO_MMIO_QUEUE_ALIGN = 0x03c,         /* W, legacy only */
    VIRTIO_MMIO_QUEUE_PFN = 0x040,           /* RW, legacy only */
    VIRTIO_MMIO_QUEUE_READY = 0x044,         /* RW */
    VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,        /* W */
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060,    /* R */
    VIRTIO_MMIO_INTERRUPT_ACK = 0x064,       /* W */
    VIRTIO_MMIO_STATUS = 0x070,              /* RW */
    VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,      /* W */
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084,     /* W */
    VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090,    /* W */
    VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094,   /* W */
    VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0,    /* W */
    VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4,   /* W */
    VIRTIO_MMIO_SHM_SEL = 0x0ac,             /* W */
    VIRTIO_MMIO_SHM_LEN_LOW = 0x0b0,         /* R */
    VIRTIO_MMIO_SHM_LEN_HIGH = 0x0b4,        /* R */
    VIRTIO_MMIO_SHM_BASE_LOW = 0x0b8,        /* R */
    VIRTIO_MMIO_SHM_BASE_HIGH = 0x0bc,       /* R */
    VIRTIO_MMIO_QUEUE_RESET = 0x0c0,         /* RW */
    VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,   /* R */
    VIRTIO_MMIO_CONFIG = 0x100,              /* RW, device-specific */
};

/* InterruptStatus / InterruptACK bits */
#define VIRTIO_MMIO_INT_VRING  (1u << 0) /* used buffer notification */
#define VIRTIO_MMIO_INT_CONFIG (1u << 1) /* configuration change */

/* Legacy defaults (4.2.4): 4 KiB guest pages, used ring page-aligned. */
#define VIRTIO_MMIO_LEGACY_PAGE_SHIFT 12
#define VIRTIO_MMIO_LEGACY_ALIGN      4096

/*
 * The transport's view of one virtqueue: the ring addresses the driver
 * writes, handed to the device when it sets QueueReady (or QueuePFN).
 */
typedef struct VirtIOMMIOQueue {
    uint64_t desc;   /* QueueDescLow/High */
    uint64_t driver; /* QueueDriverLow/High: the available ring */
    uint64_t device; /* QueueDeviceLow/High: the used ring */
    uint32_t align;  /* legacy QueueAlign */
} VirtIOMMIOQueue;

struct VirtIOMMIOProxy {
    SysBusDevice parent_obj;
    MemoryRegion iomem;
    qemu_irq irq;

    /* Properties */
    bool legacy;                   /* force-legacy: Version reads 1 */
    bool format_transport_address; /* name the bus after the base address */

    /* The plugged device, or NULL: every register but the IDs reads 0. */
    VirtIODevice *vdev;

    /* Driver-written transport state, used once a device is plugged. */
    uint32_t device_features_sel;
    uint32_t driver_features_sel;
    uint32_t driver_features[2];
    uint32_t guest_page_shift; /* legacy GuestPageSize, as a shift */
    uint32_t queue_sel;
    uint32_t shm_sel;
    VirtIOMMIOQueue vqs[VIRTIO_QUEUE_MAX];
};

/*
 * Plug vdev (realized) into the free transport QEMU would pick: the one at
 * the highest address. Fails when none is free or the machine's virtio
 * policy refuses a legacy transport.
 */
bool virtio_mmio_plug_next(VirtIODevice *vdev, GError **errp);

#endif

/*
 * A small virtio driver for qtests: finds a device behind the virt
 * machine's virtio-mmio transports, negotiates features (legacy or modern
 * layout), sets up split virtqueues in guest RAM and drives them by hand,
 * descriptor by descriptor, so tests can build well-formed and malformed
 * rings alike.
 */
#ifndef LIBVIRTIO_H
#define LIBVIRTIO_H

#include "libqtest.h"

#define VIRT_RAM_BASE 0x80000000ull

/* virtio-mmio registers (virtio 1.2, 4.2.2 and 4.2.4) */
#define VMMIO_MAGIC            0x000
#define VMMIO_VERSION          0x004
#define VMMIO_DEVICE_ID        0x008
#define VMMIO_DEVICE_FEATURES  0x010
#define VMMIO_DEVICE_FEAT_SEL  0x014
#define VMMIO_DRIVER_FEATURES  0x020
#define VMMIO_DRIVER_FEAT_SEL  0x024
#define VMMIO_GUEST_PAGE_SIZE  0x028
#define VMMIO_QUEUE_SEL        0x030
#define VMMIO_QUEUE_NUM_MAX    0x034
#define VMMIO_QUEUE_NUM        0x038
#define VMMIO_QUEUE_ALIGN      0x03c
#define VMMIO_QUEUE_PFN        0x040
#define VMMIO_QUEUE_READY      0x044
#define VMMIO_QUEUE_NOTIFY     0x050
#define VMMIO_INTERRUPT_STATUS 0x060
#define VMMIO_INTERRUPT_ACK    0x064
#define VMMIO_STATUS           0x070
#define VMMIO_QUEUE_DESC_LO    0x080
#define VMMIO_QUEUE_DRIVER_LO  0x090
#define VMMIO_QUEUE_DEVICE_LO  0x0a0
#define VMMIO_QUEUE_RESET      0x0c0
#define VMMIO_CONFIG_GEN       0x0fc
#define VMMIO_CONFIG           0x100

/* Status bits, feature bits, descriptor flags */
#define VSTATUS_ACK         1
#define VSTATUS_DRIVER      2
#define VSTATUS_DRIVER_OK   4
#define VSTATUS_FEATURES_OK 8
#define VSTATUS_NEEDS_RESET 0x40
#define VF_INDIRECT_DESC    (1ull << 28)
#define VF_EVENT_IDX        (1ull << 29)
#define VF_VERSION_1        (1ull << 32)
#define VF_ACCESS_PLATFORM  (1ull << 33)
#define VDESC_F_NEXT        1
#define VDESC_F_WRITE       2
#define VDESC_F_INDIRECT    4

typedef struct QVirtioDev {
    QTestState *qts;
    uint64_t base;
    bool legacy;
    uint64_t features;   /* negotiated */
    uint64_t alloc_next; /* guest RAM bump allocator */
} QVirtioDev;

typedef struct QVirtQueue {
    unsigned index, num;
    uint64_t desc, avail, used;
    uint16_t avail_idx; /* the driver's next avail idx */
    uint16_t last_used; /* used entries the test has consumed */
} QVirtQueue;

/* The transport holding device_id (0 if none), scanning all eight. */
uint64_t qvirtio_find(QTestState *qts, uint32_t device_id);
/*
 * Without the qtest accelerator (Debian's QEMU) the VM starts stopped (-S),
 * and QEMU's virtio devices process nothing then: continue it.
 */
void qvirtio_run_vm(QTestState *qts);
/* Start a driver on the device at base: reset, ACKNOWLEDGE, DRIVER. */
void qvirtio_start(QVirtioDev *d, QTestState *qts, uint64_t base);
uint64_t qvirtio_device_features(QVirtioDev *d);
/* Write the driver's features; modern: set FEATURES_OK, return if kept. */
bool qvirtio_set_features(QVirtioDev *d, uint64_t features);
void qvirtio_driver_ok(QVirtioDev *d);
uint32_t qvirtio_status(QVirtioDev *d);
void qvirtio_reset(QVirtioDev *d);
/* Zeroed guest RAM, aligned. */
uint64_t qvirtio_alloc(QVirtioDev *d, uint64_t size, uint64_t align);
/* Create queue index with num entries (legacy or modern layout). */
void qvirtqueue_setup(QVirtioDev *d, QVirtQueue *vq, unsigned index,
                      unsigned num);
/* Write descriptor i of table (vq->desc, or an indirect table). */
void qvirtqueue_write_desc(QVirtioDev *d, uint64_t table, unsigned i,
                           uint64_t addr, uint32_t len, uint16_t flags,
                           uint16_t next);
/* Put head in the avail ring, bump avail idx and notify. */
void qvirtqueue_kick(QVirtioDev *d, QVirtQueue *vq, uint16_t head);
/* Set the avail ring's idx to any value, and notify. */
void qvirtqueue_set_avail_idx(QVirtioDev *d, QVirtQueue *vq, uint16_t idx);
uint16_t qvirtqueue_used_idx(QVirtioDev *d, QVirtQueue *vq);
/*
 * Wait (polling, up to 5 s) for the next used entry; false on timeout.
 * Fills *id and *len.
 */
bool qvirtqueue_wait_used(QVirtioDev *d, QVirtQueue *vq, uint32_t *id,
                          uint32_t *len);
/* One buffer, device-writable or not, as a whole chain: returns head 0. */
void qvirtqueue_single(QVirtioDev *d, QVirtQueue *vq, uint64_t addr,
                       uint32_t len, bool write);

/*
 * Every string of want (NUL-separated, ended by an empty one) is in the
 * -d guest_errors log file at log; fails the test naming the first missing.
 */
void qvirtio_assert_logged(const char *log, const char *want);

#endif

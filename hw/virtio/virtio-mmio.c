/*
 * Virtio over MMIO transport (virtio 1.2, section 4.2).
 *
 * The transport owns the identification registers: MagicValue, Version (1
 * for the legacy layout, 2 for the modern one) and VendorID. Everything
 * else belongs to the plugged device. With no device plugged, DeviceID
 * reads 0 ("no device"), as do all the other registers and the
 * configuration space, and writes are dropped.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/virtio/virtio-mmio.h"

static void virtio_mmio_update_irq(void *opaque)
{
    VirtIOMMIOProxy *s = opaque;

    qemu_set_irq(s->irq, s->vdev && s->vdev->isr);
}

static bool queue_sel_valid(VirtIOMMIOProxy *s)
{
    return s->queue_sel < VIRTIO_QUEUE_MAX;
}

static uint32_t read_features(VirtIOMMIOProxy *s)
{
    uint64_t f = s->vdev->host_features;

    return s->device_features_sel < 2 ? f >> (32 * s->device_features_sel) : 0;
}

static uint64_t virtio_mmio_device_read(VirtIOMMIOProxy *s, hwaddr addr)
{
    VirtIODevice *vdev = s->vdev;
    unsigned q = s->queue_sel;
    hwaddr desc, avail, used;

    switch (addr) {
    case VIRTIO_MMIO_DEVICE_ID:
        return vdev->device_id;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return read_features(s);
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return virtio_queue_exists(vdev, q) ? VIRTQUEUE_MAX_SIZE : 0;
    case VIRTIO_MMIO_QUEUE_PFN:
        if (!s->legacy || !queue_sel_valid(s)) {
            break;
        }
        virtio_queue_get_rings(vdev, q, &desc, &avail, &used);
        return desc >> s->guest_page_shift;
    case VIRTIO_MMIO_QUEUE_READY:
        return !s->legacy && virtio_queue_ready(vdev, q);
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return vdev->isr;
    case VIRTIO_MMIO_STATUS:
        return vdev->status;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        /* 4.2.2: no shared memory region reads as all ones. */
        return s->legacy ? 0 : 0xffffffff;
    case VIRTIO_MMIO_QUEUE_RESET:
        return 0; /* a queue reset completes at once */
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return s->legacy ? 0 : vdev->generation;
    default:
        break;
    }
    qemu_log_mask(
        LOG_GUEST_ERROR,
        "virtio-mmio: read of write-only or unknown register 0x%" HWADDR_PRIx
        "\n",
        addr);
    return 0;
}

static uint64_t virtio_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOMMIOProxy *s = opaque;

    switch (addr) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return s->legacy ? VIRTIO_MMIO_VERSION_LEGACY
                         : VIRTIO_MMIO_VERSION_MODERN;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    default:
        break;
    }
    if (!s->vdev) {
        /* DeviceID 0 tells the driver the slot is empty. */
        return 0;
    }
    if (addr >= VIRTIO_MMIO_CONFIG) {
        return virtio_config_read(s->vdev, addr - VIRTIO_MMIO_CONFIG, size);
    }
    /* 4.2.2.2: control registers are 32 bits wide. */
    if (size != 4) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: %u-byte read of register 0x%" HWADDR_PRIx
                      "\n",
                      size, addr);
        return 0;
    }
    return virtio_mmio_device_read(s, addr);
}

static void set_addr_half(uint64_t *field, bool high, uint32_t val)
{
    *field = high ? (*field & 0xffffffffull) | ((uint64_t)val << 32)
                  : (*field & ~0xffffffffull) | val;
}

/* The modern QueueDesc/Driver/Device registers of the selected queue. */
static void write_ring_addr(VirtIOMMIOProxy *s, hwaddr addr, uint32_t val)
{
    VirtIOMMIOQueue *q = &s->vqs[s->queue_sel];
    bool high = addr & 4;

    if (virtio_queue_ready(s->vdev, s->queue_sel)) {
        /* 4.2.3.2: not while the queue is enabled. */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: ring address written while queue %u is "
                      "ready\n",
                      s->queue_sel);
        return;
    }
    switch (addr & ~4) {
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
        set_addr_half(&q->desc, high, val);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
        set_addr_half(&q->driver, high, val);
        break;
    default:
        set_addr_half(&q->device, high, val);
        break;
    }
}

static void write_queue_ready(VirtIOMMIOProxy *s, uint32_t val)
{
    VirtIOMMIOQueue *q = &s->vqs[s->queue_sel];

    if (val & 1) {
        virtio_queue_set_rings(s->vdev, s->queue_sel, q->desc, q->driver,
                               q->device);
    }
    virtio_queue_set_ready(s->vdev, s->queue_sel, val & 1);
}

/*
 * Legacy QueuePFN (4.2.4): the ring's page; the available ring follows the
 * descriptors, the used ring starts at the next QueueAlign boundary. 0
 * stops the queue.
 */
static void write_queue_pfn(VirtIOMMIOProxy *s, uint32_t val)
{
    VirtIODevice *vdev = s->vdev;
    unsigned n = s->queue_sel;
    unsigned num = virtio_queue_get_num(vdev, n);
    uint64_t align = s->vqs[n].align;
    hwaddr desc = (hwaddr)val << s->guest_page_shift;
    hwaddr avail = desc + 16ull * num;
    hwaddr used = (avail + 6 + 2ull * num + align - 1) & ~(align - 1);

    if (val == 0) {
        virtio_queue_reset(vdev, n);
        return;
    }
    virtio_queue_set_rings(vdev, n, desc, avail, used);
    virtio_queue_set_ready(vdev, n, true);
}

static void write_legacy_align(VirtIOMMIOProxy *s, uint32_t val)
{
    if (val == 0 || (val & (val - 1))) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: QueueAlign %u\n", val);
        return;
    }
    s->vqs[s->queue_sel].align = val;
}

static void write_page_size(VirtIOMMIOProxy *s, uint32_t val)
{
    if (val == 0 || (val & (val - 1))) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio: GuestPageSize %u\n", val);
        return;
    }
    s->guest_page_shift = __builtin_ctz(val);
}

static void virtio_mmio_soft_reset(VirtIOMMIOProxy *s)
{
    s->device_features_sel = 0;
    s->driver_features_sel = 0;
    s->driver_features[0] = 0;
    s->driver_features[1] = 0;
    s->guest_page_shift = VIRTIO_MMIO_LEGACY_PAGE_SHIFT;
    s->queue_sel = 0;
    s->shm_sel = 0;
    memset(s->vqs, 0, sizeof(s->vqs));
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        s->vqs[i].align = VIRTIO_MMIO_LEGACY_ALIGN;
    }
}

/*
 * Status (2.1, 3.1.1): 0 resets the device; setting FEATURES_OK commits the
 * driver's features, and is refused (the bit stays clear) if they are not
 * acceptable.
 */
static void write_status(VirtIOMMIOProxy *s, uint32_t val)
{
    VirtIODevice *vdev = s->vdev;
    uint64_t f = s->driver_features[0] | (uint64_t)s->driver_features[1] << 32;

    if ((val & 0xff) == 0) {
        virtio_reset(vdev);
        virtio_mmio_soft_reset(s);
        return;
    }
    if (!s->legacy && (val & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !virtio_set_features(vdev, f)) {
        val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
    }
    virtio_set_status(vdev, val);
}

static void write_driver_features(VirtIOMMIOProxy *s, uint32_t val)
{
    if (s->driver_features_sel >= 2) {
        return;
    }
    s->driver_features[s->driver_features_sel] = val;
    /* A legacy driver's GuestFeatures take effect at once. */
    if (s->legacy && s->driver_features_sel == 0) {
        virtio_set_features(s->vdev, val);
    }
}

static bool modern_only(VirtIOMMIOProxy *s, hwaddr addr)
{
    if (s->legacy) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: modern register 0x%" HWADDR_PRIx
                      " written on a legacy transport\n",
                      addr);
    }
    return !s->legacy;
}

static bool legacy_only(VirtIOMMIOProxy *s, hwaddr addr)
{
    if (!s->legacy) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: legacy register 0x%" HWADDR_PRIx
                      " written on a modern transport\n",
                      addr);
    }
    return s->legacy;
}

static void write_queue_reset(VirtIOMMIOProxy *s, uint32_t val)
{
    if ((val & 1) && virtio_has_feature(s->vdev, VIRTIO_F_RING_RESET)) {
        virtio_queue_reset(s->vdev, s->queue_sel);
        memset(&s->vqs[s->queue_sel], 0, sizeof(s->vqs[0]));
        s->vqs[s->queue_sel].align = VIRTIO_MMIO_LEGACY_ALIGN;
    }
}

static void write_interrupt_ack(VirtIOMMIOProxy *s, uint32_t val)
{
    s->vdev->isr &= ~val;
    virtio_mmio_update_irq(s);
}

/* Writes that need a valid QueueSel. */
static void virtio_mmio_queue_write(VirtIOMMIOProxy *s, hwaddr addr,
                                    uint32_t val)
{
    switch (addr) {
    case VIRTIO_MMIO_QUEUE_NUM:
        virtio_queue_set_num(s->vdev, s->queue_sel, val);
        break;
    case VIRTIO_MMIO_QUEUE_ALIGN:
        if (legacy_only(s, addr)) {
            write_legacy_align(s, val);
        }
        break;
    case VIRTIO_MMIO_QUEUE_PFN:
        if (legacy_only(s, addr)) {
            write_queue_pfn(s, val);
        }
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        if (modern_only(s, addr)) {
            write_queue_ready(s, val);
        }
        break;
    case VIRTIO_MMIO_QUEUE_RESET:
        if (modern_only(s, addr)) {
            write_queue_reset(s, val);
        }
        break;
    default:
        if (modern_only(s, addr)) {
            write_ring_addr(s, addr, val);
        }
        break;
    }
}

static void virtio_mmio_device_write(VirtIOMMIOProxy *s, hwaddr addr,
                                     uint32_t val)
{
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        s->device_features_sel = val;
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        write_driver_features(s, val);
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        s->driver_features_sel = val;
        return;
    case VIRTIO_MMIO_GUEST_PAGE_SIZE:
        if (legacy_only(s, addr)) {
            write_page_size(s, val);
        }
        return;
    case VIRTIO_MMIO_QUEUE_SEL:
        s->queue_sel = val;
        return;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        virtio_queue_notify(s->vdev, val & 0xffff);
        return;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        write_interrupt_ack(s, val);
        return;
    case VIRTIO_MMIO_STATUS:
        write_status(s, val);
        return;
    case VIRTIO_MMIO_SHM_SEL:
        s->shm_sel = val;
        return;
    case VIRTIO_MMIO_QUEUE_NUM:
    case VIRTIO_MMIO_QUEUE_ALIGN:
    case VIRTIO_MMIO_QUEUE_PFN:
    case VIRTIO_MMIO_QUEUE_READY:
    case VIRTIO_MMIO_QUEUE_RESET:
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        if (!virtio_queue_exists(s->vdev, s->queue_sel)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "virtio-mmio: queue register 0x%" HWADDR_PRIx
                          " of absent queue %u\n",
                          addr, s->queue_sel);
            return;
        }
        virtio_mmio_queue_write(s, addr, val);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: write to read-only or unknown register "
                      "0x%" HWADDR_PRIx "\n",
                      addr);
        return;
    }
}

static void virtio_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    VirtIOMMIOProxy *s = opaque;

    if (!s->vdev) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: write of 0x%" PRIx64 " to 0x%" HWADDR_PRIx
                      " with no device plugged\n",
                      __func__, val, addr);
        return;
    }
    if (addr >= VIRTIO_MMIO_CONFIG) {
        virtio_config_write(s->vdev, addr - VIRTIO_MMIO_CONFIG, val, size);
        return;
    }
    if (size != 4) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "virtio-mmio: %u-byte write to register 0x%" HWADDR_PRIx
                      "\n",
                      size, addr);
        return;
    }
    virtio_mmio_device_write(s, addr, val);
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* Plugging */

typedef struct FreeTransport {
    VirtIOMMIOProxy *best;
    hwaddr best_addr;
} FreeTransport;

static int find_free_transport(Object *obj, void *opaque)
{
    FreeTransport *f = opaque;
    VirtIOMMIOProxy *s =
        (VirtIOMMIOProxy *)object_dynamic_cast(obj, TYPE_VIRTIO_MMIO);

    if (s && !s->vdev && DEVICE(s)->realized) {
        hwaddr addr = SYS_BUS_DEVICE(s)->mmio[0].addr;

        if (addr != HWADDR_MAX && (!f->best || addr > f->best_addr)) {
            f->best = s;
            f->best_addr = addr;
        }
    }
    object_child_foreach(obj, find_free_transport, f);
    return 0;
}

bool virtio_mmio_plug_next(VirtIODevice *vdev, GError **errp)
{
    FreeTransport f = { NULL, 0 };
    VirtIOMMIOProxy *s;

    find_free_transport(object_get_root(), &f);
    s = f.best;
    if (!s) {
        error_setg(errp, "No 'virtio-bus' bus found for device '%s'",
                   object_get_typename(OBJECT(vdev)));
        return false;
    }
    if (s->legacy && virtio_machine_requires_platform()) {
        error_setg(errp,
                   "device '%s': this machine requires modern virtio "
                   "(virtio-mmio.force-legacy=false)",
                   object_get_typename(OBJECT(vdev)));
        return false;
    }
    s->vdev = vdev;
    vdev->bus.opaque = s;
    vdev->bus.update_irq = virtio_mmio_update_irq;
    vdev->bus.legacy = s->legacy;
    vdev->plugged = true;
    virtio_reset(vdev);
    virtio_mmio_soft_reset(s);
    return true;
}

/* Lifetime */

static void virtio_mmio_init(Object *obj)
{
    VirtIOMMIOProxy *s = VIRTIO_MMIO(obj);

    memory_region_init_io(&s->iomem, obj, &virtio_mmio_ops, s, TYPE_VIRTIO_MMIO,
                          VIRTIO_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void virtio_mmio_finalize(Object *obj)
{
    memory_region_destroy(&VIRTIO_MMIO(obj)->iomem);
}

static void virtio_mmio_reset(DeviceState *dev)
{
    VirtIOMMIOProxy *s = VIRTIO_MMIO(dev);

    virtio_mmio_soft_reset(s);
    if (s->vdev) {
        virtio_reset(s->vdev);
    }
    qemu_irq_lower(s->irq);
}

static const Property virtio_mmio_props[] = {
    DEFINE_PROP_BOOL("format_transport_address", VirtIOMMIOProxy,
                     format_transport_address, true),
    DEFINE_PROP_BOOL("force-legacy", VirtIOMMIOProxy, legacy, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_mmio_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "virtio-mmio transport";
    dc->reset = virtio_mmio_reset;
    device_class_set_props(dc, virtio_mmio_props);
}

static const TypeInfo virtio_mmio_info = {
    .name = TYPE_VIRTIO_MMIO,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(VirtIOMMIOProxy),
    .instance_init = virtio_mmio_init,
    .instance_finalize = virtio_mmio_finalize,
    .class_init = virtio_mmio_class_init,
};

static void virtio_mmio_register_types(void)
{
    type_register_static(&virtio_mmio_info);
}

type_init(virtio_mmio_register_types)

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
    /* There is no VirtIODevice backend type yet to read from. */
    qemu_log_mask(LOG_UNIMP, "%s: device register 0x%" HWADDR_PRIx "\n",
                  __func__, addr);
    return 0;
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
    qemu_log_mask(LOG_UNIMP, "%s: device register 0x%" HWADDR_PRIx "\n",
                  __func__, addr);
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

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

    s->device_features_sel = 0;
    s->driver_features_sel = 0;
    s->driver_features[0] = 0;
    s->driver_features[1] = 0;
    s->guest_page_shift = 0;
    s->queue_sel = 0;
    s->shm_sel = 0;
    memset(s->vqs, 0, sizeof(s->vqs));
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

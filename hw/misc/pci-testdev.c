/*
 * pci-testdev (-device pci-testdev[,addr=SLOT[.FN]]): a PCI function with
 * QEMU's IDs (1b36:0005, class 00ff) and BARs (BAR0: 4 KiB memory, BAR1:
 * 256 bytes of I/O), for testing the bus: BAR sizing, decoding, mapping.
 * Each BAR is scratch storage here: what is written reads back.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"

#define TYPE_PCI_TESTDEV "pci-testdev"
OBJECT_DECLARE_SIMPLE_TYPE(PCITestDevState, PCI_TESTDEV)

#define TESTDEV_MMIO_SIZE 4096
#define TESTDEV_IO_SIZE   256

struct PCITestDevState {
    PCIDevice parent_obj;
    MemoryRegion mmio, portio;
    uint8_t mmio_data[TESTDEV_MMIO_SIZE];
    uint8_t io_data[TESTDEV_IO_SIZE];
};

static uint64_t scratch_read(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (i * 8);
    }
    return v;
}

static void scratch_write(uint8_t *p, uint64_t val, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        p[i] = val >> (i * 8);
    }
}

static uint64_t testdev_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    return scratch_read(PCI_TESTDEV(opaque)->mmio_data + addr, size);
}

static void testdev_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                               unsigned size)
{
    scratch_write(PCI_TESTDEV(opaque)->mmio_data + addr, val, size);
}

static uint64_t testdev_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return scratch_read(PCI_TESTDEV(opaque)->io_data + addr, size);
}

static void testdev_io_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    scratch_write(PCI_TESTDEV(opaque)->io_data + addr, val, size);
}

static const MemoryRegionOps testdev_mmio_ops = {
    .read = testdev_mmio_read,
    .write = testdev_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

static const MemoryRegionOps testdev_io_ops = {
    .read = testdev_io_read,
    .write = testdev_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void pci_testdev_realize(PCIDevice *dev, GError **errp)
{
    PCITestDevState *s = PCI_TESTDEV(dev);

    memory_region_init_io(&s->mmio, OBJECT(s), &testdev_mmio_ops, s,
                          "pci-testdev-mmio", TESTDEV_MMIO_SIZE);
    memory_region_init_io(&s->portio, OBJECT(s), &testdev_io_ops, s,
                          "pci-testdev-portio", TESTDEV_IO_SIZE);
    pci_register_bar(dev, 0, 0, &s->mmio);
    pci_register_bar(dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->portio);
}

static void pci_testdev_reset(PCIDevice *dev)
{
    PCITestDevState *s = PCI_TESTDEV(dev);

    memset(s->mmio_data, 0, sizeof(s->mmio_data));
    memset(s->io_data, 0, sizeof(s->io_data));
}

static void pci_testdev_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);

    dc->desc = "PCI Test Device";
    dc->category = DEVICE_CATEGORY_MISC;
    dc->user_creatable = true;
    pc->vendor_id = 0x1b36;
    pc->device_id = 0x0005;
    pc->class_id = 0x00ff;
    pc->realize = pci_testdev_realize;
    pc->reset = pci_testdev_reset;
}

static const TypeInfo pci_testdev_info = {
    .name = TYPE_PCI_TESTDEV,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCITestDevState),
    .class_size = sizeof(PCIDeviceClass),
    .class_init = pci_testdev_class_init,
};

static void pci_testdev_register_types(void)
{
    type_register_static(&pci_testdev_info);
}

type_init(pci_testdev_register_types)

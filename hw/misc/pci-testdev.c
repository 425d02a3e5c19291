/*
 * pci-testdev (-device pci-testdev[,addr=SLOT[.FN]]): a PCI function with
 * QEMU's IDs (1b36:0005, class 00ff) and BARs (BAR0: 4 KiB memory, BAR1:
 * 256 bytes of I/O), for testing the bus: BAR sizing, decoding, mapping.
 * Each BAR is plain RAM here: what is written reads back.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"

#define TYPE_PCI_TESTDEV "pci-testdev"
OBJECT_DECLARE_SIMPLE_TYPE(PCITestDevState, PCI_TESTDEV)

#define TESTDEV_MMIO_SIZE 4096
#define TESTDEV_IO_SIZE   256

struct PCITestDevState {
    PCIDevice parent_obj;
    MemoryRegion mmio, portio; /* RAM: what is written reads back */
};

static void pci_testdev_realize(PCIDevice *dev, GError **errp)
{
    PCITestDevState *s = PCI_TESTDEV(dev);

    if (!memory_region_init_ram(&s->mmio, OBJECT(s), "pci-testdev-mmio",
                                TESTDEV_MMIO_SIZE, errp) ||
        !memory_region_init_ram(&s->portio, OBJECT(s), "pci-testdev-portio",
                                TESTDEV_IO_SIZE, errp)) {
        return;
    }
    pci_register_bar(dev, 0, 0, &s->mmio);
    pci_register_bar(dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->portio);
}

static void pci_testdev_reset(PCIDevice *dev)
{
    PCITestDevState *s = PCI_TESTDEV(dev);

    memset(memory_region_get_ram_ptr(&s->mmio), 0, TESTDEV_MMIO_SIZE);
    memset(memory_region_get_ram_ptr(&s->portio), 0, TESTDEV_IO_SIZE);
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

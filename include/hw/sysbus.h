/*
 * System-bus devices: MMIO regions mapped into the system address space
 * and output IRQ lines ("sysbus-irq").
 */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "hw/qdev-core.h"
#include "exec/memory.h"

#define TYPE_SYS_BUS_DEVICE "sys-bus-device"
OBJECT_DECLARE_TYPE(SysBusDevice, SysBusDeviceClass, SYS_BUS_DEVICE)

#define QDEV_MAX_MMIO 8
#define SYSBUS_DEVICE_GPIO_IRQ "sysbus-irq"

struct SysBusDevice {
    DeviceState parent_obj;
    int num_mmio;
    struct {
        hwaddr addr; /* HWADDR_MAX while unmapped */
        MemoryRegion *memory;
    } mmio[QDEV_MAX_MMIO];
};

struct SysBusDeviceClass {
    DeviceClass parent_class;
};

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *memory);
void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr);
void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p);
void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq);
bool sysbus_realize(SysBusDevice *dev, GError **errp);

#endif

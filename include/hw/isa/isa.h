/*
 * The ISA bus of a PC: sixteen IRQ lines the machine wires to its
 * interrupt controllers, and the 64 KiB I/O port space
 * (get_system_io()). ISA devices find the bus from their realize.
 */
#ifndef HW_ISA_ISA_H
#define HW_ISA_ISA_H

#include "qemu/osdep.h"
#include "qom/object.h"
#include "hw/irq.h"

#define ISA_NUM_IRQS 16

#define TYPE_ISA_BUS "ISA"
OBJECT_DECLARE_SIMPLE_TYPE(ISABus, ISA_BUS)

struct ISABus {
    Object parent_obj;
    qemu_irq irqs[ISA_NUM_IRQS];
    uint32_t serial_ports; /* isa-serial devices realized: the next index */
};

/* A bus named "isa.0" under parent; its IRQs come from isa_bus_irqs(). */
ISABus *isa_bus_new(Object *parent);
void isa_bus_irqs(ISABus *bus, const qemu_irq *irqs);
/* The machine's ISA bus, or NULL with *errp when it has none. */
ISABus *isa_bus_find(const char *devname, GError **errp);
/* IRQ line isairq (below ISA_NUM_IRQS, else NULL with *errp). */
qemu_irq isa_bus_get_irq(ISABus *bus, uint32_t isairq, const char *devname,
                         GError **errp);

#endif

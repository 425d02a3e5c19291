/*
 * The ISA bus: where ISA devices (-device isa-serial, the PC's RTC, ...)
 * find their IRQ lines. The machine makes it and wires its lines.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/isa/isa.h"

ISABus *isa_bus_new(Object *parent)
{
    Object *bus = object_new(TYPE_ISA_BUS);

    object_property_add_child(parent, "isa.0", bus);
    object_unref(bus);
    return ISA_BUS(bus);
}

void isa_bus_irqs(ISABus *bus, const qemu_irq *irqs)
{
    memcpy(bus->irqs, irqs, sizeof(bus->irqs));
}

ISABus *isa_bus_find(const char *devname, GError **errp)
{
    Object *bus = object_resolve_path_type("isa.0", TYPE_ISA_BUS, NULL);

    if (!bus) {
        error_setg(errp, "%s: the machine has no ISA bus", devname);
        return NULL;
    }
    return ISA_BUS(bus);
}

qemu_irq isa_bus_get_irq(ISABus *bus, uint32_t isairq, const char *devname,
                         GError **errp)
{
    if (isairq >= ISA_NUM_IRQS) {
        error_setg(errp, "%s: irq %u is above %u", devname, isairq,
                   ISA_NUM_IRQS - 1);
        return NULL;
    }
    return bus->irqs[isairq];
}

static const TypeInfo isa_bus_info = {
    .name = TYPE_ISA_BUS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(ISABus),
};

static void isa_bus_register_types(void)
{
    type_register_static(&isa_bus_info);
}

type_init(isa_bus_register_types)

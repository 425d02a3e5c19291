/*
 * System control port A at 0x92 ("port92", as QEMU's PC): bit 1 is the
 * fast A20 gate, and setting bit 0 resets the machine (the alternate
 * hot reset). Under KVM there is no A20 mask to apply (the CPU always
 * sees all address lines), so bit 1 is only kept for reads.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "sysemu/runstate.h"

#define TYPE_PORT92 "port92"
OBJECT_DECLARE_SIMPLE_TYPE(Port92State, PORT92)

#define PORT92_BASE  0x92
#define PORT92_RESET 0x01
#define PORT92_A20   0x02

struct Port92State {
    DeviceState parent_obj;
    MemoryRegion io;
    uint8_t outport;
};

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    return PORT92(opaque)->outport;
}

static void port92_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->outport;

    s->outport = val;
    if ((val & PORT92_RESET) && !(old & PORT92_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void port92_realize(DeviceState *dev, GError **errp)
{
    Port92State *s = PORT92(dev);

    memory_region_init_io(&s->io, OBJECT(s), &port92_ops, s, "port92", 1);
    memory_region_add_subregion(get_system_io(), PORT92_BASE, &s->io);
}

/* The reset bit reads 0 again after the reset it caused. */
static void port92_reset(DeviceState *dev)
{
    PORT92(dev)->outport &= ~PORT92_RESET;
}

static void port92_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "PC system control port A (A20, reset)";
    dc->realize = port92_realize;
    dc->reset = port92_reset;
}

static const TypeInfo port92_info = {
    .name = TYPE_PORT92,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(Port92State),
    .class_init = port92_class_init,
};

static void port92_register_types(void)
{
    type_register_static(&port92_info);
}

type_init(port92_register_types)

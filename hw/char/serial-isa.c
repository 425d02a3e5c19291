/*
 * "isa-serial": the NS16550A on I/O ports, as a PC's COM1-COM4. index=N
 * (default: the next free) picks the PC's standard port and IRQ (COM1
 * 0x3f8 IRQ 4, COM2 0x2f8 IRQ 3, COM3 0x3e8 IRQ 4, COM4 0x2e8 IRQ 3);
 * iobase= and irq= override them. A word or dword access reaches the
 * registers at consecutive ports, a byte each.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/char/serial.h"
#include "hw/isa/isa.h"

#define ISA_SERIAL_MAX_PORTS 4
#define ISA_SERIAL_BAUDBASE  115200 /* the 1.8432 MHz crystal / 16 */
#define ISA_SERIAL_AUTO      UINT32_MAX

OBJECT_DECLARE_SIMPLE_TYPE(ISASerialState, ISA_SERIAL)

struct ISASerialState {
    DeviceState parent_obj;
    MemoryRegion io;
    uint32_t index;
    uint32_t iobase;
    uint32_t isairq;
    SerialState serial;
};

static const struct {
    uint16_t iobase;
    uint8_t irq;
} isa_serial_std[ISA_SERIAL_MAX_PORTS] = {
    { 0x3f8, 4 },
    { 0x2f8, 3 },
    { 0x3e8, 4 },
    { 0x2e8, 3 },
};

static uint64_t isa_serial_read(void *opaque, hwaddr addr, unsigned size)
{
    ISASerialState *s = opaque;

    return serial_read(&s->serial, addr);
}

static void isa_serial_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    ISASerialState *s = opaque;

    serial_write(&s->serial, addr, val);
}

static const MemoryRegionOps isa_serial_ops = {
    .read = isa_serial_read,
    .write = isa_serial_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void isa_serial_init(Object *obj)
{
    serial_init(&ISA_SERIAL(obj)->serial);
}

static void isa_serial_realize(DeviceState *dev, GError **errp)
{
    ISASerialState *s = ISA_SERIAL(dev);
    ISABus *bus = isa_bus_find(TYPE_ISA_SERIAL, errp);

    if (!bus) {
        return;
    }
    if (s->index == ISA_SERIAL_AUTO) {
        s->index = bus->serial_ports;
    }
    if (s->index >= ISA_SERIAL_MAX_PORTS) {
        error_setg(errp, "Max. supported number of ISA serial ports is %d.",
                   ISA_SERIAL_MAX_PORTS);
        return;
    }
    if (s->iobase == ISA_SERIAL_AUTO) {
        s->iobase = isa_serial_std[s->index].iobase;
    }
    if (s->isairq == ISA_SERIAL_AUTO) {
        s->isairq = isa_serial_std[s->index].irq;
    }
    if (s->iobase > 0x10000 - UART_NUM_REGS) {
        error_setg(errp, "isa-serial: iobase 0x%x is beyond the I/O space",
                   s->iobase);
        return;
    }
    s->serial.irq = isa_bus_get_irq(bus, s->isairq, TYPE_ISA_SERIAL, errp);
    if (!s->serial.irq || !serial_realize(&s->serial, TYPE_ISA_SERIAL, errp)) {
        return;
    }
    bus->serial_ports++;
    memory_region_init_io(&s->io, OBJECT(s), &isa_serial_ops, s, "serial",
                          UART_NUM_REGS);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->io);
}

static void isa_serial_unrealize(DeviceState *dev)
{
    ISASerialState *s = ISA_SERIAL(dev);

    memory_region_del_subregion(get_system_io(), &s->io);
    serial_unrealize(&s->serial);
}

static void isa_serial_reset(DeviceState *dev)
{
    serial_reset(&ISA_SERIAL(dev)->serial);
}

static const Property isa_serial_props[] = {
    DEFINE_PROP_UINT32("index", ISASerialState, index, ISA_SERIAL_AUTO),
    DEFINE_PROP_UINT32("iobase", ISASerialState, iobase, ISA_SERIAL_AUTO),
    DEFINE_PROP_UINT32("irq", ISASerialState, isairq, ISA_SERIAL_AUTO),
    DEFINE_PROP_CHR("chardev", ISASerialState, serial.chr),
    DEFINE_PROP_UINT32("baudbase", ISASerialState, serial.baudbase,
                       ISA_SERIAL_BAUDBASE),
    DEFINE_PROP_END_OF_LIST(),
};

static void isa_serial_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "NS16550A UART on ISA ports";
    dc->category = DEVICE_CATEGORY_INPUT;
    dc->user_creatable = true;
    dc->bus_type = TYPE_ISA_BUS;
    dc->realize = isa_serial_realize;
    dc->unrealize = isa_serial_unrealize;
    dc->reset = isa_serial_reset;
    device_class_set_props(dc, isa_serial_props);
}

static const TypeInfo isa_serial_info = {
    .name = TYPE_ISA_SERIAL,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(ISASerialState),
    .instance_init = isa_serial_init,
    .class_init = isa_serial_class_init,
};

static void isa_serial_register_types(void)
{
    type_register_static(&isa_serial_info);
}

type_init(isa_serial_register_types)

/*
 * "serial-mm": the NS16550A on a memory bus. Its eight registers are
 * 1 << regshift bytes apart; accesses of 2, 4 or 8 bytes act on the low
 * byte of the register they start at.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/char/serial.h"

#define SERIAL_MM_DEFAULT_BAUDBASE (3686400 / 16)
#define SERIAL_MM_MAX_REGSHIFT     8

static uint64_t serial_mm_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialMMState *s = opaque;

    return serial_read(&s->serial, addr >> s->regshift);
}

static void serial_mm_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    SerialMMState *s = opaque;

    serial_write(&s->serial, addr >> s->regshift, val & 0xff);
}

static const MemoryRegionOps serial_mm_ops = {
    .read = serial_mm_read,
    .write = serial_mm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
};

static void serial_mm_init(Object *obj)
{
    SerialMMState *s = SERIAL_MM(obj);

    serial_init(&s->serial);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->serial.irq);
}

static void serial_mm_realize(DeviceState *dev, GError **errp)
{
    SerialMMState *s = SERIAL_MM(dev);

    if (s->regshift > SERIAL_MM_MAX_REGSHIFT) {
        error_setg(errp, "serial-mm: regshift %u is above %u", s->regshift,
                   SERIAL_MM_MAX_REGSHIFT);
        return;
    }
    if (!serial_realize(&s->serial, "serial-mm", errp)) {
        return;
    }
    /* The size depends on regshift, so the region is made here. */
    memory_region_init_io(&s->mmio, OBJECT(s), &serial_mm_ops, s, "serial",
                          UART_NUM_REGS << s->regshift);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->mmio);
}

static void serial_mm_unrealize(DeviceState *dev)
{
    serial_unrealize(&SERIAL_MM(dev)->serial);
}

static void serial_mm_reset(DeviceState *dev)
{
    serial_reset(&SERIAL_MM(dev)->serial);
}

static const Property serial_mm_props[] = {
    DEFINE_PROP_CHR("chardev", SerialMMState, serial.chr),
    DEFINE_PROP_UINT8("regshift", SerialMMState, regshift, 0),
    DEFINE_PROP_UINT32("baudbase", SerialMMState, serial.baudbase,
                       SERIAL_MM_DEFAULT_BAUDBASE),
    DEFINE_PROP_END_OF_LIST(),
};

static void serial_mm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "NS16550A UART (memory mapped)";
    dc->realize = serial_mm_realize;
    dc->unrealize = serial_mm_unrealize;
    dc->reset = serial_mm_reset;
    device_class_set_props(dc, serial_mm_props);
}

static const TypeInfo serial_mm_info = {
    .name = TYPE_SERIAL_MM,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(SerialMMState),
    .instance_init = serial_mm_init,
    .class_init = serial_mm_class_init,
};

static void serial_mm_register_types(void)
{
    type_register_static(&serial_mm_info);
}

type_init(serial_mm_register_types)

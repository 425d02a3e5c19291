/*
 * pc-testdev (-device pc-testdev), the test device of KVM's unit tests,
 * with QEMU's layout: a 32-bit scratch register at ports 0xe0-0xe3
 * (accessed at any width) and again at 0xe8-0xeb (accessed a byte at a
 * time), a page-flush port at 0xe4 (4-byte writes; nothing to flush
 * here), ports 0x2000-0x2017 that set IRQ line N to the byte written to
 * port 0x2000 + N, and 64 KiB of scratch memory at 0xff000000.
 *
 * Only ISA lines 0-15 exist on the bus; a write to the line ports above
 * is a guest error (QEMU 7.2 aborts on it).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/isa/isa.h"
#include "hw/qdev-core.h"

#define TYPE_PC_TESTDEV "pc-testdev"
OBJECT_DECLARE_SIMPLE_TYPE(PCTestdevState, PC_TESTDEV)

#define TESTDEV_IOPORT      0xe0
#define TESTDEV_FLUSH       0xe4
#define TESTDEV_IOPORT_BYTE 0xe8
#define TESTDEV_IRQ         0x2000
#define TESTDEV_IRQ_LINES   24
#define TESTDEV_IOMEM       0xff000000ULL
#define TESTDEV_IOMEM_SIZE  0x10000

struct PCTestdevState {
    DeviceState parent_obj;
    MemoryRegion ioport, ioport_byte, flush, irq_io, iomem;
    ISABus *bus;
    uint32_t ioport_data;
    uint8_t iomem_buf[TESTDEV_IOMEM_SIZE];
};

/* Bytes addr % 4 .. + size of the scratch register. */
static uint64_t testdev_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PCTestdevState *s = opaque;
    unsigned shift = (addr & 3) * 8;

    return (s->ioport_data >> shift) & (UINT32_MAX >> (32 - size * 8));
}

static void testdev_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    PCTestdevState *s = opaque;
    unsigned shift = (addr & 3) * 8;
    uint32_t mask = (UINT32_MAX >> (32 - size * 8)) << shift;

    s->ioport_data =
        (s->ioport_data & ~mask) | (((uint32_t)val << shift) & mask);
}

static const MemoryRegionOps testdev_ioport_ops = {
    .read = testdev_ioport_read,
    .write = testdev_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps testdev_ioport_byte_ops = {
    .read = testdev_ioport_read,
    .write = testdev_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* The flush and IRQ-line ports are write-only. */
static uint64_t testdev_read_zero(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

/* Guest RAM is host memory here; there is no translation to flush. */
static void testdev_flush_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
}

static const MemoryRegionOps testdev_flush_ops = {
    .read = testdev_read_zero,
    .write = testdev_flush_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static void testdev_irq_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    PCTestdevState *s = opaque;

    if (addr >= ISA_NUM_IRQS) {
        qemu_log_mask(LOG_GUEST_ERROR, "pc-testdev: no ISA IRQ line %u\n",
                      (unsigned)addr);
        return;
    }
    qemu_set_irq(s->bus->irqs[addr], !!val);
}

static const MemoryRegionOps testdev_irq_ops = {
    .read = testdev_read_zero,
    .write = testdev_irq_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static uint64_t testdev_iomem_read(void *opaque, hwaddr addr, unsigned size)
{
    PCTestdevState *s = opaque;
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)s->iomem_buf[addr + i] << (8 * i);
    }
    return v;
}

static void testdev_iomem_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    PCTestdevState *s = opaque;

    for (unsigned i = 0; i < size; i++) {
        s->iomem_buf[addr + i] = val >> (8 * i);
    }
}

/* Aligned accesses only, so none runs past the buffer. */
static const MemoryRegionOps testdev_iomem_ops = {
    .read = testdev_iomem_read,
    .write = testdev_iomem_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

static void testdev_realize(DeviceState *dev, GError **errp)
{
    PCTestdevState *s = PC_TESTDEV(dev);
    MemoryRegion *io = get_system_io();

    s->bus = isa_bus_find(TYPE_PC_TESTDEV, errp);
    if (!s->bus) {
        return;
    }
    memory_region_init_io(&s->ioport, OBJECT(s), &testdev_ioport_ops, s,
                          "pc-testdev-ioport", 4);
    memory_region_init_io(&s->flush, OBJECT(s), &testdev_flush_ops, s,
                          "pc-testdev-flush-page", 4);
    memory_region_init_io(&s->ioport_byte, OBJECT(s), &testdev_ioport_byte_ops,
                          s, "pc-testdev-ioport-byte", 4);
    memory_region_init_io(&s->irq_io, OBJECT(s), &testdev_irq_ops, s,
                          "pc-testdev-irq-line", TESTDEV_IRQ_LINES);
    memory_region_init_io(&s->iomem, OBJECT(s), &testdev_iomem_ops, s,
                          "pc-testdev-iomem", TESTDEV_IOMEM_SIZE);
    memory_region_add_subregion(io, TESTDEV_IOPORT, &s->ioport);
    memory_region_add_subregion(io, TESTDEV_FLUSH, &s->flush);
    memory_region_add_subregion(io, TESTDEV_IOPORT_BYTE, &s->ioport_byte);
    memory_region_add_subregion(io, TESTDEV_IRQ, &s->irq_io);
    memory_region_add_subregion(get_system_memory(), TESTDEV_IOMEM, &s->iomem);
}

static void testdev_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "KVM unit tests' test device";
    dc->category = DEVICE_CATEGORY_MISC;
    dc->user_creatable = true;
    dc->bus_type = TYPE_ISA_BUS;
    dc->realize = testdev_realize;
}

static const TypeInfo testdev_info = {
    .name = TYPE_PC_TESTDEV,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(PCTestdevState),
    .class_init = testdev_class_init,
};

static void testdev_register_types(void)
{
    type_register_static(&testdev_info);
}

type_init(testdev_register_types)

/*
 * isa-debug-exit (-device isa-debug-exit[,iobase=0x501][,iosize=2]), as
 * QEMU's: a write of V to its ports ends the emulator with status
 * (V << 1) | 1, so guest test programs can report a result. Reads 0.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "sysemu/runstate.h"

#define TYPE_ISA_DEBUG_EXIT "isa-debug-exit"
OBJECT_DECLARE_SIMPLE_TYPE(ISADebugExitState, ISA_DEBUG_EXIT)

struct ISADebugExitState {
    DeviceState parent_obj;
    uint32_t iobase;
    uint32_t iosize;
    MemoryRegion io;
};

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    qemu_system_shutdown_request_with_code(SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
                                           (int)((val << 1) | 1));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void debug_exit_realize(DeviceState *dev, GError **errp)
{
    ISADebugExitState *s = ISA_DEBUG_EXIT(dev);

    if (s->iosize == 0 || s->iosize > 0x10000 ||
        s->iobase > 0x10000 - s->iosize) {
        error_setg(errp,
                   "isa-debug-exit: iobase 0x%x and iosize 0x%x must "
                   "lie in the 64 KiB I/O space",
                   s->iobase, s->iosize);
        return;
    }
    memory_region_init_io(&s->io, OBJECT(dev), &debug_exit_ops, s,
                          TYPE_ISA_DEBUG_EXIT, s->iosize);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->io);
}

static const Property debug_exit_props[] = {
    DEFINE_PROP_UINT32("iobase", ISADebugExitState, iobase, 0x501),
    DEFINE_PROP_UINT32("iosize", ISADebugExitState, iosize, 0x02),
    DEFINE_PROP_END_OF_LIST(),
};

static void debug_exit_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "ISA debug exit device";
    dc->user_creatable = true;
    dc->bus_type = "ISA"; /* the machine's I/O port space */
    dc->realize = debug_exit_realize;
    device_class_set_props(dc, debug_exit_props);
}

static const TypeInfo debug_exit_info = {
    .name = TYPE_ISA_DEBUG_EXIT,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(ISADebugExitState),
    .class_init = debug_exit_class_init,
};

static void debug_exit_register_types(void)
{
    type_register_static(&debug_exit_info);
}

type_init(debug_exit_register_types)

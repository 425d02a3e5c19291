/*
 * The machine base class and its properties (-machine TYPE,prop=value).
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "exec/memory.h"
#include <sys/mman.h>

static MachineState *current_machine;

MachineState *qdev_get_machine(void)
{
    return current_machine;
}

void machine_set_current(MachineState *ms)
{
    current_machine = ms;
}

MachineClass *machine_class_find(const char *name)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);
    MachineClass *found = NULL;

    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = l->data;

        if (!strcmp(mc->name, name)) {
            found = mc;
        }
    }
    g_slist_free(list);
    return found;
}

MachineClass *machine_class_default(void)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);
    MachineClass *found = NULL;

    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = l->data;

        if (mc->is_default) {
            found = mc;
        }
    }
    g_slist_free(list);
    return found;
}

static const Property machine_props[] = {
    DEFINE_PROP_STRING_DESC("dumpdtb", MachineState, dumpdtb,
                            "Write the generated device tree to this file "
                            "and exit"),
    DEFINE_PROP_STRING_DESC("dtb", MachineState, dtb,
                            "Device tree blob to pass instead of ours"),
    DEFINE_PROP_STRING_DESC("kernel", MachineState, kernel_filename,
                            "Kernel image to load"),
    DEFINE_PROP_STRING_DESC("initrd", MachineState, initrd_filename,
                            "Initial ramdisk to load next to the kernel"),
    DEFINE_PROP_STRING_DESC("append", MachineState, kernel_cmdline,
                            "Kernel command line"),
    DEFINE_PROP_STRING_DESC("firmware", MachineState, firmware,
                            "Firmware image (or 'none')"),
    DEFINE_PROP_STRING_DESC("accel", MachineState, accel,
                            "Accelerators to try, in order (kvm:tcg)"),
    /* Ours (not QEMU's): what a confidential guest will turn on. */
    DEFINE_PROP_BOOL_DESC("x-virtio-require-platform", MachineState,
                          virtio_require_platform, false,
                          "Refuse virtio drivers that do not negotiate "
                          "VERSION_1 and ACCESS_PLATFORM"),
    DEFINE_PROP_BOOL_DESC("dump-guest-core", MachineState, dump_guest_core,
                          true,
                          "Put guest memory in the emulator's core dumps"),
    DEFINE_PROP_BOOL_DESC("usb", MachineState, usb, false,
                          "Whether the machine has USB (none here)"),
    DEFINE_PROP_END_OF_LIST(),
};

/*
 * dump-guest-core=off: leave guest RAM out of the emulator's core dumps
 * (libvirt's default, so a crash does not write the guest's memory).
 */
void machine_apply_dump_guest_core(MachineState *ms)
{
    if (!ms->dump_guest_core && ms->ram) {
        madvise(memory_region_get_ram_ptr(ms->ram), ms->ram->size,
                MADV_DONTDUMP);
    }
}

static void machine_class_init(ObjectClass *oc, void *data)
{
    object_class_add_props(oc, machine_props);
}

static const TypeInfo machine_info = {
    .name = TYPE_MACHINE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .instance_size = sizeof(MachineState),
    .class_size = sizeof(MachineClass),
    .class_init = machine_class_init,
};

static void machine_register_types(void)
{
    type_register_static(&machine_info);
}

type_init(machine_register_types)

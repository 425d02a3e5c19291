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
    DEFINE_PROP_STRING("dumpdtb", MachineState, dumpdtb),
    DEFINE_PROP_STRING("dtb", MachineState, dtb),
    DEFINE_PROP_STRING("kernel", MachineState, kernel_filename),
    DEFINE_PROP_STRING("initrd", MachineState, initrd_filename),
    DEFINE_PROP_STRING("append", MachineState, kernel_cmdline),
    DEFINE_PROP_STRING("firmware", MachineState, firmware),
    DEFINE_PROP_STRING("accel", MachineState, accel),
    /* Ours (not QEMU's): what a confidential guest will turn on. */
    DEFINE_PROP_BOOL("x-virtio-require-platform", MachineState,
                     virtio_require_platform, false),
    DEFINE_PROP_BOOL("dump-guest-core", MachineState, dump_guest_core, true),
    DEFINE_PROP_BOOL("usb", MachineState, usb, false),
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

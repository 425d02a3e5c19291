/*
 * -machine none: no harts, no RAM (-m is ignored), no devices. What libvirt
 * starts to probe a binary's capabilities, and what qtests use to talk to
 * the monitor alone.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "exec/memory.h"

static bool none_machine_init(MachineState *ms, GError **errp)
{
    return true;
}

static void none_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "none";
    mc->desc = "empty machine";
    mc->init = none_machine_init;
    mc->max_cpus = 1;
    mc->default_ram_size = 0;
}

static const TypeInfo none_machine_info = {
    .name = "none" TYPE_MACHINE_SUFFIX,
    .parent = TYPE_MACHINE,
    .class_init = none_machine_class_init,
};

static void none_machine_register_types(void)
{
    type_register_static(&none_machine_info);
}

type_init(none_machine_register_types)

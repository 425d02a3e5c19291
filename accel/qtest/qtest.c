/*
 * The qtest accelerator (-accel qtest): no guest code runs; the virtual
 * clock moves only on the protocol's clock_step/clock_set.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "sysemu/accel.h"
#include "sysemu/qtest.h"

static bool qtest_init_machine(AccelState *as, MachineState *ms, GError **errp)
{
    qtest_set_enabled(true);
    qemu_clock_set_manual(true);
    return true;
}

/* No vCPU threads: every hook is "nothing to do". */
static const AccelOps qtest_accel_ops;

static void qtest_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "qtest";
    ac->init_machine = qtest_init_machine;
    ac->ops = &qtest_accel_ops;
}

static const TypeInfo qtest_accel_type = {
    .name = ACCEL_CLASS_NAME("qtest"),
    .parent = TYPE_ACCEL,
    .class_init = qtest_accel_class_init,
};

static void qtest_accel_register_types(void)
{
    type_register_static(&qtest_accel_type);
}

type_init(qtest_accel_register_types)

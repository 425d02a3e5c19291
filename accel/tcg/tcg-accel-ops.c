/*
 * The tcg accelerator (-accel tcg): our own engine, for targets whose
 * CPUs have TCGCPUOps. Options are parsed by the translator
 * (tcg_accel_set_option); vCPUs share one round-robin thread, or each
 * has its own (thread=multi).
 */
#include "qemu/osdep.h"
#include "sysemu/accel.h"
#include "hw/core/cpu.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tcg-jit.h"

static bool tcg_set_option(AccelState *as, const char *key, const char *value,
                           GError **errp)
{
    return tcg_accel_set_option(key, value, errp);
}

static const AccelOps tcg_accel_ops = {
    .init_vcpu = cpu_exec_realize,
    .create_vcpu_thread = cpu_exec_start_thread,
    .kick_vcpu = cpu_exec_kick,
    .resume_all = cpu_exec_resume_all,
    .pause_all = cpu_exec_pause_all,
    .info_stats = cpu_exec_info_jit,
    .breakpoint_insert = cpu_breakpoint_insert,
    .breakpoint_remove = cpu_breakpoint_remove,
    .breakpoint_remove_all = cpu_breakpoint_remove_all,
    .single_step = cpu_single_step,
    .debug_skip_current_pc = cpu_debug_skip_current_pc,
};

static void tcg_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "tcg";
    ac->set_option = tcg_set_option;
    ac->ops = &tcg_accel_ops;
}

static const TypeInfo tcg_accel_type = {
    .name = ACCEL_CLASS_NAME("tcg"),
    .parent = TYPE_ACCEL,
    .class_init = tcg_accel_class_init,
};

static void tcg_accel_register_types(void)
{
    type_register_static(&tcg_accel_type);
}

type_init(tcg_accel_register_types)

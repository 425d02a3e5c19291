/*
 * vCPU requests from the machine, the run state, the monitor and the gdb
 * stub, routed to the accelerator in use (its AccelOps).
 */
#include "qemu/osdep.h"
#include "sysemu/cpus.h"
#include "hw/core/cpu.h"

static const AccelOps *accel_ops;

void cpus_register_accel(const AccelOps *ops)
{
    accel_ops = ops;
}

const AccelOps *cpus_get_accel(void)
{
    return accel_ops;
}

bool cpus_init_vcpu(CPUState *cpu, GError **errp)
{
    return !accel_ops || !accel_ops->init_vcpu ||
           accel_ops->init_vcpu(cpu, errp);
}

void cpus_start_vcpus(void)
{
    CPU_FOREACH_INDEX(i)
    {
        CPUState *cpu = cpu_by_index(i);

        if (accel_ops && accel_ops->create_vcpu_thread) {
            accel_ops->create_vcpu_thread(cpu);
        }
    }
}

void cpus_kick_vcpu(CPUState *cpu)
{
    if (accel_ops && accel_ops->kick_vcpu) {
        accel_ops->kick_vcpu(cpu);
    }
}

void cpus_resume_all(void)
{
    if (accel_ops && accel_ops->resume_all) {
        accel_ops->resume_all();
    }
}

void cpus_pause_all(void)
{
    if (accel_ops && accel_ops->pause_all) {
        accel_ops->pause_all();
    }
}

void cpus_synchronize_post_reset(void)
{
    CPU_FOREACH_INDEX(i)
    {
        if (accel_ops && accel_ops->synchronize_post_reset) {
            accel_ops->synchronize_post_reset(cpu_by_index(i));
        }
    }
}

void cpu_synchronize_state(CPUState *cpu)
{
    if (accel_ops && accel_ops->synchronize_state) {
        accel_ops->synchronize_state(cpu);
    }
}

/*
 * The vCPUs as the rest of the emulator sees them: softmmu/cpus.c routes
 * each request to the AccelOps of the accelerator in use.
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

#include "qemu/osdep.h"
#include "sysemu/accel.h"

void cpus_register_accel(const AccelOps *ops);
const AccelOps *cpus_get_accel(void);
bool cpus_init_vcpu(CPUState *cpu, GError **errp);
/* After the machine is built and reset: start the vCPU threads. */
void cpus_start_vcpus(void);
void cpus_kick_vcpu(CPUState *cpu);
void cpus_resume_all(void);
void cpus_pause_all(void);
/* After a system reset / before reading vCPU state (kvm syncs). */
void cpus_synchronize_post_reset(void);
void cpu_synchronize_state(CPUState *cpu);

#endif

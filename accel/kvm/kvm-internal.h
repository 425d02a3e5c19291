/*
 * Between accel/kvm's files: the vCPU side (kvm-cpus.c) as the
 * accelerator's AccelOps use it.
 */
#ifndef ACCEL_KVM_KVM_INTERNAL_H
#define ACCEL_KVM_KVM_INTERNAL_H

#include "qemu/osdep.h"

typedef struct CPUState CPUState;

void kvm_cpus_init_signals(void);
bool kvm_init_vcpu(CPUState *cpu, GError **errp);
void kvm_create_vcpu_thread(CPUState *cpu);
void kvm_kick_vcpu(CPUState *cpu);
void kvm_resume_all(void);
void kvm_pause_all(void);
void kvm_synchronize_state(CPUState *cpu);
void kvm_synchronize_post_reset(CPUState *cpu);

#endif

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

/* kvm-gdb.c: the debugger's AccelOps, and the vCPU threads' side. */
struct kvm_run;
bool kvm_breakpoint_insert(uint64_t pc);
int kvm_watchpoint_insert(int type, uint64_t addr, uint64_t len);
int kvm_watchpoint_remove(int type, uint64_t addr, uint64_t len);
bool kvm_breakpoint_remove(uint64_t pc);
void kvm_breakpoint_remove_all(void);
void kvm_single_step(CPUState *cpu);
bool kvm_update_guest_debug(CPUState *cpu, int fd, unsigned *gen,
                            uint32_t reinject);
void kvm_handle_debug_exit(CPUState *cpu, const struct kvm_run *run,
                           uint32_t *reinject);

#endif

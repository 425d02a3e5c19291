/*
 * x86's side of KVM (target/i386/kvm.c), for the CPU class and the pc
 * machine.
 */
#ifndef TARGET_I386_KVM_X86_H
#define TARGET_I386_KVM_X86_H

#include "sysemu/kvm.h"

/* The VM-wide setup: identity map and TSS for real mode, irqchip, PIT. */
bool x86_kvm_vm_init(GError **errp);
extern const KVMCPUOps x86_kvm_ops;

#endif

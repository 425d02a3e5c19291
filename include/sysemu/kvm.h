/*
 * The KVM accelerator (accel/kvm/) as the target and the machine use it.
 * kvm_enabled() and kvm_available() are in sysemu/accel.h.
 */
#ifndef SYSEMU_KVM_H
#define SYSEMU_KVM_H

#include "qemu/osdep.h"

typedef struct CPUState CPUState;

/* ioctl, retried on EINTR: the result, or -errno. */
int kvm_ioctl(int fd, unsigned long request, void *arg);
/* The KVM device and VM file descriptors, -1 when KVM is not in use. */
int kvm_dev_fd(void);
int kvm_vm_fd(void);
/* KVM_CHECK_EXTENSION on the VM: 0 when absent. */
int kvm_check_extension(unsigned int cap);

/*
 * The target's side of a KVM vCPU (CPUClass.kvm_ops). vcpu_fd is the
 * vCPU's file descriptor; each returns false with *errp on failure.
 */
struct kvm_run;
struct kvm_guest_debug;

/* A KVM_EXIT_DEBUG as the target reads it. */
typedef enum KVMDebugExit {
    KVM_DEBUG_BREAKPOINT, /* the software breakpoint instruction at *pc */
    KVM_DEBUG_STEP,       /* a single step ended */
    KVM_DEBUG_HW,         /* hardware breakpoint or watchpoint *hw_slot */
    KVM_DEBUG_OTHER,      /* the guest's own debug exception */
} KVMDebugExit;

/* One gdb hardware breakpoint or watchpoint (GDB_BREAKPOINT_HW, ...). */
typedef struct KVMHwBreakpoint {
    int type;
    uint64_t addr;
    uint64_t len;
} KVMHwBreakpoint;

typedef struct KVMCPUOps {
    /* After KVM_CREATE_VCPU: CPUID and the like. */
    bool (*init_vcpu)(CPUState *cpu, int vcpu_fd, GError **errp);
    /* Copy the CPU's state into the kernel / out of it. */
    bool (*put_registers)(CPUState *cpu, int vcpu_fd, GError **errp);
    bool (*get_registers)(CPUState *cpu, int vcpu_fd, GError **errp);
    /*
     * gdb (KVM API document 4.87 KVM_SET_GUEST_DEBUG): the instruction
     * written over a software breakpoint, the architecture's control bits
     * that make it exit to us, and what a KVM_EXIT_DEBUG was. NULL
     * debug_exit: no breakpoints under KVM for this target.
     */
    const uint8_t *sw_breakpoint;
    size_t sw_breakpoint_len;
    uint32_t sw_breakpoint_control;
    KVMDebugExit (*debug_exit)(CPUState *cpu, const struct kvm_run *run,
                               uint64_t *pc, int *hw_slot,
                               uint32_t *reinject_control);
    /*
     * Hardware breakpoints: how many the debug registers hold, whether
     * one can be placed (0 or an AccelOps.watchpoint_insert error), and
     * the debug registers and control bits for slots bp[0..n) (slot i is
     * what debug_exit reports as *hw_slot i). hw_breakpoint_max 0: none.
     */
    int hw_breakpoint_max;
    int (*hw_breakpoint_check)(const KVMHwBreakpoint *bp);
    void (*hw_breakpoint_arch)(struct kvm_guest_debug *dbg,
                               const KVMHwBreakpoint *bp, int n);
} KVMCPUOps;

/*
 * gdb under KVM (accel/kvm/kvm-gdb.c): virtual to guest-physical through
 * the vCPU's own page tables (KVM_TRANSLATE), only while the vCPU is
 * stopped; false when it runs or the address is not mapped.
 */
bool kvm_translate(CPUState *cpu, uint64_t vaddr, uint64_t *paddr);

/*
 * The in-kernel interrupt controllers (x86: PIC, IOAPIC, LAPICs; the
 * PIT): created by the machine before its CPUs. GSI routing is the
 * kernel's default for KVM_CREATE_IRQCHIP (ISA IRQs to both PIC and
 * IOAPIC pins 0-15, the rest to IOAPIC pins).
 */
bool kvm_irqchip_create(GError **errp);
bool kvm_pit_create(GError **errp);
/* Replace the GSI routing table (KVM_SET_GSI_ROUTING) with these entries. */
struct kvm_irq_routing_entry;
bool kvm_irqchip_set_routes(const struct kvm_irq_routing_entry *entries,
                            unsigned n, GError **errp);
bool kvm_irqchip_in_kernel(void);
/* Drive GSI gsi to level (KVM_IRQ_LINE). */
void kvm_set_irq(int gsi, int level);

#endif

/*
 * gdb under KVM: software breakpoints written over guest code, hardware
 * breakpoints and watchpoints in the debug registers, and single steps,
 * through KVM_SET_GUEST_DEBUG (KVM API document 4.87) and the
 * KVM_EXIT_DEBUG exit (5, "The kvm_run structure"). Target-neutral: the
 * CPU class gives the breakpoint instruction and reads the debug exits.
 *
 * All of it runs with the big lock held: the stub's packets, and each
 * vCPU thread between two KVM_RUNs, when it applies a changed setting.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "exec/gdbstub.h"
#include "hw/core/cpu.h"
#include "sysemu/accel.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "accel/kvm/kvm-internal.h"
#include <linux/kvm.h>

#define SW_BP_MAX_LEN 8
#define HW_BP_MAX     16

typedef struct KVMSwBreakpoint {
    uint64_t pc;
    unsigned refs; /* gdb may insert one address twice */
    uint8_t saved[SW_BP_MAX_LEN];
} KVMSwBreakpoint;

static struct {
    GArray *bps;                   /* KVMSwBreakpoint */
    int step_cpu;                  /* cpu_index of the stepping vCPU, or -1 */
    KVMHwBreakpoint hw[HW_BP_MAX]; /* slot i is debug register i */
    int n_hw;
    unsigned gen; /* bumped on every change the vCPUs must apply */
} kvm_dbg = { .step_cpu = -1 };

static const KVMCPUOps *dbg_cpu_ops(CPUState *cpu)
{
    const KVMCPUOps *ops = CPU_GET_CLASS(cpu)->kvm_ops;

    return ops && ops->debug_exit && ops->sw_breakpoint_len <= SW_BP_MAX_LEN
               ? ops
               : NULL;
}

static KVMSwBreakpoint *find_bp(uint64_t pc, guint *index)
{
    for (guint i = 0; kvm_dbg.bps && i < kvm_dbg.bps->len; i++) {
        KVMSwBreakpoint *bp = &g_array_index(kvm_dbg.bps, KVMSwBreakpoint, i);

        if (bp->pc == pc) {
            if (index) {
                *index = i;
            }
            return bp;
        }
    }
    return NULL;
}

static bool rw_code(uint64_t pc, uint8_t *buf, size_t len, bool is_write)
{
    CPUState *cpu = cpu_by_index(0);

    return cpu &&
           CPU_GET_CLASS(cpu)->gdb_rw_memory(cpu, pc, buf, len, is_write);
}

bool kvm_breakpoint_insert(uint64_t pc)
{
    CPUState *cpu = cpu_by_index(0);
    const KVMCPUOps *ops = cpu ? dbg_cpu_ops(cpu) : NULL;
    KVMSwBreakpoint bp = { .pc = pc, .refs = 1 };
    KVMSwBreakpoint *old = find_bp(pc, NULL);

    if (!ops) {
        return false;
    }
    if (old) {
        old->refs++;
        return true;
    }
    if (!rw_code(pc, bp.saved, ops->sw_breakpoint_len, false) ||
        !rw_code(pc, (uint8_t *)ops->sw_breakpoint, ops->sw_breakpoint_len,
                 true)) {
        return false;
    }
    if (!kvm_dbg.bps) {
        kvm_dbg.bps = g_array_new(false, false, sizeof(KVMSwBreakpoint));
    }
    g_array_append_val(kvm_dbg.bps, bp);
    kvm_dbg.gen++;
    return true;
}

static void remove_index(guint i)
{
    KVMSwBreakpoint *bp = &g_array_index(kvm_dbg.bps, KVMSwBreakpoint, i);
    const KVMCPUOps *ops = dbg_cpu_ops(cpu_by_index(0));

    /* The guest may have rewritten its code meanwhile: restore anyway. */
    rw_code(bp->pc, bp->saved, ops->sw_breakpoint_len, true);
    g_array_remove_index_fast(kvm_dbg.bps, i);
    kvm_dbg.gen++;
}

bool kvm_breakpoint_remove(uint64_t pc)
{
    guint i;
    KVMSwBreakpoint *bp = find_bp(pc, &i);

    if (!bp) {
        return false;
    }
    if (--bp->refs == 0) {
        remove_index(i);
    }
    return true;
}

int kvm_watchpoint_insert(int type, uint64_t addr, uint64_t len)
{
    CPUState *cpu = cpu_by_index(0);
    const KVMCPUOps *ops = cpu ? dbg_cpu_ops(cpu) : NULL;
    KVMHwBreakpoint bp = { .type = type, .addr = addr, .len = len };
    int err;

    if (!ops || !ops->hw_breakpoint_max) {
        return -ENOSYS;
    }
    err = ops->hw_breakpoint_check(&bp);
    if (err) {
        return err;
    }
    if (kvm_dbg.n_hw >= MIN(ops->hw_breakpoint_max, HW_BP_MAX)) {
        return -ENOSPC;
    }
    kvm_dbg.hw[kvm_dbg.n_hw++] = bp;
    kvm_dbg.gen++;
    return 0;
}

int kvm_watchpoint_remove(int type, uint64_t addr, uint64_t len)
{
    for (int i = 0; i < kvm_dbg.n_hw; i++) {
        KVMHwBreakpoint *bp = &kvm_dbg.hw[i];

        if (bp->type == type && bp->addr == addr && bp->len == len) {
            memmove(bp, bp + 1, (kvm_dbg.n_hw - i - 1) * sizeof(*bp));
            kvm_dbg.n_hw--;
            kvm_dbg.gen++;
            return 0;
        }
    }
    return -ENOENT;
}

void kvm_breakpoint_remove_all(void)
{
    while (kvm_dbg.bps && kvm_dbg.bps->len) {
        remove_index(kvm_dbg.bps->len - 1);
    }
    kvm_dbg.n_hw = 0;
    kvm_dbg.step_cpu = -1;
    kvm_dbg.gen++;
}

void kvm_single_step(CPUState *cpu)
{
    kvm_dbg.step_cpu = cpu ? cpu->cpu_index : -1;
    kvm_dbg.gen++;
}

/*
 * From cpu's thread before KVM_RUN: hand the kernel the current setting
 * when it changed since *gen, or to give the guest back its own debug
 * exception (reinject: the target's INJECT bits).
 */
bool kvm_update_guest_debug(CPUState *cpu, int fd, unsigned *gen,
                            uint32_t reinject)
{
    const KVMCPUOps *ops = dbg_cpu_ops(cpu);
    struct kvm_guest_debug dbg = { 0 };
    int ret;

    if (!ops || (*gen == kvm_dbg.gen && !reinject)) {
        return true;
    }
    if (kvm_dbg.bps && kvm_dbg.bps->len) {
        dbg.control |= KVM_GUESTDBG_ENABLE | ops->sw_breakpoint_control;
    }
    if (kvm_dbg.step_cpu == cpu->cpu_index) {
        dbg.control |= KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
    }
    if (kvm_dbg.n_hw) {
        dbg.control |= KVM_GUESTDBG_ENABLE;
        ops->hw_breakpoint_arch(&dbg, kvm_dbg.hw, kvm_dbg.n_hw);
    }
    if (reinject) {
        dbg.control |= KVM_GUESTDBG_ENABLE | reinject;
    }
    ret = kvm_ioctl(fd, KVM_SET_GUEST_DEBUG, &dbg);
    if (ret < 0) {
        error_report("kvm: KVM_SET_GUEST_DEBUG on CPU %d: %s", cpu->cpu_index,
                     g_strerror(-ret));
        return false;
    }
    *gen = kvm_dbg.gen;
    return true;
}

static void stop_for_gdb(CPUState *cpu, const KVMHwBreakpoint *hw)
{
    kvm_dbg.step_cpu = -1;
    kvm_dbg.gen++;
    vm_stop(RUN_STATE_DEBUG);
    if (hw && hw->type != GDB_BREAKPOINT_HW) {
        gdb_notify_watch_stop(cpu, hw->type, hw->addr);
    } else {
        gdb_notify_debug_stop(cpu);
    }
}

/*
 * A KVM_EXIT_DEBUG: ours (a breakpoint we placed, the step we asked for)
 * stops the machine for gdb; anything else is the guest's, and *reinject
 * says how to give it back on the next entry.
 */
void kvm_handle_debug_exit(CPUState *cpu, const struct kvm_run *run,
                           uint32_t *reinject)
{
    const KVMCPUOps *ops = dbg_cpu_ops(cpu);
    uint64_t pc = 0;
    int slot = -1;
    KVMDebugExit kind;

    *reinject = 0;
    if (!ops) {
        qemu_log_mask(LOG_GUEST_ERROR, "kvm: CPU %d: unexpected debug exit\n",
                      cpu->cpu_index);
        return;
    }
    kind = ops->debug_exit(cpu, run, &pc, &slot, reinject);
    if (kind == KVM_DEBUG_HW && slot >= 0 && slot < kvm_dbg.n_hw) {
        *reinject = 0;
        stop_for_gdb(cpu, &kvm_dbg.hw[slot]);
    } else if ((kind == KVM_DEBUG_STEP && kvm_dbg.step_cpu == cpu->cpu_index) ||
               (kind == KVM_DEBUG_BREAKPOINT && find_bp(pc, NULL))) {
        *reinject = 0;
        stop_for_gdb(cpu, NULL);
    }
}

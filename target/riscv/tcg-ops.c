/*
 * RISC-V's hooks for the TCG engine (accel/tcg/tcg-cpu-ops.h): taking
 * interrupts and exceptions, translation with PMP for the software TLB,
 * memory faults, triggers as watchpoints, and decoding a block.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "accel/tcg/tcg-cpu-ops.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"

static void log_trap(CPURISCVState *env, int irq)
{
    if (irq >= 0) {
        qemu_log("riscv_cpu_do_interrupt: hart:%" PRIu64 ", async:1, "
                 "cause:%d, epc:0x%" PRIx64 "\n",
                 env->mhartid, irq, env->pc);
    } else {
        qemu_log("riscv_cpu_do_interrupt: hart:%" PRIu64 ", async:0, "
                 "cause:%d, epc:0x%" PRIx64 ", tval:0x%" PRIx64 "\n",
                 env->mhartid, env->exception, env->pc, env->badaddr);
    }
}

static void riscv_exec_interrupt(CPURISCVState *env)
{
    int irq = riscv_cpu_pending_interrupt(env);

    if (irq >= 0) {
        env->halted = false;
        if (qemu_loglevel_mask(CPU_LOG_INT)) {
            log_trap(env, irq);
        }
        riscv_cpu_do_trap(env, irq);
    }
}

static void riscv_do_exception(CPURISCVState *env)
{
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        log_trap(env, -1);
    }
    riscv_cpu_do_trap(env, -1);
}

static uint64_t mmu_idx_priv(int mmu_idx)
{
    switch (mmu_idx & ~MMU_IDX_HLVX) {
    case MMU_IDX_U:
    case MMU_IDX_VU:
        return PRV_U;
    case MMU_IDX_M:
        return PRV_M;
    default:
        return PRV_S;
    }
}

/*
 * Raise a fault of a memory access made at MMU index mmu_idx: when that
 * is a V=1 one (also HLV/HSV, MPRV with MPV), tval is a guest virtual
 * address (hstatus/mstatus.GVA).
 */
static G_NORETURN void raise_mem_fault(CPURISCVState *env, RISCVException ex,
                                       uint64_t vaddr, int mmu_idx)
{
    env->trap_gva = riscv_mmu_idx_virt(mmu_idx);
    riscv_raise_exception(env, ex, vaddr);
}

/* The instruction at pc, or 0 when it cannot be read back. */
static uint32_t insn_at_pc_locked(CPURISCVState *env)
{
    uint64_t pa, gpa;
    uint32_t tinst, insn = 0;
    int prot;

    if (riscv_translate(env, env->pc, MMU_INST_FETCH,
                        riscv_mmu_index(env, true), &pa, &prot, &gpa,
                        &tinst) != RISCV_EXCP_NONE ||
        address_space_read(&address_space_memory, pa, &insn, 2) != MEMTX_OK) {
        return 0;
    }
    if ((insn & 3) == 3 &&
        (riscv_translate(env, env->pc + 2, MMU_INST_FETCH,
                         riscv_mmu_index(env, true), &pa, &prot, &gpa,
                         &tinst) != RISCV_EXCP_NONE ||
         address_space_read(&address_space_memory, pa, (uint8_t *)&insn + 2,
                            2) != MEMTX_OK)) {
        return 0;
    }
    return insn;
}

/* It may read a device (a fetch from MMIO): under the big lock. */
static uint32_t insn_at_pc(CPURISCVState *env)
{
    bool locked = qemu_mutex_lock_iothread_if_unlocked();
    uint32_t insn = insn_at_pc_locked(env);

    qemu_mutex_unlock_iothread_if(locked);
    return insn;
}

/*
 * A translation fault: guest-page faults also record the guest physical
 * address (htval/mtval2) and htinst/mtinst: the pseudoinstruction for an
 * implicit access of the VS-stage walk, else the transformed load, store,
 * AMO, HLV or HSV (KVM emulates MMIO from it without reading guest memory).
 */
static G_NORETURN void raise_translation_fault(CPURISCVState *env,
                                               RISCVException ex,
                                               uint64_t vaddr, int mmu_idx,
                                               uint64_t gpa, uint32_t tinst)
{
    if (ex == RISCV_EXCP_LOAD_GUEST_PAGE_FAULT ||
        ex == RISCV_EXCP_STORE_GUEST_PAGE_FAULT ||
        ex == RISCV_EXCP_INST_GUEST_PAGE_FAULT) {
        env->trap_gpa = gpa;
        if (!tinst && ex != RISCV_EXCP_INST_GUEST_PAGE_FAULT) {
            uint64_t off =
                env->split_base == UINT64_MAX ? 0 : vaddr - env->split_base;
            tinst = riscv_transform_insn(insn_at_pc(env), off);
        }
        env->trap_tinst = tinst;
    }
    raise_mem_fault(env, ex, vaddr, mmu_idx);
}

/*
 * Translate vaddr for an access of size bytes, checking PMP; raise the
 * fault if any. Fills the TLB when the answer holds for the whole page.
 * Returns the section the physical address falls in.
 */

static G_NORETURN void riscv_raise_mem_fault(CPURISCVState *env,
                                             MemFaultKind kind,
                                             MMUAccessType type, uint64_t vaddr,
                                             int mmu_idx)
{
    raise_mem_fault(env,
                    kind == MEM_FAULT_MISALIGNED ? RISCV_EXCP_STORE_AMO_ADDR_MIS
                                                 : riscv_access_fault(type),
                    vaddr, mmu_idx);
}

/*
 * Translate and check PMP. What may be cached: the page's rights for this
 * MMU index and PMP, less reads and writes on pages with a load/store
 * trigger (every access there takes the slow path); nothing for HLVX.
 */
static uint64_t riscv_tlb_fill(CPURISCVState *env, uint64_t vaddr,
                               unsigned size, MMUAccessType type, int mmu_idx,
                               int *cache_prot)
{
    uint64_t paddr, gpa;
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    uint32_t tinst;
    int prot, pmp_prot;
    RISCVException ex;

    ex =
        riscv_translate(env, vaddr, type, mmu_idx, &paddr, &prot, &gpa, &tinst);
    if (ex != RISCV_EXCP_NONE) {
        raise_translation_fault(env, ex, vaddr, mmu_idx, gpa, tinst);
    }
    if (!riscv_pmp_check(env, paddr, size, type, mmu_idx_priv(mmu_idx),
                         &pmp_prot) ||
        ((mmu_idx & MMU_IDX_HLVX) &&
         !riscv_pmp_check(env, paddr, size, MMU_INST_FETCH,
                          mmu_idx_priv(mmu_idx), &pmp_prot))) {
        raise_mem_fault(env, riscv_access_fault(type), vaddr, mmu_idx);
    }
    prot &= pmp_prot;
    if (mmu_idx & MMU_IDX_HLVX) {
        prot = 0;
    }
    if (unlikely(env->mem_triggers_armed)) {
        if (riscv_trigger_mem_on_page(env, page, MMU_DATA_LOAD)) {
            prot &= ~PAGE_READ;
        }
        if (riscv_trigger_mem_on_page(env, page, MMU_DATA_STORE)) {
            prot &= ~PAGE_WRITE;
        }
    }
    *cache_prot = prot;
    return paddr;
}

/*
 * Decode instructions from hdr->pc into hdr and insns until a block end.
 * A fetch fault unwinds (siglongjmp) out of here, so this allocates
 * nothing: the engine decodes into scratch space and allocates afterwards.
 */
static void riscv_decode_block(CPURISCVState *env, TranslationBlock *hdr,
                               DecodedInsn *insns)
{
    uint64_t pc = hdr->pc;

    while (hdr->n < TB_MAX_INSNS) {
        uint64_t paddr, avail;
        const uint8_t *p;
        uint16_t lo, hi = 0;
        DecodedInsn *d = &insns[hdr->n];

        /*
         * A fault past the first instruction ends the block there; the
         * faulting instruction is fetched again (and faults) on its own.
         */
        if (hdr->n && (pc & ~TARGET_PAGE_MASK) == 0) {
            break;
        }
        p = tlb_fetch(env, pc, &paddr, &avail);
        memcpy(&lo, p, 2);
        if ((lo & 3) == 3) {
            if (avail >= 4) {
                memcpy(&hi, p + 2, 2);
            } else {
                /*
                 * The instruction crosses a page: it stands alone. A fault
                 * on the second half reports that half's address in tval
                 * and the instruction's (env->pc) as epc (priv 3.1.16).
                 */
                if (hdr->n) {
                    break;
                }
                p = tlb_fetch(env, pc + 2, &hdr->phys_pc2, &avail);
                memcpy(&hi, p, 2);
            }
        }
        pc += riscv_decode(env, hdr->flags, pc, lo, hi, d);
        if (unlikely(riscv_trigger_exec_armed_at(d->pc))) {
            d->fn = exec_trigger_check; /* it runs the instruction too */
        }
        hdr->n++;
        if (d->flags & DECODE_ENDS_BLOCK || hdr->phys_pc2 != UINT64_MAX) {
            hdr->ends_with_jump = d->flags & DECODE_ENDS_BLOCK;
            hdr->check_irq = (d->raw & 0x7f) == 0x73;
            break;
        }
    }
    hdr->end_pc = pc;
}

const TCGCPUOps riscv_tcg_ops = {
    .exec_interrupt = riscv_exec_interrupt,
    .do_exception = riscv_do_exception,
    .tlb_fill = riscv_tlb_fill,
    .raise_mem_fault = riscv_raise_mem_fault,
    .check_watchpoint = riscv_trigger_check_mem,
    .decode_block = riscv_decode_block,
    .disas = riscv_disas,
};

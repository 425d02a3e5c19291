/*
 * Traps, interrupts, privilege changes and address translation of a
 * RISC-V hart (privileged spec 1.12).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "target/riscv/cpu.h"
#include "exec/cpu-ldst.h"
#include "exec/memory.h"

/* ---- Exceptions and traps ---- */

void riscv_raise_exception(CPURISCVState *env, RISCVException cause,
                           uint64_t tval)
{
    env->exception = cause;
    env->badaddr = tval;
    siglongjmp(env->jmp_env, 1);
}

static uint64_t set_field(uint64_t reg, uint64_t mask, uint64_t val)
{
    return (reg & ~mask) | ((val * (mask & -mask)) & mask);
}

static uint64_t get_field(uint64_t reg, uint64_t mask)
{
    return (reg & mask) / (mask & -mask);
}

void riscv_cpu_do_trap(CPURISCVState *env, int irq)
{
    bool is_irq = irq >= 0;
    uint64_t cause = is_irq ? (uint64_t)irq : (uint64_t)env->exception;
    uint64_t tval = is_irq ? 0 : env->badaddr;
    uint64_t deleg = is_irq ? env->mideleg : env->medeleg;
    uint64_t s = env->mstatus;

    g_assert(is_irq || env->exception != RISCV_EXCP_NONE);
    if (env->priv <= PRV_S && cause < 64 && ((deleg >> cause) & 1)) {
        /* Handled in S-mode */
        uint64_t vec = env->stvec;
        env->scause = cause | (is_irq ? RISCV_CAUSE_INTERRUPT : 0);
        env->sepc = env->pc;
        env->stval = tval;
        s = set_field(s, MSTATUS_SPIE, get_field(s, MSTATUS_SIE));
        s = set_field(s, MSTATUS_SIE, 0);
        s = set_field(s, MSTATUS_SPP, env->priv);
        env->mstatus = s;
        env->pc = (vec & ~3ULL) + ((is_irq && (vec & 3) == 1) ? 4 * cause : 0);
        riscv_cpu_set_mode(env, PRV_S);
    } else {
        /* Handled in M-mode */
        uint64_t vec = env->mtvec;
        env->mcause = cause | (is_irq ? RISCV_CAUSE_INTERRUPT : 0);
        env->mepc = env->pc;
        env->mtval = tval;
        s = set_field(s, MSTATUS_MPIE, get_field(s, MSTATUS_MIE));
        s = set_field(s, MSTATUS_MIE, 0);
        s = set_field(s, MSTATUS_MPP, env->priv);
        env->mstatus = s;
        env->pc = (vec & ~3ULL) + ((is_irq && (vec & 3) == 1) ? 4 * cause : 0);
        riscv_cpu_set_mode(env, PRV_M);
    }
    env->exception = RISCV_EXCP_NONE;
    env->badaddr = 0;
    /* A trap drops the LR reservation (allowed by the spec; QEMU does). */
    env->load_res = UINT64_MAX;
}

/* ---- Interrupts ---- */

uint64_t riscv_cpu_read_mip(CPURISCVState *env)
{
    uint64_t mip =
        env->mip | __atomic_load_n(&env->mip_lines, __ATOMIC_ACQUIRE);

    if (env_cpu(env)->cfg.ext_sstc && (env->menvcfg & MENVCFG_STCE)) {
        /* Sstc owns STIP: time >= stimecmp. */
        mip &= ~MIP_STIP;
        if (env->rdtime_fn &&
            env->rdtime_fn(env->rdtime_opaque) >= env->stimecmp) {
            mip |= MIP_STIP;
        }
    }
    return mip;
}

bool riscv_cpu_has_work(CPURISCVState *env)
{
    return (riscv_cpu_read_mip(env) & env->mie) != 0;
}

/* Highest priority first: MEI, MSI, MTI, SEI, SSI, STI. */
static const int irq_priority[] = {
    IRQ_M_EXT, IRQ_M_SOFT, IRQ_M_TIMER, IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER,
};

static int highest_irq(uint64_t pending)
{
    for (int i = 0; i < ARRAY_SIZE(irq_priority); i++) {
        if (pending & (1ULL << irq_priority[i])) {
            return irq_priority[i];
        }
    }
    return -1;
}

int riscv_cpu_pending_interrupt(CPURISCVState *env)
{
    uint64_t pending = riscv_cpu_read_mip(env) & env->mie;
    uint64_t m_pending = pending & ~env->mideleg;
    uint64_t s_pending = pending & env->mideleg;
    bool m_enabled = env->priv < PRV_M || (env->mstatus & MSTATUS_MIE) != 0;
    bool s_enabled = env->priv < PRV_S ||
                     (env->priv == PRV_S && (env->mstatus & MSTATUS_SIE));

    /* Interrupts for a higher privilege mode are taken first. */
    if (m_enabled && m_pending) {
        return highest_irq(m_pending);
    }
    if (s_enabled && s_pending) {
        return highest_irq(s_pending);
    }
    return -1;
}

/*
 * The TLB is indexed by MMU index and the block cache is keyed by the
 * privilege (riscv_tb_flags), so a mode change needs no flush.
 */
void riscv_cpu_set_mode(CPURISCVState *env, uint64_t priv)
{
    env->priv = priv;
    riscv_cpu_update_mmu_idx(env);
}

/* ---- xRET, WFI, SFENCE.VMA ---- */

static uint64_t epc_mask(CPURISCVState *env)
{
    return riscv_has_ext(env, RVC) ? ~1ULL : ~3ULL;
}

/*
 * When refused, these raise ILLEGAL_INST with tval = the instruction, as
 * for any illegal instruction: MRET, SRET and WFI have one encoding each.
 * SFENCE.VMA's depends on rs1/rs2, which the helper does not see: it
 * reports the encoding with rs1 = rs2 = x0.
 */
#define INSN_MRET       0x30200073
#define INSN_SRET       0x10200073
#define INSN_WFI        0x10500073
#define INSN_SFENCE_VMA 0x12000073
void helper_mret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;
    uint64_t prev;

    if (env->priv != PRV_M) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_MRET);
    }
    prev = get_field(s, MSTATUS_MPP);
    s = set_field(s, MSTATUS_MIE, get_field(s, MSTATUS_MPIE));
    s = set_field(s, MSTATUS_MPIE, 1);
    s = set_field(s, MSTATUS_MPP, riscv_has_ext(env, RVU) ? PRV_U : PRV_M);
    if (prev != PRV_M) {
        s &= ~MSTATUS_MPRV;
    }
    env->mstatus = s;
    env->load_res = UINT64_MAX; /* xRET may drop the reservation: it does */
    env->pc = env->mepc & epc_mask(env);
    riscv_cpu_set_mode(env, prev);
}

void helper_sret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;
    uint64_t prev;

    if (env->priv == PRV_U || (env->priv == PRV_S && (s & MSTATUS_TSR)) ||
        !riscv_has_ext(env, RVS)) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_SRET);
    }
    prev = get_field(s, MSTATUS_SPP);
    s = set_field(s, MSTATUS_SIE, get_field(s, MSTATUS_SPIE));
    s = set_field(s, MSTATUS_SPIE, 1);
    s = set_field(s, MSTATUS_SPP, PRV_U);
    s &= ~MSTATUS_MPRV; /* the new mode is below M */
    env->mstatus = s;
    env->load_res = UINT64_MAX;
    env->pc = env->sepc & epc_mask(env);
    riscv_cpu_set_mode(env, prev);
}

/*
 * WFI: illegal in U-mode and, with mstatus.TW, in S-mode (the time limit
 * the spec allows is zero). Otherwise the hart sleeps until an enabled
 * interrupt is pending (even one that is masked globally).
 */
void helper_wfi(CPURISCVState *env)
{
    if (env->priv == PRV_U ||
        (env->priv < PRV_M && (env->mstatus & MSTATUS_TW))) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_WFI);
    }
    if (!riscv_cpu_has_work(env)) {
        env->halted = true;
    }
}

/* The TLB is not tagged by ASID: flushing ignores it (conservative). */
void helper_sfence_vma(CPURISCVState *env, uint64_t vaddr, uint64_t asid,
                       bool all_addr, bool all_asid)
{
    if (env->priv == PRV_U ||
        (env->priv == PRV_S && (env->mstatus & MSTATUS_TVM))) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_SFENCE_VMA);
    }
    if (all_addr) {
        tlb_flush(env);
    } else {
        tlb_flush_page(env, vaddr);
    }
}

/* ---- MMU ---- */

static RISCVException page_fault(MMUAccessType type)
{
    switch (type) {
    case MMU_INST_FETCH:
        return RISCV_EXCP_INST_PAGE_FAULT;
    case MMU_DATA_STORE:
        return RISCV_EXCP_STORE_PAGE_FAULT;
    default:
        return RISCV_EXCP_LOAD_PAGE_FAULT;
    }
}

/*
 * A host pointer to the 8-byte PTE at pte_addr, or NULL when it is not in
 * RAM or PMP denies the walker (an implicit S-mode access) the access.
 */
static uint64_t *pte_host_ptr(CPURISCVState *env, uint64_t pte_addr, bool write)
{
    hwaddr len = 8;
    void *p;

    if (!riscv_pmp_check(env, pte_addr, 8,
                         write ? MMU_DATA_STORE : MMU_DATA_LOAD, PRV_S, NULL)) {
        return NULL;
    }
    p = address_space_map(&address_space_memory, pte_addr, &len, write);
    if (p && len < 8) {
        address_space_unmap(&address_space_memory, p, len, write);
        return NULL;
    }
    return p;
}

RISCVException riscv_get_physical_address(CPURISCVState *env, uint64_t vaddr,
                                          MMUAccessType type, int mmu_idx,
                                          uint64_t *paddr, int *prot)
{
    uint64_t satp = env->satp;
    uint64_t mode = satp >> SATP_MODE_SHIFT;
    uint64_t priv = mmu_idx == MMU_IDX_M   ? PRV_M
                    : mmu_idx == MMU_IDX_U ? PRV_U
                                           : PRV_S;
    bool sum = mmu_idx == MMU_IDX_S_SUM;
    bool mxr = (env->mstatus & MSTATUS_MXR) != 0;
    int levels, va_bits;
    int64_t sext;

    if (priv == PRV_M || mode == SATP_MODE_BARE) {
        *paddr = vaddr;
        *prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return RISCV_EXCP_NONE;
    }
    switch (mode) {
    case SATP_MODE_SV39:
        levels = 3;
        break;
    case SATP_MODE_SV48:
        levels = 4;
        break;
    case SATP_MODE_SV57:
        levels = 5;
        break;
    default:
        g_assert_not_reached(); /* satp writes keep MODE valid */
    }
    va_bits = 12 + 9 * levels;
    /* Bits 63..va_bits-1 must all equal bit va_bits-1. */
    sext = (int64_t)(vaddr << (64 - va_bits)) >> (64 - va_bits);
    if ((uint64_t)sext != vaddr) {
        return page_fault(type);
    }

restart:;
    uint64_t table = (satp & SATP_PPN_MASK) << TARGET_PAGE_BITS;
    for (int level = levels - 1; level >= 0; level--) {
        int shift = TARGET_PAGE_BITS + 9 * level;
        uint64_t pte_addr = table + ((vaddr >> shift) & 0x1ff) * 8;
        uint64_t *ptep = pte_host_ptr(env, pte_addr, false);
        uint64_t pte, ppn, want;
        int p = 0;

        if (!ptep) {
            return riscv_access_fault(type);
        }
        pte = __atomic_load_n(ptep, __ATOMIC_ACQUIRE);
        address_space_unmap(&address_space_memory, ptep, 8, false);

        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) ||
            (pte & (PTE_RESERVED | PTE_PBMT | PTE_N))) {
            return page_fault(type);
        }
        ppn = (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT;
        if (!(pte & (PTE_R | PTE_X))) {
            /* Pointer to the next level */
            if (level == 0) {
                return page_fault(type);
            }
            table = ppn << TARGET_PAGE_BITS;
            continue;
        }

        /* A leaf: superpages must be aligned. */
        if (ppn & ((1ULL << (9 * level)) - 1)) {
            return page_fault(type);
        }
        if (pte & PTE_U) {
            /* S-mode may read/write U pages only with SUM, never run them */
            if (priv == PRV_S && !sum) {
                return page_fault(type);
            }
            p = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
            if (priv == PRV_S) {
                p &= ~PAGE_EXEC;
            }
        } else {
            if (priv == PRV_U) {
                return page_fault(type);
            }
            p = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        }
        if (!((pte & PTE_R) || (mxr && (pte & PTE_X)))) {
            p &= ~PAGE_READ;
        }
        if (!(pte & PTE_W)) {
            p &= ~PAGE_WRITE;
        }
        if (!(pte & PTE_X)) {
            p &= ~PAGE_EXEC;
        }
        if (!(p & (type == MMU_INST_FETCH   ? PAGE_EXEC
                   : type == MMU_DATA_STORE ? PAGE_WRITE
                                            : PAGE_READ))) {
            return page_fault(type);
        }

        /*
         * Set A (and D for a store) as the hardware updating scheme of
         * the spec: an atomic compare-and-swap, and the walk starts over
         * when the PTE changed under us.
         */
        want = pte | PTE_A | (type == MMU_DATA_STORE ? PTE_D : 0);
        if (want != pte) {
            uint64_t *wp = pte_host_ptr(env, pte_addr, true);
            bool swapped;
            if (!wp) {
                return riscv_access_fault(type);
            }
            swapped = __atomic_compare_exchange_n(
                wp, &pte, want, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
            address_space_unmap(&address_space_memory, wp, 8, true);
            if (!swapped) {
                goto restart;
            }
            pte = want;
        }
        /* A clean page is not writable until a store sets D. */
        if (!(pte & PTE_D)) {
            p &= ~PAGE_WRITE;
        }
        *paddr = (ppn << TARGET_PAGE_BITS) | (vaddr & ((1ULL << shift) - 1));
        *prot = p;
        return RISCV_EXCP_NONE;
    }
    g_assert_not_reached();
}

/*
 * Traps, interrupts and privilege changes of a RISC-V hart, with the
 * hypervisor extension's virtualization mode (privileged spec 1.12,
 * "Machine-Level ISA" and "Hypervisor Extension", "Traps").
 * Address translation is in mmu.c.
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

void riscv_raise_virt_or_illegal(CPURISCVState *env, uint32_t insn)
{
    riscv_raise_exception(env,
                          env->virt_enabled ? RISCV_EXCP_VIRT_INSTRUCTION_FAULT
                                            : RISCV_EXCP_ILLEGAL_INST,
                          insn);
}

static uint64_t set_field(uint64_t reg, uint64_t mask, uint64_t val)
{
    return (reg & ~mask) | ((val * (mask & -mask)) & mask);
}

static uint64_t get_field(uint64_t reg, uint64_t mask)
{
    return (reg & mask) / (mask & -mask);
}

/* Exceptions whose tval is the faulting address (a GVA when V=1). */
#define ADDR_EXCPS                                 \
    ((1ULL << RISCV_EXCP_INST_ADDR_MIS) |          \
     (1ULL << RISCV_EXCP_INST_ACCESS_FAULT) |      \
     (1ULL << RISCV_EXCP_LOAD_ADDR_MIS) |          \
     (1ULL << RISCV_EXCP_LOAD_ACCESS_FAULT) |      \
     (1ULL << RISCV_EXCP_STORE_AMO_ADDR_MIS) |     \
     (1ULL << RISCV_EXCP_STORE_AMO_ACCESS_FAULT) | \
     (1ULL << RISCV_EXCP_INST_PAGE_FAULT) |        \
     (1ULL << RISCV_EXCP_LOAD_PAGE_FAULT) |        \
     (1ULL << RISCV_EXCP_STORE_PAGE_FAULT) |       \
     (1ULL << RISCV_EXCP_INST_GUEST_PAGE_FAULT) |  \
     (1ULL << RISCV_EXCP_LOAD_GUEST_PAGE_FAULT) |  \
     (1ULL << RISCV_EXCP_STORE_GUEST_PAGE_FAULT))

#define GUEST_PAGE_FAULTS                         \
    ((1ULL << RISCV_EXCP_INST_GUEST_PAGE_FAULT) | \
     (1ULL << RISCV_EXCP_LOAD_GUEST_PAGE_FAULT) | \
     (1ULL << RISCV_EXCP_STORE_GUEST_PAGE_FAULT))

static uint64_t trap_vector(uint64_t tvec, bool is_irq, uint64_t cause)
{
    return (tvec & ~3ULL) + ((is_irq && (tvec & 3) == 1) ? 4 * cause : 0);
}

/* A trap taken into VS-mode: V stays 1, hstatus and sstatus untouched. */
static void trap_to_vs(CPURISCVState *env, bool is_irq, uint64_t cause,
                       uint64_t tval)
{
    uint64_t s = env->vsstatus;

    if (is_irq) {
        cause--; /* VSSI/VSTI/VSEI (2/6/10) appear as SSI/STI/SEI (1/5/9) */
    }
    env->vscause = cause | (is_irq ? RISCV_CAUSE_INTERRUPT : 0);
    env->vsepc = env->pc;
    env->vstval = tval;
    s = set_field(s, MSTATUS_SPIE, get_field(s, MSTATUS_SIE));
    s = set_field(s, MSTATUS_SIE, 0);
    s = set_field(s, MSTATUS_SPP, env->priv);
    env->vsstatus = s;
    env->pc = trap_vector(env->vstvec, is_irq, cause);
    riscv_cpu_set_mode(env, PRV_S);
}

void riscv_cpu_do_trap(CPURISCVState *env, int irq)
{
    bool is_irq = irq >= 0;
    uint64_t cause = is_irq ? (uint64_t)irq : (uint64_t)env->exception;
    uint64_t tval = is_irq ? 0 : env->badaddr;
    uint64_t deleg = is_irq ? env->mideleg : env->medeleg;
    uint64_t hdeleg = is_irq ? env->hideleg : env->hedeleg;
    bool virt = env->virt_enabled;
    bool has_h = riscv_has_ext(env, RVH);
    bool gpf = !is_irq && cause < 64 && ((GUEST_PAGE_FAULTS >> cause) & 1);
    uint64_t gpa_shifted = gpf ? env->trap_gpa >> 2 : 0;
    uint64_t tinst = is_irq ? 0 : env->trap_tinst;
    bool gva = !is_irq && (env->trap_gva ||
                           (virt && cause < 64 && ((ADDR_EXCPS >> cause) & 1)));
    uint64_t s = env->mstatus;

    g_assert(is_irq || env->exception != RISCV_EXCP_NONE);
    if (env->priv <= PRV_S && cause < 64 && ((deleg >> cause) & 1)) {
        if (virt && ((hdeleg >> cause) & 1)) {
            trap_to_vs(env, is_irq, cause, tval);
        } else {
            /* Handled in HS-mode */
            if (has_h) {
                uint64_t h = env->hstatus;
                h = set_field(h, HSTATUS_SPV, virt);
                if (virt) {
                    h = set_field(h, HSTATUS_SPVP, env->priv);
                }
                h = set_field(h, HSTATUS_GVA, gva);
                env->hstatus = h;
                env->htval = gpa_shifted;
                env->htinst = tinst;
            }
            env->scause = cause | (is_irq ? RISCV_CAUSE_INTERRUPT : 0);
            env->sepc = env->pc;
            env->stval = tval;
            s = set_field(s, MSTATUS_SPIE, get_field(s, MSTATUS_SIE));
            s = set_field(s, MSTATUS_SIE, 0);
            s = set_field(s, MSTATUS_SPP, env->priv);
            env->mstatus = s;
            env->pc = trap_vector(env->stvec, is_irq, cause);
            riscv_cpu_set_virt(env, false);
            riscv_cpu_set_mode(env, PRV_S);
        }
    } else {
        /* Handled in M-mode */
        if (has_h) {
            s = set_field(s, MSTATUS_MPV, virt);
            s = set_field(s, MSTATUS_GVA, gva);
            env->mtval2 = gpa_shifted;
            env->mtinst = tinst;
        }
        env->mcause = cause | (is_irq ? RISCV_CAUSE_INTERRUPT : 0);
        env->mepc = env->pc;
        env->mtval = tval;
        s = set_field(s, MSTATUS_MPIE, get_field(s, MSTATUS_MIE));
        s = set_field(s, MSTATUS_MIE, 0);
        s = set_field(s, MSTATUS_MPP, env->priv);
        env->mstatus = s;
        env->pc = trap_vector(env->mtvec, is_irq, cause);
        riscv_cpu_set_virt(env, false);
        riscv_cpu_set_mode(env, PRV_M);
    }
    env->exception = RISCV_EXCP_NONE;
    env->badaddr = 0;
    env->trap_gpa = env->trap_tinst = 0;
    env->trap_gva = false;
    env->split_base = UINT64_MAX;
    /* A trap drops the LR reservation (allowed by the spec; QEMU does). */
    riscv_drop_reservation(env);
}

/* ---- Interrupts ---- */

/* Is time (plus delta) at or past cmp? The Sstc comparison. */
static bool sstc_expired(CPURISCVState *env, uint64_t delta, uint64_t cmp)
{
    return env->rdtime_fn && env->rdtime_fn(env->rdtime_opaque) + delta >= cmp;
}

uint64_t riscv_cpu_read_mip(CPURISCVState *env)
{
    uint64_t mip =
        env->mip | __atomic_load_n(&env->mip_lines, __ATOMIC_ACQUIRE);
    bool sstc = env_cpu(env)->cfg.ext_sstc;

    if (sstc && (env->menvcfg & MENVCFG_STCE)) {
        /* Sstc owns STIP: time >= stimecmp. */
        mip &= ~MIP_STIP;
        if (sstc_expired(env, 0, env->stimecmp)) {
            mip |= MIP_STIP;
        }
    }
    if (riscv_has_ext(env, RVH)) {
        /* VS-level: hvip, and VSTIP from vstimecmp (GEILEN is 0). */
        mip |= env->hvip & MIP_VS_INTS;
        if (sstc && (env->menvcfg & env->henvcfg & MENVCFG_STCE) &&
            sstc_expired(env, env->htimedelta, env->vstimecmp)) {
            mip |= MIP_VSTIP;
        }
    }
    return mip;
}

bool riscv_cpu_has_work(CPURISCVState *env)
{
    return (riscv_cpu_read_mip(env) & env->mie) != 0;
}

/*
 * Highest priority first: MEI, MSI, MTI, SEI, SSI, STI, SGEI, VSEI,
 * VSSI, VSTI (the order the H extension gives).
 */
static const int irq_priority[] = {
    IRQ_M_EXT,   IRQ_M_SOFT, IRQ_M_TIMER, IRQ_S_EXT,   IRQ_S_SOFT,
    IRQ_S_TIMER, IRQ_S_GEXT, IRQ_VS_EXT,  IRQ_VS_SOFT, IRQ_VS_TIMER,
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

/*
 * Interrupts for a more privileged level are taken first: M (not
 * delegated), then HS (mideleg, not hideleg: enabled in any V=1 mode),
 * then VS (hideleg: only when V=1, masked in VS-mode by vsstatus.SIE).
 */
int riscv_cpu_pending_interrupt(CPURISCVState *env)
{
    uint64_t pending = riscv_cpu_read_mip(env) & env->mie;
    uint64_t m_pending = pending & ~env->mideleg;
    uint64_t s_pending = pending & env->mideleg & ~env->hideleg;
    uint64_t vs_pending = pending & env->mideleg & env->hideleg;
    bool virt = env->virt_enabled;
    bool m_enabled = env->priv < PRV_M || (env->mstatus & MSTATUS_MIE) != 0;
    bool s_enabled = virt || env->priv < PRV_S ||
                     (env->priv == PRV_S && (env->mstatus & MSTATUS_SIE));
    bool vs_enabled =
        virt && (env->priv < PRV_S || (env->vsstatus & MSTATUS_SIE) != 0);

    if (m_enabled && m_pending) {
        return highest_irq(m_pending);
    }
    if (s_enabled && s_pending) {
        return highest_irq(s_pending);
    }
    if (vs_enabled && vs_pending) {
        return highest_irq(vs_pending);
    }
    return -1;
}

/*
 * The TLB is indexed by MMU index and the block cache is keyed by the
 * privilege and V (riscv_tb_flags), so a mode change needs no flush.
 */
void riscv_cpu_set_mode(CPURISCVState *env, uint64_t priv)
{
    env->priv = priv;
    riscv_cpu_update_mmu_idx(env);
}

void riscv_cpu_set_virt(CPURISCVState *env, bool virt)
{
    if (env->virt_enabled != virt) {
        env->virt_enabled = virt;
        riscv_cpu_update_mmu_idx(env);
        /* VS-level interrupts may now be deliverable (or not). */
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
}

/* ---- xRET, WFI, SFENCE.VMA ---- */

static uint64_t epc_mask(CPURISCVState *env)
{
    return riscv_has_ext(env, RVC) ? ~1ULL : ~3ULL;
}

/*
 * When refused, these raise ILLEGAL_INST (or, when V=1, VIRT_INSTRUCTION
 * as the H extension's table says) with tval = the instruction, as for
 * any illegal instruction: MRET, SRET and WFI have one encoding each.
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
    bool prev_virt;

    if (env->priv != PRV_M) {
        riscv_raise_virt_or_illegal(env, INSN_MRET);
    }
    prev = get_field(s, MSTATUS_MPP);
    prev_virt = prev != PRV_M && (s & MSTATUS_MPV);
    s = set_field(s, MSTATUS_MIE, get_field(s, MSTATUS_MPIE));
    s = set_field(s, MSTATUS_MPIE, 1);
    s = set_field(s, MSTATUS_MPP, riscv_has_ext(env, RVU) ? PRV_U : PRV_M);
    s &= ~MSTATUS_MPV;
    if (prev != PRV_M) {
        s &= ~MSTATUS_MPRV;
    }
    env->mstatus = s;
    riscv_drop_reservation(env); /* xRET may drop it: it does */
    env->pc = env->mepc & epc_mask(env);
    riscv_cpu_set_virt(env, prev_virt);
    riscv_cpu_set_mode(env, prev);
}

/* SRET in VS-mode: returns within the guest, through vsstatus/vsepc. */
static void sret_vs(CPURISCVState *env)
{
    uint64_t s = env->vsstatus;
    uint64_t prev = get_field(s, MSTATUS_SPP);

    if (env->hstatus & HSTATUS_VTSR) {
        riscv_raise_exception(env, RISCV_EXCP_VIRT_INSTRUCTION_FAULT,
                              INSN_SRET);
    }
    s = set_field(s, MSTATUS_SIE, get_field(s, MSTATUS_SPIE));
    s = set_field(s, MSTATUS_SPIE, 1);
    s = set_field(s, MSTATUS_SPP, PRV_U);
    env->vsstatus = s;
    riscv_drop_reservation(env);
    env->pc = env->vsepc & epc_mask(env);
    riscv_cpu_set_mode(env, prev);
    cpu_exit_request(env, EXIT_REQUEST_IRQ); /* SIE may have been set */
}

void helper_sret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;
    uint64_t prev;
    bool prev_virt = false;

    if (!riscv_has_ext(env, RVS) || env->priv == PRV_U) {
        riscv_raise_virt_or_illegal(env, INSN_SRET);
    }
    if (env->virt_enabled) {
        sret_vs(env);
        return;
    }
    if (env->priv == PRV_S && (s & MSTATUS_TSR)) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_SRET);
    }
    prev = get_field(s, MSTATUS_SPP);
    if (riscv_has_ext(env, RVH)) {
        prev_virt = (env->hstatus & HSTATUS_SPV) != 0;
        env->hstatus &= ~HSTATUS_SPV;
    }
    s = set_field(s, MSTATUS_SIE, get_field(s, MSTATUS_SPIE));
    s = set_field(s, MSTATUS_SPIE, 1);
    s = set_field(s, MSTATUS_SPP, PRV_U);
    s &= ~MSTATUS_MPRV; /* the new mode is below M */
    env->mstatus = s;
    riscv_drop_reservation(env);
    env->pc = env->sepc & epc_mask(env);
    riscv_cpu_set_virt(env, prev_virt);
    riscv_cpu_set_mode(env, prev);
}

/*
 * WFI: illegal in U-mode and, with mstatus.TW, in S-mode (the time limit
 * the spec allows is zero). When V=1 and TW=0: a virtual-instruction
 * exception in VU-mode, and in VS-mode with hstatus.VTW. Otherwise the
 * hart sleeps until an enabled interrupt is pending (even one that is
 * masked globally).
 */
void helper_wfi(CPURISCVState *env)
{
    if (env->priv < PRV_M) {
        if (env->mstatus & MSTATUS_TW) {
            riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_WFI);
        }
        if (env->virt_enabled &&
            (env->priv == PRV_U || (env->hstatus & HSTATUS_VTW))) {
            riscv_raise_exception(env, RISCV_EXCP_VIRT_INSTRUCTION_FAULT,
                                  INSN_WFI);
        }
        if (env->priv == PRV_U) {
            riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_WFI);
        }
    }
    if (!riscv_cpu_has_work(env)) {
        env->halted = true;
    }
}

/*
 * The TLB is not tagged by ASID or VMID: flushing ignores them
 * (conservative). SFENCE.VMA flushes the translations of the current V
 * only: a guest's fence leaves the host's entries alone and vice versa.
 */
void helper_sfence_vma(CPURISCVState *env, uint64_t vaddr, uint64_t asid,
                       bool all_addr, bool all_asid)
{
    bool virt = env->virt_enabled;
    unsigned mask = env->priv == PRV_M ? ~0u
                    : virt             ? MMU_MASK_VIRT
                                       : MMU_MASK_HOST;

    if (env->priv == PRV_U) {
        riscv_raise_virt_or_illegal(env, INSN_SFENCE_VMA);
    }
    if (virt && (env->hstatus & HSTATUS_VTVM)) {
        riscv_raise_exception(env, RISCV_EXCP_VIRT_INSTRUCTION_FAULT,
                              INSN_SFENCE_VMA);
    }
    if (!virt && env->priv == PRV_S && (env->mstatus & MSTATUS_TVM)) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, INSN_SFENCE_VMA);
    }
    if (all_addr) {
        tlb_flush_mask(env, mask);
    } else {
        tlb_flush_page_mask(env, vaddr, mask);
    }
}

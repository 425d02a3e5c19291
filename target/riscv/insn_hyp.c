/*
 * Hypervisor-extension instructions: HLV, HLVX, HSV, HFENCE.VVMA,
 * HFENCE.GVMA, and the Svinval fences (SINVAL.VMA, SFENCE.W.INVAL,
 * SFENCE.INVAL.IR, HINVAL.VVMA, HINVAL.GVMA), which this hart performs
 * as the corresponding SFENCE/HFENCE (privileged spec 1.12, "Hypervisor
 * Instructions"; Svinval).
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include "target/riscv/insn-handlers.h"

#define HANDLER(name) void exec_##name(CPURISCVState *env, const DecodedInsn *d)

/*
 * HLV/HLVX/HSV and HFENCE: a virtual-instruction exception when V=1,
 * illegal in U-mode (for HLV/HSV unless hstatus.HU).
 */
static void check_hyp_insn(CPURISCVState *env, const DecodedInsn *d,
                           bool allowed_in_u)
{
    if (env->virt_enabled) {
        riscv_raise_exception(env, RISCV_EXCP_VIRT_INSTRUCTION_FAULT, d->raw);
    }
    if (env->priv == PRV_U && (!allowed_in_u || !(env->hstatus & HSTATUS_HU))) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, d->raw);
    }
}

/* The access acts as V=1 with privilege hstatus.SPVP (MPRV ignored). */
static int hlv_mmu_idx(CPURISCVState *env)
{
    if (!(env->hstatus & HSTATUS_SPVP)) {
        return MMU_IDX_VU;
    }
    return (env->vsstatus & MSTATUS_SUM) ? MMU_IDX_VS_SUM : MMU_IDX_VS;
}

static uint64_t hlv(CPURISCVState *env, const DecodedInsn *d, unsigned size,
                    bool hlvx)
{
    check_hyp_insn(env, d, true);
    return cpu_ld_slow(env, env->gpr[d->rs1], size,
                       hlv_mmu_idx(env) | (hlvx ? MMU_IDX_HLVX : 0));
}

static void hsv(CPURISCVState *env, const DecodedInsn *d, unsigned size)
{
    check_hyp_insn(env, d, true);
    cpu_st_slow(env, env->gpr[d->rs1], env->gpr[d->rs2], size,
                hlv_mmu_idx(env));
}

HANDLER(hlv_b)
{
    env->gpr[d->rd] = (int64_t)(int8_t)hlv(env, d, 1, false);
}

HANDLER(hlv_bu)
{
    env->gpr[d->rd] = (uint8_t)hlv(env, d, 1, false);
}

HANDLER(hlv_h)
{
    env->gpr[d->rd] = (int64_t)(int16_t)hlv(env, d, 2, false);
}

HANDLER(hlv_hu)
{
    env->gpr[d->rd] = (uint16_t)hlv(env, d, 2, false);
}

HANDLER(hlvx_hu)
{
    env->gpr[d->rd] = (uint16_t)hlv(env, d, 2, true);
}

HANDLER(hlv_w)
{
    env->gpr[d->rd] = (int64_t)(int32_t)hlv(env, d, 4, false);
}

HANDLER(hlv_wu)
{
    env->gpr[d->rd] = (uint32_t)hlv(env, d, 4, false);
}

HANDLER(hlvx_wu)
{
    env->gpr[d->rd] = (uint32_t)hlv(env, d, 4, true);
}

HANDLER(hlv_d)
{
    env->gpr[d->rd] = hlv(env, d, 8, false);
}

HANDLER(hsv_b)
{
    hsv(env, d, 1);
}

HANDLER(hsv_h)
{
    hsv(env, d, 2);
}

HANDLER(hsv_w)
{
    hsv(env, d, 4);
}

HANDLER(hsv_d)
{
    hsv(env, d, 8);
}

/*
 * HFENCE.VVMA: the guest's translations (the TLB keeps VS-stage and
 * G-stage combined, untagged by ASID or VMID: one page or all of them).
 */
HANDLER(hfence_vvma)
{
    check_hyp_insn(env, d, false);
    if (d->rs1) {
        tlb_flush_page_mask(env, env->gpr[d->rs1], MMU_MASK_VIRT);
    } else {
        tlb_flush_mask(env, MMU_MASK_VIRT);
    }
    env->pc = d->pc + d->len;
}

/*
 * HFENCE.GVMA: rs1 is a guest physical address >> 2, which the combined
 * TLB cannot look up: every guest translation goes. HS-mode with
 * mstatus.TVM may not use it.
 */
HANDLER(hfence_gvma)
{
    check_hyp_insn(env, d, false);
    if (env->priv == PRV_S && (env->mstatus & MSTATUS_TVM)) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, d->raw);
    }
    tlb_flush_mask(env, MMU_MASK_VIRT);
    env->pc = d->pc + d->len;
}

/* ---- Svinval ---- */

HANDLER(sinval_vma)
{
    exec_sfence_vma(env, d);
}

HANDLER(hinval_vvma)
{
    exec_hfence_vvma(env, d);
}

HANDLER(hinval_gvma)
{
    exec_hfence_gvma(env, d);
}

/*
 * SFENCE.W.INVAL and SFENCE.INVAL.IR only order the invalidations around
 * them, which this hart performs at once: no-ops where SINVAL.VMA would
 * be allowed (not U-mode; VU-mode gives a virtual-instruction exception).
 */
HANDLER(sfence_w_inval)
{
    if (env->priv == PRV_U) {
        riscv_raise_virt_or_illegal(env, d->raw);
    }
    env->pc = d->pc + d->len;
}

HANDLER(sfence_inval_ir)
{
    exec_sfence_w_inval(env, d);
}

/*
 * System instruction handlers: Zicsr, Zifencei, ECALL/EBREAK, xRET, WFI,
 * SFENCE.VMA. All of them end their block; those that fall through set
 * env->pc to the next instruction themselves.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include "qemu/main-loop.h"

/* HANDLER(csrrw) defines exec_csrrw, the handler the decoder names. */
#define HANDLER(name) void exec_##name(CPURISCVState *env, const DecodedInsn *d)

static void next_insn(CPURISCVState *env, const DecodedInsn *d)
{
    env->pc = d->pc + d->len;
}

/* ---- Zicsr ---- */

/*
 * Replace the bits of CSR d->imm selected by mask with new_value's and
 * put the old value in rd. When `read` is false (CSRRW/CSRRWI with
 * rd = x0) the CSR is not read at all, so its read side effects do not
 * happen. A mask of 0 (CSRRS/CSRRC with rs1 = x0 or uimm = 0) is a pure
 * read, allowed on read-only CSRs. A refused access raises the returned
 * exception with tval = the instruction.
 */
static void csr_access(CPURISCVState *env, const DecodedInsn *d,
                       uint64_t new_value, uint64_t mask, bool read)
{
    uint64_t old = 0;
    /*
     * Without the big lock: a CSR is the hart's own state; device lines
     * come in through the atomic mip_lines, time reads a clock, and the
     * one device a CSR reaches (the Sstc timers) takes the lock itself
     * (riscv_sstc_rearm).
     */
    RISCVException ret =
        riscv_csrrw(env, d->imm, read ? &old : NULL, new_value, mask);

    if (ret != RISCV_EXCP_NONE) {
        riscv_raise_exception(env, ret, d->raw);
    }
    env->gpr[d->rd] = old;
    next_insn(env, d);
}

/* rd == 32 is the sink: the architectural rd is x0. */
HANDLER(csrrw)
{
    csr_access(env, d, env->gpr[d->rs1], UINT64_MAX, d->rd != 32);
}

HANDLER(csrrs)
{
    csr_access(env, d, UINT64_MAX, env->gpr[d->rs1], true);
}

HANDLER(csrrc)
{
    csr_access(env, d, 0, env->gpr[d->rs1], true);
}

/* The *I forms: d->rs1 is the 5-bit zero-extended immediate. */
HANDLER(csrrwi)
{
    csr_access(env, d, d->rs1, UINT64_MAX, d->rd != 32);
}

HANDLER(csrrsi)
{
    csr_access(env, d, UINT64_MAX, d->rs1, true);
}

HANDLER(csrrci)
{
    csr_access(env, d, 0, d->rs1, true);
}

/* ---- Zifencei ---- */

/*
 * Every store to a page holding translated code already dropped exactly
 * the blocks of that page (cputlb.c), and one hart's blocks never run
 * past a store into themselves by more than the current block, which
 * FENCE.I ends. So this hart already sees its own stores (Zifencei):
 * nothing is left to flush.
 */
HANDLER(fence_i)
{
    next_insn(env, d);
}

/* ---- Traps and privileged instructions ---- */

HANDLER(ecall)
{
    RISCVException cause;

    switch (env->priv) {
    case PRV_U:
        cause = RISCV_EXCP_U_ECALL;
        break;
    case PRV_S:
        cause = env->virt_enabled ? RISCV_EXCP_VS_ECALL : RISCV_EXCP_S_ECALL;
        break;
    default:
        cause = RISCV_EXCP_M_ECALL;
        break;
    }
    riscv_raise_exception(env, cause, 0);
}

/* QEMU (without semihosting) leaves tval 0 for breakpoints. */
HANDLER(ebreak)
{
    riscv_raise_exception(env, RISCV_EXCP_BREAKPOINT, 0);
}

/* The helpers check privilege (and TSR) and set env->pc. */
HANDLER(mret)
{
    helper_mret(env);
}

HANDLER(sret)
{
    helper_sret(env);
}

/* helper_wfi raises if WFI is not allowed here (TW, U-mode). */
HANDLER(wfi)
{
    helper_wfi(env);
    next_insn(env, d);
}

/* rs1 = x0: all addresses; rs2 = x0: all address spaces. */
HANDLER(sfence_vma)
{
    helper_sfence_vma(env, env->gpr[d->rs1], env->gpr[d->rs2], d->rs1 == 0,
                      d->rs2 == 0);
    next_insn(env, d);
}

/*
 * Helpers for defining integer instruction handlers (insn_int.c,
 * insn_bitmanip_crypto.c): each names its handler exec_NAME and computes
 * rd from locals a (rs1), b (rs2) or imm.
 */
#ifndef TARGET_RISCV_INSN_OPS_H
#define TARGET_RISCV_INSN_OPS_H

#include "target/riscv/translate.h"

/* HANDLER(add) defines exec_add, the handler the decoder names. */
#define HANDLER(name) void exec_##name(CPURISCVState *env, const DecodedInsn *d)

/* rd = expr of a = rs1, b = rs2 */
#define OP_RR(name, expr)                                    \
    HANDLER(name)                                            \
    {                                                        \
        uint64_t a = env->gpr[d->rs1], b = env->gpr[d->rs2]; \
        env->gpr[d->rd] = (expr);                            \
    }

/* rd = expr of a = rs1, imm = the immediate or shift amount */
#define OP_RI(name, expr)                            \
    HANDLER(name)                                    \
    {                                                \
        uint64_t a = env->gpr[d->rs1], imm = d->imm; \
        env->gpr[d->rd] = (expr);                    \
    }

/* rd = expr of a = rs1 only */
#define OP_R(name, expr)               \
    HANDLER(name)                      \
    {                                  \
        uint64_t a = env->gpr[d->rs1]; \
        env->gpr[d->rd] = (expr);      \
    }

static inline uint64_t sext32(uint64_t v)
{
    return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

#endif

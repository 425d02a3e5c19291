/*
 * Pre-decoded instructions: the decoder turns each guest instruction into
 * a DecodedInsn once, and the engine runs a block of them by calling each
 * one's handler.
 *
 * Handler conventions:
 * - env->pc holds the instruction's own address when the handler runs.
 * - Registers: read env->gpr[d->rs1] etc.; write env->gpr[d->rd]. The
 *   decoder maps rd == x0 to the sink gpr[32], so no handler checks rd.
 * - An instruction that changes control flow (branches, jumps, xRET,
 *   ECALL, FENCE.I, WFI, CSR writes that can change the translation
 *   context) ends its block and must set env->pc to the next PC itself;
 *   for all others the engine advances the PC.
 * - Faults: call riscv_raise_exception(); it does not return.
 * - d->len is 2 for a compressed instruction, 4 otherwise; compressed
 *   instructions are expanded to the same handlers as their 32-bit forms.
 */
#ifndef TARGET_RISCV_TRANSLATE_H
#define TARGET_RISCV_TRANSLATE_H

#include "target/riscv/cpu.h"

typedef struct DecodedInsn DecodedInsn;
typedef void InsnFn(CPURISCVState *env, const DecodedInsn *d);

struct DecodedInsn {
    InsnFn *fn;
    uint64_t pc;
    int64_t imm;  /* sign-extended immediate, CSR number, shift amount... */
    uint32_t raw; /* the instruction as fetched (16 or 32 bits) */
    uint8_t rd;   /* 32 (sink) when the architectural rd is x0 */
    uint8_t rs1, rs2, rs3;
    uint8_t rm;    /* FP rounding mode field; aq/rl bits for AMOs */
    uint8_t len;   /* 2 or 4 */
    uint8_t flags; /* DECODE_* */
};

#define DECODE_ENDS_BLOCK 1 /* the handler sets env->pc */

/*
 * What a block's meaning depends on besides its address: the privilege
 * level and whether FP is enabled (FP instructions decode as illegal when
 * mstatus.FS is Off), and the data MMU index (translated code has it
 * built in). Part of the block-cache key.
 */
static inline uint32_t riscv_tb_flags(CPURISCVState *env)
{
    return (uint32_t)env->priv | (riscv_fs_enabled(env) ? 4 : 0) |
           (env->virt_enabled ? 8 : 0) | ((uint32_t)env->data_mmu_idx << 4);
}

/* The engine's name for it (QEMU's cpu_get_tb_cpu_state). */
static inline uint32_t cpu_get_tb_flags(CPUArchState *env)
{
    return riscv_tb_flags(env);
}

/* The translator may jump to 2-byte aligned targets (C is on). */
static inline bool cpu_jit_insn_align2(CPUArchState *env)
{
    return riscv_has_ext(env, RVC);
}

/*
 * Decode one instruction whose first 16 bits are `insn16` (and, when the
 * low two bits are 11, the next 16 bits in `insn_hi`) at pc, for a hart
 * whose misa/config and block flags are as given. Always fills *d: an
 * unknown or disabled encoding gets the illegal-instruction handler.
 * Returns the instruction length (2 or 4).
 */
int riscv_decode(CPURISCVState *env, uint32_t tb_flags, uint64_t pc,
                 uint16_t insn16, uint16_t insn_hi, DecodedInsn *d);

/* The handler for illegal instructions (raises ILLEGAL_INST, tval = raw). */
InsnFn exec_illegal;
/* The handler of an instruction at an execute trigger (debug.c). */
InsnFn exec_trigger_check;

/* Disassemble one instruction into buf ("addi a0, a0, 1"). */
void riscv_disas(uint64_t pc, uint32_t insn, char *buf, size_t buflen);

#endif

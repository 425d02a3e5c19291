/*
 * A small x86-64 assembler for the translator: each function appends one
 * host instruction to a buffer. Only the forms the translator uses exist.
 * Encodings follow the Intel SDM, vol. 2 (REX prefixes, ModRM, SIB).
 *
 * Memory operands are [base + disp32] or [base + index*scale + disp32];
 * registers are numbered as in the encoding (RAX=0 ... R15=15).
 */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include "qemu/osdep.h"

enum {
    RAX,
    RCX,
    RDX,
    RBX,
    RSP,
    RBP,
    RSI,
    RDI,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
};

/* Condition codes (the low nibble of Jcc/SETcc). */
typedef enum X86Cond {
    CC_B = 0x2, /* unsigned < */
    CC_AE = 0x3,
    CC_E = 0x4,
    CC_NE = 0x5,
    CC_BE = 0x6, /* unsigned <= */
    CC_A = 0x7,  /* unsigned > */
    CC_P = 0xa,  /* parity: unordered after UCOMISx */
    CC_S = 0x8,
    CC_L = 0xc, /* signed < */
    CC_GE = 0xd,
} X86Cond;

/* ALU operations: the /digit of opcodes 81/83 and the row of 01..3B. */
typedef enum X86Alu {
    ALU_ADD = 0,
    ALU_OR = 1,
    ALU_AND = 4,
    ALU_SUB = 5,
    ALU_XOR = 6,
    ALU_CMP = 7,
} X86Alu;

/* Shifts: the /digit of C1 and D3. */
typedef enum X86Shift {
    SHIFT_SHL = 4,
    SHIFT_SHR = 5,
    SHIFT_SAR = 7,
} X86Shift;

/* The one-operand group F7: the /digit. MUL/IMUL1 multiply RAX by the
 * operand into RDX:RAX; DIV/IDIV divide RDX:RAX by it (quotient in RAX,
 * remainder in RDX). */
typedef enum X86Unary {
    UNARY_NOT = 2,
    UNARY_NEG = 3,
    UNARY_MUL = 4,
    UNARY_IMUL1 = 5,
    UNARY_DIV = 6,
    UNARY_IDIV = 7,
} X86Unary;

typedef struct X86Emit {
    uint8_t *p;    /* next byte to write */
    uint8_t *end;  /* the buffer's end */
    bool overflow; /* ran out of room: the output is unusable */
} X86Emit;

/* Width of an operation: 32-bit (zero-extends the result) or 64-bit. */
#define W32 false
#define W64 true

static inline void x86_byte(X86Emit *e, uint8_t b)
{
    if (likely(e->p < e->end)) {
        *e->p++ = b;
    } else {
        e->overflow = true;
    }
}

void x86_u32(X86Emit *e, uint32_t v);
void x86_u64(X86Emit *e, uint64_t v);

/* mov dst, src / mov dst, imm64 (the shortest encoding for the value) */
void x86_mov_rr(X86Emit *e, bool w, int dst, int src);
void x86_mov_ri(X86Emit *e, int dst, uint64_t imm);
/* Loads: mov / movzx / movsx / movsxd reg, [base + disp] of size bytes. */
void x86_load(X86Emit *e, int dst, int base, int32_t disp, unsigned size,
              bool sign);
/* The same with [base + index]. */
void x86_load_idx(X86Emit *e, int dst, int base, int index, unsigned size,
                  bool sign);
/* mov dst, qword [base + index*scale + disp] / cmp reg, qword [same] */
void x86_load64_sib(X86Emit *e, int dst, int base, int index, int scale,
                    int32_t disp);
void x86_cmp_sib(X86Emit *e, int reg, int base, int index, int scale,
                 int32_t disp);
/* mov [base + disp] / [base + index], src (size bytes). */
void x86_store(X86Emit *e, int src, int base, int32_t disp, unsigned size);
void x86_store_idx(X86Emit *e, int src, int base, int index, unsigned size);
/* mov qword/dword [base + disp], simm32 */
void x86_store_imm(X86Emit *e, bool w, int base, int32_t disp, int32_t imm);
/* op dst, src / op dst, [base + disp] / op dst, simm32 */
void x86_alu_rr(X86Emit *e, bool w, X86Alu op, int dst, int src);
void x86_alu_rm(X86Emit *e, bool w, X86Alu op, int dst, int base, int32_t disp);
void x86_alu_ri(X86Emit *e, bool w, X86Alu op, int dst, int32_t imm);
/* op dword/qword [base + disp], simm32 */
void x86_alu_mi(X86Emit *e, bool w, X86Alu op, int base, int32_t disp,
                int32_t imm);
void x86_shift_ri(X86Emit *e, bool w, X86Shift op, int dst, uint8_t count);
void x86_shift_cl(X86Emit *e, bool w, X86Shift op, int dst);
void x86_imul_rm(X86Emit *e, bool w, int dst, int base, int32_t disp);
void x86_imul_rr(X86Emit *e, bool w, int dst, int src);
void x86_unary(X86Emit *e, bool w, X86Unary op, int reg);
/* cqo (64-bit) / cdq (32-bit): sign-extend RAX into RDX */
void x86_cqo(X86Emit *e, bool w);
/* test byte [base + disp], imm8 */
void x86_test_m8(X86Emit *e, int base, int32_t disp, uint8_t imm);

/*
 * SSE scalar operations on XMM0-XMM7 with a memory operand: `prefix 0F opc
 * xmm, [base + disp]` (F2: double, F3: single; opc 10 load, 58 add,
 * 59 mul, 5C sub, 5E div; 66 / no prefix (0) with 2E: ucomisd / ucomiss).
 */
void x86_sse_rm(X86Emit *e, uint8_t prefix, uint8_t opc, int xmm, int base,
                int32_t disp);
/* mov r64/r32, xmm (movq / movd) */
void x86_mov_from_xmm(X86Emit *e, bool w, int dst, int xmm);
/*
 * FMA3, the 231 form: xmm = xmm2 * [base + disp] +/- xmm (opc B9 vfmadd,
 * BB vfmsub, BD vfnmadd, BF vfnmsub); w: double (W1) or single.
 */
void x86_vfma231_rm(X86Emit *e, bool w, uint8_t opc, int xmm, int xmm2,
                    int base, int32_t disp);
void x86_movsxd(X86Emit *e, int dst, int src);
void x86_lea(X86Emit *e, int dst, int base, int32_t disp);
/* lea dst, [base + index*scale] (scale 1, 2, 4 or 8) */
void x86_lea_idx(X86Emit *e, int dst, int base, int index, int scale);
void x86_test_rr(X86Emit *e, bool w, int a, int b);
void x86_test_ri8(X86Emit *e, int reg, uint8_t imm); /* test reg8, imm8 */
/* setcc dst8 (dst is first zeroed by the caller) */
void x86_setcc(X86Emit *e, X86Cond cc, int dst);
/* Jumps with a rel32 to patch: return where the rel32 is. */
uint8_t *x86_jcc(X86Emit *e, X86Cond cc);
uint8_t *x86_jmp(X86Emit *e);
/* Point the rel32 at `at` (writable view; `delta` = executable - writable
 * address) to the executable address target. */
void x86_patch_rel32(uint8_t *at, ptrdiff_t delta, const void *target);
void x86_jmp_reg(X86Emit *e, int reg);
void x86_call_reg(X86Emit *e, int reg);
void x86_push(X86Emit *e, int reg);
void x86_pop(X86Emit *e, int reg);
void x86_ret(X86Emit *e);

#endif

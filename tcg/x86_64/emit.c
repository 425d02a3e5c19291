/*
 * x86-64 instruction encodings (Intel SDM vol. 2, chapter 2: REX, ModRM,
 * SIB; the opcode tables of chapters 3-4). See emit.h.
 */
#include "tcg/x86_64/emit.h"

void x86_u32(X86Emit *e, uint32_t v)
{
    if (likely(e->end - e->p >= 4)) {
        memcpy(e->p, &v, 4); /* little-endian, as the host */
        e->p += 4;
        return;
    }
    for (int i = 0; i < 4; i++) {
        x86_byte(e, v >> (8 * i));
    }
}

void x86_u64(X86Emit *e, uint64_t v)
{
    x86_u32(e, (uint32_t)v);
    x86_u32(e, (uint32_t)(v >> 32));
}

/*
 * REX prefix: W (64-bit operand), R (ModRM.reg high bit), X (SIB.index),
 * B (ModRM.rm / SIB.base). `force` emits it even when all bits are clear
 * (byte access to SPL/BPL/SIL/DIL).
 */
static void rex(X86Emit *e, bool w, int reg, int index, int base, bool force)
{
    uint8_t r = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) |
                ((index & 8) ? 2 : 0) | ((base & 8) ? 1 : 0);

    if (r != 0x40 || force) {
        x86_byte(e, r);
    }
}

static void opcode(X86Emit *e, uint32_t opc)
{
    /* Multi-byte opcodes are given most significant byte first. */
    if (opc > 0xffff) {
        x86_byte(e, opc >> 16);
    }
    if (opc > 0xff) {
        x86_byte(e, opc >> 8);
    }
    x86_byte(e, opc);
}

/* ModRM (+SIB, +disp) for [base + disp]. */
static void modrm_mem(X86Emit *e, int reg, int base, int32_t disp)
{
    int mod =
        disp == 0 && (base & 7) != RBP ? 0 : (disp == (int8_t)disp ? 1 : 2);

    x86_byte(e, (mod << 6) | ((reg & 7) << 3) | (base & 7));
    if ((base & 7) == RSP) {
        x86_byte(e, 0x24); /* SIB: no index, base */
    }
    if (mod == 1) {
        x86_byte(e, (uint8_t)disp);
    } else if (mod == 2) {
        x86_u32(e, (uint32_t)disp);
    }
}

/* ModRM + SIB for [base + index*scale] (no displacement unless RBP/R13). */
static void modrm_sib(X86Emit *e, int reg, int base, int index, int scale)
{
    int ss = scale == 8 ? 3 : scale == 4 ? 2 : scale == 2 ? 1 : 0;
    bool need_disp = (base & 7) == RBP;

    g_assert((index & 15) != RSP);
    x86_byte(e, ((need_disp ? 1 : 0) << 6) | ((reg & 7) << 3) | 4);
    x86_byte(e, (ss << 6) | ((index & 7) << 3) | (base & 7));
    if (need_disp) {
        x86_byte(e, 0);
    }
}

/* ModRM + SIB + disp32 for [base + index*scale + disp]. */
static void modrm_sib_disp(X86Emit *e, int reg, int base, int index, int scale,
                           int32_t disp)
{
    int ss = scale == 8 ? 3 : scale == 4 ? 2 : scale == 2 ? 1 : 0;

    g_assert((index & 15) != RSP);
    x86_byte(e, (2 << 6) | ((reg & 7) << 3) | 4);
    x86_byte(e, (ss << 6) | ((index & 7) << 3) | (base & 7));
    x86_u32(e, (uint32_t)disp);
}

static void modrm_reg(X86Emit *e, int reg, int rm)
{
    x86_byte(e, 0xc0 | ((reg & 7) << 3) | (rm & 7));
}

/* op reg, [base + disp] in general form. */
static void op_mem(X86Emit *e, bool w, uint32_t opc, int reg, int base,
                   int32_t disp, bool force_rex)
{
    rex(e, w, reg, 0, base, force_rex);
    opcode(e, opc);
    modrm_mem(e, reg, base, disp);
}

static void op_sib(X86Emit *e, bool w, uint32_t opc, int reg, int base,
                   int index, int scale, bool force_rex)
{
    rex(e, w, reg, index, base, force_rex);
    opcode(e, opc);
    modrm_sib(e, reg, base, index, scale);
}

static void op_sib_disp(X86Emit *e, bool w, uint32_t opc, int reg, int base,
                        int index, int scale, int32_t disp)
{
    rex(e, w, reg, index, base, false);
    opcode(e, opc);
    modrm_sib_disp(e, reg, base, index, scale, disp);
}

static void op_reg(X86Emit *e, bool w, uint32_t opc, int reg, int rm)
{
    rex(e, w, reg, 0, rm, false);
    opcode(e, opc);
    modrm_reg(e, reg, rm);
}

void x86_mov_rr(X86Emit *e, bool w, int dst, int src)
{
    op_reg(e, w, 0x8b, dst, src);
}

void x86_mov_ri(X86Emit *e, int dst, uint64_t imm)
{
    if (imm <= UINT32_MAX) {
        rex(e, false, 0, 0, dst, false); /* mov r32, imm32 zero-extends */
        x86_byte(e, 0xb8 + (dst & 7));
        x86_u32(e, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        op_reg(e, true, 0xc7, 0, dst); /* mov r/m64, simm32 */
        x86_u32(e, (uint32_t)imm);
    } else {
        rex(e, true, 0, 0, dst, false);
        x86_byte(e, 0xb8 + (dst & 7));
        x86_u64(e, imm);
    }
}

/* The load opcode for a size and signedness, and whether it needs REX.W. */
static uint32_t load_opcode(unsigned size, bool sign, bool *w)
{
    *w = sign && size < 8;
    switch (size) {
    case 1:
        return sign ? 0x0fbe : 0x0fb6;
    case 2:
        return sign ? 0x0fbf : 0x0fb7;
    case 4:
        return sign ? 0x63 : 0x8b;
    default:
        *w = true;
        return 0x8b;
    }
}

void x86_load(X86Emit *e, int dst, int base, int32_t disp, unsigned size,
              bool sign)
{
    bool w;
    uint32_t opc = load_opcode(size, sign, &w);

    op_mem(e, w, opc, dst, base, disp, false);
}

void x86_load_idx(X86Emit *e, int dst, int base, int index, unsigned size,
                  bool sign)
{
    bool w;
    uint32_t opc = load_opcode(size, sign, &w);

    op_sib(e, w, opc, dst, base, index, 1, false);
}

void x86_load64_sib(X86Emit *e, int dst, int base, int index, int scale,
                    int32_t disp)
{
    op_sib_disp(e, true, 0x8b, dst, base, index, scale, disp);
}

void x86_cmp_sib(X86Emit *e, int reg, int base, int index, int scale,
                 int32_t disp)
{
    op_sib_disp(e, true, 0x3b, reg, base, index, scale, disp);
}

static void store_prefix(X86Emit *e, unsigned size)
{
    if (size == 2) {
        x86_byte(e, 0x66);
    }
}

void x86_store(X86Emit *e, int src, int base, int32_t disp, unsigned size)
{
    store_prefix(e, size);
    op_mem(e, size == 8, size == 1 ? 0x88 : 0x89, src, base, disp,
           size == 1 && src >= RSP);
}

void x86_store_idx(X86Emit *e, int src, int base, int index, unsigned size)
{
    store_prefix(e, size);
    op_sib(e, size == 8, size == 1 ? 0x88 : 0x89, src, base, index, 1,
           size == 1 && src >= RSP);
}

void x86_store_imm(X86Emit *e, bool w, int base, int32_t disp, int32_t imm)
{
    op_mem(e, w, 0xc7, 0, base, disp, false);
    x86_u32(e, (uint32_t)imm);
}

void x86_alu_rr(X86Emit *e, bool w, X86Alu op, int dst, int src)
{
    op_reg(e, w, (op << 3) | 3, dst, src);
}

void x86_alu_rm(X86Emit *e, bool w, X86Alu op, int dst, int base, int32_t disp)
{
    op_mem(e, w, (op << 3) | 3, dst, base, disp, false);
}

void x86_alu_ri(X86Emit *e, bool w, X86Alu op, int dst, int32_t imm)
{
    if (imm == (int8_t)imm) {
        op_reg(e, w, 0x83, op, dst);
        x86_byte(e, (uint8_t)imm);
    } else {
        op_reg(e, w, 0x81, op, dst);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_alu_mi(X86Emit *e, bool w, X86Alu op, int base, int32_t disp,
                int32_t imm)
{
    if (imm == (int8_t)imm) {
        op_mem(e, w, 0x83, op, base, disp, false);
        x86_byte(e, (uint8_t)imm);
    } else {
        op_mem(e, w, 0x81, op, base, disp, false);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_shift_ri(X86Emit *e, bool w, X86Shift op, int dst, uint8_t count)
{
    op_reg(e, w, 0xc1, op, dst);
    x86_byte(e, count);
}

void x86_shift_cl(X86Emit *e, bool w, X86Shift op, int dst)
{
    op_reg(e, w, 0xd3, op, dst);
}

void x86_imul_rm(X86Emit *e, bool w, int dst, int base, int32_t disp)
{
    op_mem(e, w, 0x0faf, dst, base, disp, false);
}

void x86_imul_rr(X86Emit *e, bool w, int dst, int src)
{
    op_reg(e, w, 0x0faf, dst, src);
}

void x86_unary(X86Emit *e, bool w, X86Unary op, int reg)
{
    op_reg(e, w, 0xf7, op, reg);
}

void x86_cqo(X86Emit *e, bool w)
{
    rex(e, w, 0, 0, 0, false);
    x86_byte(e, 0x99);
}

void x86_test_m8(X86Emit *e, int base, int32_t disp, uint8_t imm)
{
    op_mem(e, false, 0xf6, 0, base, disp, false);
    x86_byte(e, imm);
}

void x86_sse_rm(X86Emit *e, uint8_t prefix, uint8_t opc, int xmm, int base,
                int32_t disp)
{
    if (prefix) {
        x86_byte(e, prefix);
    }
    op_mem(e, false, 0x0f00 | opc, xmm, base, disp, false);
}

void x86_mov_from_xmm(X86Emit *e, bool w, int dst, int xmm)
{
    x86_byte(e, 0x66);
    op_reg(e, w, 0x0f7e, xmm, dst); /* ModRM.reg is the XMM register */
}

void x86_vfma231_rm(X86Emit *e, bool w, uint8_t opc, int xmm, int xmm2,
                    int base, int32_t disp)
{
    g_assert(xmm < 8 && xmm2 < 8 && base < 8);
    /* Three-byte VEX: R X B inverted (all 1: low registers), map 0F38;
     * W, vvvv = ~xmm2, L = 0 (scalar), pp = 01 (66). */
    x86_byte(e, 0xc4);
    x86_byte(e, 0xe2);
    x86_byte(e, (w ? 0x80 : 0) | ((~xmm2 & 15) << 3) | 0x01);
    x86_byte(e, opc);
    modrm_mem(e, xmm, base, disp);
}

void x86_movsxd(X86Emit *e, int dst, int src)
{
    op_reg(e, true, 0x63, dst, src);
}

void x86_lea(X86Emit *e, int dst, int base, int32_t disp)
{
    op_mem(e, true, 0x8d, dst, base, disp, false);
}

void x86_lea_idx(X86Emit *e, int dst, int base, int index, int scale)
{
    op_sib(e, true, 0x8d, dst, base, index, scale, false);
}

void x86_test_rr(X86Emit *e, bool w, int a, int b)
{
    op_reg(e, w, 0x85, b, a);
}

void x86_test_ri8(X86Emit *e, int reg, uint8_t imm)
{
    rex(e, false, 0, 0, reg, reg >= RSP);
    x86_byte(e, 0xf6);
    modrm_reg(e, 0, reg);
    x86_byte(e, imm);
}

void x86_setcc(X86Emit *e, X86Cond cc, int dst)
{
    rex(e, false, 0, 0, dst, dst >= RSP);
    x86_byte(e, 0x0f);
    x86_byte(e, 0x90 | cc);
    modrm_reg(e, 0, dst);
}

uint8_t *x86_jcc(X86Emit *e, X86Cond cc)
{
    uint8_t *at;

    x86_byte(e, 0x0f);
    x86_byte(e, 0x80 | cc);
    at = e->p;
    x86_u32(e, 0);
    return at;
}

uint8_t *x86_jmp(X86Emit *e)
{
    uint8_t *at;

    x86_byte(e, 0xe9);
    at = e->p;
    x86_u32(e, 0);
    return at;
}

void x86_patch_rel32(uint8_t *at, ptrdiff_t delta, const void *target)
{
    int64_t rel = (intptr_t)target - ((intptr_t)at + delta + 4);
    int32_t rel32 = (int32_t)rel;

    g_assert(rel == rel32);
    memcpy(at, &rel32, 4);
}

void x86_jmp_reg(X86Emit *e, int reg)
{
    op_reg(e, false, 0xff, 4, reg);
}

void x86_call_reg(X86Emit *e, int reg)
{
    op_reg(e, false, 0xff, 2, reg);
}

void x86_push(X86Emit *e, int reg)
{
    rex(e, false, 0, 0, reg, false);
    x86_byte(e, 0x50 + (reg & 7));
}

void x86_pop(X86Emit *e, int reg)
{
    rex(e, false, 0, 0, reg, false);
    x86_byte(e, 0x58 + (reg & 7));
}

void x86_ret(X86Emit *e)
{
    x86_byte(e, 0xc3);
}

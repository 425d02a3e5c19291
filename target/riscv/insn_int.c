/*
 * Integer instruction handlers: RV64I, M, Zba, Zbb, Zbs.
 *
 * Each handler reads its sources into locals first (rd may equal rs1 or
 * rs2), computes with unsigned 64-bit arithmetic (wrap-around is defined)
 * and masks every shift amount, so no guest value causes host UB.
 * See target/riscv/translate.h for the handler conventions.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include "target/riscv/insn_ops.h"

static inline uint64_t sra64(uint64_t v, unsigned sh)
{
    return (uint64_t)((int64_t)v >> (sh & 63));
}

static inline uint64_t rol64(uint64_t v, unsigned sh)
{
    sh &= 63;
    return (v << sh) | (v >> ((64 - sh) & 63));
}

static inline uint64_t ror64(uint64_t v, unsigned sh)
{
    return rol64(v, 64 - (sh & 63));
}

static inline uint32_t rol32(uint32_t v, unsigned sh)
{
    sh &= 31;
    return (v << sh) | (v >> ((32 - sh) & 31));
}

static inline uint32_t ror32(uint32_t v, unsigned sh)
{
    return rol32(v, 32 - (sh & 31));
}

/* ---- Control transfer ---- */

/*
 * A jump target must be 4-byte aligned unless C is enabled (then 2-byte
 * alignment, which every computed target has, is enough). Raised on the
 * jump or taken branch itself, with tval = the target.
 */
static void check_target(CPURISCVState *env, uint64_t target)
{
    if ((target & 2) && !riscv_has_ext(env, RVC)) {
        riscv_raise_exception(env, RISCV_EXCP_INST_ADDR_MIS, target);
    }
}

HANDLER(lui)
{
    env->gpr[d->rd] = (uint64_t)d->imm;
}

HANDLER(auipc)
{
    env->gpr[d->rd] = d->pc + (uint64_t)d->imm;
}

HANDLER(jal)
{
    uint64_t target = d->pc + (uint64_t)d->imm;

    check_target(env, target);
    env->gpr[d->rd] = d->pc + d->len;
    env->pc = target;
}

HANDLER(jalr)
{
    uint64_t target = (env->gpr[d->rs1] + (uint64_t)d->imm) & ~1ULL;

    check_target(env, target);
    env->gpr[d->rd] = d->pc + d->len;
    env->pc = target;
}

#define BRANCH(name, cond)                                   \
    HANDLER(name)                                            \
    {                                                        \
        uint64_t a = env->gpr[d->rs1], b = env->gpr[d->rs2]; \
        if (cond) {                                          \
            uint64_t target = d->pc + (uint64_t)d->imm;      \
            check_target(env, target);                       \
            env->pc = target;                                \
        } else {                                             \
            env->pc = d->pc + d->len;                        \
        }                                                    \
    }

BRANCH(beq, a == b)
BRANCH(bne, a != b)
BRANCH(blt, (int64_t)a < (int64_t)b)
BRANCH(bge, (int64_t)a >= (int64_t)b)
BRANCH(bltu, a < b)
BRANCH(bgeu, a >= b)

/* ---- Loads and stores ---- */

/* Load with fn, then extend from the width of type (signed or not). */
#define LOAD(name, fn, type)                                      \
    HANDLER(name)                                                 \
    {                                                             \
        uint64_t addr = env->gpr[d->rs1] + (uint64_t)d->imm;      \
        env->gpr[d->rd] = (uint64_t)(int64_t)(type)fn(env, addr); \
    }

LOAD(lb, cpu_ldub, int8_t)
LOAD(lh, cpu_lduw, int16_t)
LOAD(lw, cpu_ldl, int32_t)
LOAD(ld, cpu_ldq, uint64_t)
LOAD(lbu, cpu_ldub, uint8_t)
LOAD(lhu, cpu_lduw, uint16_t)
LOAD(lwu, cpu_ldl, uint32_t)

#define STORE(name, fn, type)                                \
    HANDLER(name)                                            \
    {                                                        \
        uint64_t addr = env->gpr[d->rs1] + (uint64_t)d->imm; \
        fn(env, addr, (type)env->gpr[d->rs2]);               \
    }

STORE(sb, cpu_stb, uint8_t)
STORE(sh, cpu_stw, uint16_t)
STORE(sw, cpu_stl, uint32_t)
STORE(sd, cpu_stq, uint64_t)

/*
 * FENCE orders this hart's memory accesses as seen by the other harts
 * (vCPU threads): a full host barrier covers every predecessor/successor
 * set. FENCE.TSO and PAUSE are encodings of FENCE and land here too.
 */
HANDLER(fence)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Zihintpause: a hint that the hart may slow down; nothing to do. */
HANDLER(pause)
{
}

/* ---- Register-immediate and register-register (RV64I) ---- */

OP_RI(addi, a + imm)
OP_RI(slti, (int64_t)a < (int64_t)imm)
OP_RI(sltiu, a < imm)
OP_RI(xori, a ^ imm)
OP_RI(ori, a | imm)
OP_RI(andi, a &imm)
OP_RI(slli, a << (imm & 63))
OP_RI(srli, a >> (imm & 63))
OP_RI(srai, sra64(a, imm))

OP_RR(add, a + b)
OP_RR(sub, a - b)
OP_RR(sll, a << (b & 63))
OP_RR(slt, (int64_t)a < (int64_t)b)
OP_RR(sltu, a < b)
OP_RR(xor, a ^ b)
OP_RR(srl, a >> (b & 63))
OP_RR(sra, sra64(a, b))
OP_RR(or, a | b)
OP_RR(and, a &b)

/* 32-bit operations: compute on the low word, sign-extend the result. */
OP_RI(addiw, sext32(a + imm))
OP_RI(slliw, sext32((uint32_t)a << (imm & 31)))
OP_RI(srliw, sext32((uint32_t)a >> (imm & 31)))
OP_RI(sraiw, sext32((uint32_t)((int32_t)a >> (imm & 31))))
OP_RR(addw, sext32(a + b))
OP_RR(subw, sext32(a - b))
OP_RR(sllw, sext32((uint32_t)a << (b & 31)))
OP_RR(srlw, sext32((uint32_t)a >> (b & 31)))
OP_RR(sraw, sext32((uint32_t)((int32_t)a >> (b & 31))))

/* ---- M: multiply and divide ---- */

/*
 * The high halves of products: unsigned with a 128-bit host product,
 * then the signed forms by correcting for each negative operand
 * (a signed value reads as unsigned plus 2^64 when negative).
 */
static uint64_t mulhu64(uint64_t a, uint64_t b)
{
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static uint64_t mulhsu64(uint64_t a, uint64_t b)
{
    return mulhu64(a, b) - ((int64_t)a < 0 ? b : 0);
}

static uint64_t mulh64(uint64_t a, uint64_t b)
{
    return mulhsu64(a, b) - ((int64_t)b < 0 ? a : 0);
}

/*
 * Division never traps: x / 0 gives all ones (unsigned) or -1 (signed)
 * and x % 0 gives x; the signed overflow MIN / -1 gives MIN, remainder 0.
 */
static uint64_t div64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return UINT64_MAX;
    }
    if (a == (uint64_t)INT64_MIN && b == UINT64_MAX) {
        return a;
    }
    return (uint64_t)((int64_t)a / (int64_t)b);
}

static uint64_t rem64(uint64_t a, uint64_t b)
{
    if (b == 0) {
        return a;
    }
    if (a == (uint64_t)INT64_MIN && b == UINT64_MAX) {
        return 0;
    }
    return (uint64_t)((int64_t)a % (int64_t)b);
}

static uint64_t divw32(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;

    if (y == 0) {
        return UINT64_MAX;
    }
    if (x == INT32_MIN && y == -1) {
        return sext32(x);
    }
    return sext32(x / y);
}

static uint64_t remw32(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;

    if (y == 0) {
        return sext32(x);
    }
    if (x == INT32_MIN && y == -1) {
        return 0;
    }
    return sext32(x % y);
}

OP_RR(mul, a *b)
OP_RR(mulh, mulh64(a, b))
OP_RR(mulhsu, mulhsu64(a, b))
OP_RR(mulhu, mulhu64(a, b))
OP_RR(div, div64(a, b))
OP_RR(divu, b ? a / b : UINT64_MAX)
OP_RR(rem, rem64(a, b))
OP_RR(remu, b ? a % b : a)
OP_RR(mulw, sext32(a *b))
OP_RR(divw, divw32(a, b))
OP_RR(divuw, (uint32_t)b ? sext32((uint32_t)a / (uint32_t)b) : UINT64_MAX)
OP_RR(remw, remw32(a, b))
OP_RR(remuw, (uint32_t)b ? sext32((uint32_t)a % (uint32_t)b) : sext32(a))

/* ---- Zba: address generation ---- */

OP_RR(add_uw, b + (uint32_t)a)
OP_RR(sh1add, b + (a << 1))
OP_RR(sh2add, b + (a << 2))
OP_RR(sh3add, b + (a << 3))
OP_RR(sh1add_uw, b + ((uint64_t)(uint32_t)a << 1))
OP_RR(sh2add_uw, b + ((uint64_t)(uint32_t)a << 2))
OP_RR(sh3add_uw, b + ((uint64_t)(uint32_t)a << 3))
OP_RI(slli_uw, (uint64_t)(uint32_t)a << (imm & 63))

/* ---- Zbb: basic bit manipulation ---- */

/* Each byte becomes 0xff if it was non-zero, else 0x00. */
static uint64_t orc_b(uint64_t v)
{
    uint64_t r = 0;

    for (int i = 0; i < 64; i += 8) {
        if ((v >> i) & 0xff) {
            r |= 0xffULL << i;
        }
    }
    return r;
}

OP_RR(andn, a & ~b)
OP_RR(orn, a | ~b)
OP_RR(xnor, ~(a ^ b))
OP_R(clz, a ? __builtin_clzll(a) : 64)
OP_R(clzw, (uint32_t)a ? __builtin_clz((uint32_t)a) : 32)
OP_R(ctz, a ? __builtin_ctzll(a) : 64)
OP_R(ctzw, (uint32_t)a ? __builtin_ctz((uint32_t)a) : 32)
OP_R(cpop, __builtin_popcountll(a))
OP_R(cpopw, __builtin_popcount((uint32_t)a))
OP_RR(max, (int64_t)a > (int64_t)b ? a : b)
OP_RR(maxu, a > b ? a : b)
OP_RR(min, (int64_t)a < (int64_t)b ? a : b)
OP_RR(minu, a < b ? a : b)
OP_R(sext_b, (uint64_t)(int64_t)(int8_t)a)
OP_R(sext_h, (uint64_t)(int64_t)(int16_t)a)
OP_R(zext_h, (uint16_t)a)
OP_RR(rol, rol64(a, b))
OP_RR(ror, ror64(a, b))
OP_RI(rori, ror64(a, imm))
OP_RR(rolw, sext32(rol32(a, b)))
OP_RR(rorw, sext32(ror32(a, b)))
OP_RI(roriw, sext32(ror32(a, imm)))
OP_R(orc_b, orc_b(a))
OP_R(rev8, __builtin_bswap64(a))

/* ---- Zbs: single-bit instructions ---- */

OP_RR(bclr, a & ~(1ULL << (b & 63)))
OP_RI(bclri, a & ~(1ULL << (imm & 63)))
OP_RR(bext, (a >> (b & 63)) & 1)
OP_RI(bexti, (a >> (imm & 63)) & 1)
OP_RR(binv, a ^ (1ULL << (b & 63)))
OP_RI(binvi, a ^ (1ULL << (imm & 63)))
OP_RR(bset, a | (1ULL << (b & 63)))
OP_RI(bseti, a | (1ULL << (imm & 63)))

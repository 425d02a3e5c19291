/*
 * RV64M: products (all four high/low forms, W forms) and the division
 * corner cases the ISA defines instead of trapping: division by zero and
 * the signed overflow (most negative / -1).
 */
#include "testlib.h"

#define OP(insn, a, b)                                    \
    ({                                                    \
        u64 r_;                                           \
        __asm__ volatile(insn " %0, %1, %2"               \
                         : "=r"(r_)                       \
                         : "r"((u64)(a)), "r"((u64)(b))); \
        r_;                                               \
    })

#define MIN64 0x8000000000000000UL
#define MIN32 0xffffffff80000000UL

int main(void)
{
    CHECK_EQ(OP("mul", 7, -3), (u64)-21);
    CHECK_EQ(OP("mul", 0x100000001UL, 0x100000001UL), 0x200000001UL);
    CHECK_EQ(OP("mulh", -1, -1), 0UL);
    CHECK_EQ(OP("mulh", MIN64, MIN64), 0x4000000000000000UL);
    CHECK_EQ(OP("mulh", MIN64, 2), ~0UL);
    CHECK_EQ(OP("mulhu", -1, -1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP("mulhu", MIN64, 2), 1UL);
    CHECK_EQ(OP("mulhsu", -1, -1), ~0UL); /* -1 * (2^64-1) */
    CHECK_EQ(OP("mulhsu", 1, -1), 0UL);
    CHECK_EQ(OP("mulhsu", MIN64, 2), ~0UL);
    CHECK_EQ(OP("mulw", 0x10000UL, 0x8000UL), MIN32);
    CHECK_EQ(OP("mulw", 0xffffffff00000003UL, 5), 15UL);

    CHECK_EQ(OP("div", -7, 2), (u64)-3); /* rounds toward zero */
    CHECK_EQ(OP("rem", -7, 2), (u64)-1); /* sign of the dividend */
    CHECK_EQ(OP("rem", 7, -2), 1UL);
    CHECK_EQ(OP("divu", -7, 2), 0x7ffffffffffffffcUL);
    CHECK_EQ(OP("remu", -7, 2), 1UL);
    /* Division by zero: quotient all ones, remainder the dividend. */
    CHECK_EQ(OP("div", 5, 0), ~0UL);
    CHECK_EQ(OP("div", -5, 0), ~0UL);
    CHECK_EQ(OP("divu", 5, 0), ~0UL);
    CHECK_EQ(OP("rem", -5, 0), (u64)-5);
    CHECK_EQ(OP("remu", 5, 0), 5UL);
    /* Overflow: quotient the dividend, remainder zero. */
    CHECK_EQ(OP("div", MIN64, -1), MIN64);
    CHECK_EQ(OP("rem", MIN64, -1), 0UL);
    /* W forms: 32-bit operands, sign-extended 32-bit results. */
    CHECK_EQ(OP("divw", 0x1ffffffffUL, 1), ~0UL); /* -1 / 1 */
    CHECK_EQ(OP("divw", MIN32, -1), MIN32);
    CHECK_EQ(OP("remw", MIN32, -1), 0UL);
    CHECK_EQ(OP("divw", 5, 0), ~0UL);
    CHECK_EQ(OP("remw", 0x1fffffffbUL, 0), (u64)-5);
    CHECK_EQ(OP("divuw", 0xffffffff80000000UL, 2), 0x40000000UL);
    CHECK_EQ(OP("divuw", 0xfffffffeUL, 1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP("divuw", 5, 0x100000000UL), ~0UL); /* divisor is 0 */
    CHECK_EQ(OP("remuw", 0x80000007UL, 0x100000000UL), 0xffffffff80000007UL);
    CHECK_EQ(OP("remuw", 7, 3), 1UL);
    CHECK_EQ(OP("remw", -7, 2), (u64)-1);
    return 0;
}

/*
 * RV64M: products (all four high/low forms, W forms) and the division
 * corner cases the ISA defines instead of trapping: division by zero and
 * the signed overflow (most negative / -1).
 */
#include "testlib.h"

#define MIN64 0x8000000000000000UL
#define MIN32 0xffffffff80000000UL

int main(void)
{
    CHECK_EQ(OP_RR("mul", 7, -3), (u64)-21);
    CHECK_EQ(OP_RR("mul", 0x100000001UL, 0x100000001UL), 0x200000001UL);
    CHECK_EQ(OP_RR("mulh", -1, -1), 0UL);
    CHECK_EQ(OP_RR("mulh", MIN64, MIN64), 0x4000000000000000UL);
    CHECK_EQ(OP_RR("mulh", MIN64, 2), ~0UL);
    CHECK_EQ(OP_RR("mulhu", -1, -1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP_RR("mulhu", MIN64, 2), 1UL);
    CHECK_EQ(OP_RR("mulhsu", -1, -1), ~0UL); /* -1 * (2^64-1) */
    CHECK_EQ(OP_RR("mulhsu", 1, -1), 0UL);
    CHECK_EQ(OP_RR("mulhsu", MIN64, 2), ~0UL);
    CHECK_EQ(OP_RR("mulw", 0x10000UL, 0x8000UL), MIN32);
    CHECK_EQ(OP_RR("mulw", 0xffffffff00000003UL, 5), 15UL);

    CHECK_EQ(OP_RR("div", -7, 2), (u64)-3); /* rounds toward zero */
    CHECK_EQ(OP_RR("rem", -7, 2), (u64)-1); /* sign of the dividend */
    CHECK_EQ(OP_RR("rem", 7, -2), 1UL);
    CHECK_EQ(OP_RR("divu", -7, 2), 0x7ffffffffffffffcUL);
    CHECK_EQ(OP_RR("remu", -7, 2), 1UL);
    /* Division by zero: quotient all ones, remainder the dividend. */
    CHECK_EQ(OP_RR("div", 5, 0), ~0UL);
    CHECK_EQ(OP_RR("div", -5, 0), ~0UL);
    CHECK_EQ(OP_RR("divu", 5, 0), ~0UL);
    CHECK_EQ(OP_RR("rem", -5, 0), (u64)-5);
    CHECK_EQ(OP_RR("remu", 5, 0), 5UL);
    /* Overflow: quotient the dividend, remainder zero. */
    CHECK_EQ(OP_RR("div", MIN64, -1), MIN64);
    CHECK_EQ(OP_RR("rem", MIN64, -1), 0UL);
    /* W forms: 32-bit operands, sign-extended 32-bit results. */
    CHECK_EQ(OP_RR("divw", 0x1ffffffffUL, 1), ~0UL); /* -1 / 1 */
    CHECK_EQ(OP_RR("divw", MIN32, -1), MIN32);
    CHECK_EQ(OP_RR("remw", MIN32, -1), 0UL);
    CHECK_EQ(OP_RR("divw", 5, 0), ~0UL);
    CHECK_EQ(OP_RR("remw", 0x1fffffffbUL, 0), (u64)-5);
    CHECK_EQ(OP_RR("divuw", 0xffffffff80000000UL, 2), 0x40000000UL);
    CHECK_EQ(OP_RR("divuw", 0xfffffffeUL, 1), 0xfffffffffffffffeUL);
    CHECK_EQ(OP_RR("divuw", 5, 0x100000000UL), ~0UL); /* divisor is 0 */
    CHECK_EQ(OP_RR("remuw", 0x80000007UL, 0x100000000UL), 0xffffffff80000007UL);
    CHECK_EQ(OP_RR("remuw", 7, 3), 1UL);
    CHECK_EQ(OP_RR("remw", -7, 2), (u64)-1);
    return 0;
}

/*
 * Zbc, Zbkb, Zbkc, Zbkx (run with -cpu rv64,zbkb=on,zbkc=on,zbkx=on) and
 * Zihintpause: every instruction with edge values; expected values
 * computed independently (bit-by-bit carry-less products in Python).
 */
#include "testlib.h"

static void test_clmul(void)
{
    const u64 x = 0x0123456789abcdefUL, y = 0xfedcba9876543210UL;

    CHECK_EQ(OP_RR("clmul", 3, 3), 5UL);
    CHECK_EQ(OP_RR("clmulh", 3, 3), 0UL);
    CHECK_EQ(OP_RR("clmul", ~0UL, ~0UL), 0x5555555555555555UL);
    CHECK_EQ(OP_RR("clmulh", ~0UL, ~0UL), 0x5555555555555555UL);
    CHECK_EQ(OP_RR("clmulr", ~0UL, ~0UL), 0xaaaaaaaaaaaaaaaaUL);
    CHECK_EQ(OP_RR("clmul", 0x8000000000000001UL, 0x8000000000000001UL), 1UL);
    CHECK_EQ(OP_RR("clmulh", 0x8000000000000001UL, 0x8000000000000001UL),
             0x4000000000000000UL);
    CHECK_EQ(OP_RR("clmulr", 0x8000000000000001UL, 0x8000000000000001UL),
             0x8000000000000000UL);
    CHECK_EQ(OP_RR("clmul", x, y), 0x40a0789828c810f0UL);
    CHECK_EQ(OP_RR("clmulh", x, y), 0x00e038d8688850b0UL);
    CHECK_EQ(OP_RR("clmulr", x, y), 0x01c071b0d110a160UL);
    CHECK_EQ(OP_RR("clmul", x, 0), 0UL);
}

static void test_zbkb(void)
{
    CHECK_EQ(OP_RR("pack", 0xaaaaaaaa11111111UL, 0xbbbbbbbb22222222UL),
             0x2222222211111111UL);
    CHECK_EQ(OP_RR("packh", 0x1234UL, 0x5678UL), 0x7834UL);
    CHECK_EQ(OP_RR("packw", 0x1111aaaaUL, 0x2222bbbbUL), 0xffffffffbbbbaaaaUL);
    CHECK_EQ(OP_RR("packw", 0x1111aaaaUL, 0x7777UL), 0x7777aaaaUL);
    CHECK_EQ(OP_R("brev8", 0x0102040810204080UL), 0x8040201008040201UL);
    CHECK_EQ(OP_R("brev8", 0xf1UL), 0x8fUL);
    /* Shared with Zbb (and both on here). */
    CHECK_EQ(OP_R("rev8", 0x0102030405060708UL), 0x0807060504030201UL);
    CHECK_EQ(OP_R("zext.h", ~0UL), 0xffffUL);
}

static void test_zbkx(void)
{
    CHECK_EQ(OP_RR("xperm4", 0x0123456789abcdefUL, 0x0f1e2d3c4b5a6978UL),
             0xf0e1d2c3b4a59687UL);
    /* Out-of-range indices (>= 16 nibbles) give 0: none exist for 4 bits;
     * for 8 bits, indices 8 and 0xff are out of range. */
    CHECK_EQ(OP_RR("xperm8", 0x0123456789abcdefUL, 0x00010203ff080706UL),
             0xefcdab8900000123UL);
}

/* pause is a hint (FENCE pred=W succ=0): no trap, no effect. */
static void test_pause(void)
{
    TRAP_EXPECT(__asm__ volatile("pause"));
    CHECK_NO_TRAP();
}

int main(void)
{
    test_clmul();
    test_zbkb();
    test_zbkx();
    test_pause();
    return 0;
}

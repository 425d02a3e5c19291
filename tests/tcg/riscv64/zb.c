/*
 * Zba, Zbb, Zbs: every instruction, with the edge values of each.
 */
#include "testlib.h"

static void test_zba(void)
{
    CHECK_EQ(OP_RR("sh1add", 3, 100), 106UL);
    CHECK_EQ(OP_RR("sh2add", 3, 100), 112UL);
    CHECK_EQ(OP_RR("sh3add", 3, 100), 124UL);
    CHECK_EQ(OP_RR("sh3add", 1UL << 62, 0), 0UL);
    CHECK_EQ(OP_RR("add.uw", 0xffffffff80000000UL, 1), 0x80000001UL);
    CHECK_EQ(OP_R("zext.w", 0xffffffff80000000UL), 0x80000000UL);
    CHECK_EQ(OP_RR("sh1add.uw", 0xffffffff80000001UL, 1), 0x100000003UL);
    CHECK_EQ(OP_RR("sh2add.uw", 0xfffffffff0000000UL, 0), 0x3c0000000UL);
    CHECK_EQ(OP_RR("sh3add.uw", 0x1ffffffffUL, 8), 0x800000000UL);
    CHECK_EQ(OP_RI("slli.uw", 0xffffffff80000001UL, 1), 0x100000002UL);
    CHECK_EQ(OP_RI("slli.uw", 0xffffffffffffffffUL, 63), 1UL << 63);
}

static void test_zbb(void)
{
    CHECK_EQ(OP_RR("andn", 0xff, 0x0f), 0xf0UL);
    CHECK_EQ(OP_RR("orn", 0, ~0xfUL), 0xfUL);
    CHECK_EQ(OP_RR("xnor", 0xf0, 0xff), ~0x0fUL);
    CHECK_EQ(OP_R("clz", 0), 64UL);
    CHECK_EQ(OP_R("clz", 1), 63UL);
    CHECK_EQ(OP_R("clz", 1UL << 63), 0UL);
    CHECK_EQ(OP_R("clzw", 0xffffffff00000000UL), 32UL);
    CHECK_EQ(OP_R("clzw", 0x8000), 16UL);
    CHECK_EQ(OP_R("ctz", 0), 64UL);
    CHECK_EQ(OP_R("ctz", 0x100), 8UL);
    CHECK_EQ(OP_R("ctzw", 0x100000000UL), 32UL);
    CHECK_EQ(OP_R("ctzw", 0x80000000UL), 31UL);
    CHECK_EQ(OP_R("cpop", ~0UL), 64UL);
    CHECK_EQ(OP_R("cpop", 0x8000000000000001UL), 2UL);
    CHECK_EQ(OP_R("cpopw", ~0UL), 32UL);
    CHECK_EQ(OP_RR("max", -1, 1), 1UL);
    CHECK_EQ(OP_RR("maxu", -1, 1), ~0UL);
    CHECK_EQ(OP_RR("min", -1, 1), ~0UL);
    CHECK_EQ(OP_RR("minu", -1, 1), 1UL);
    CHECK_EQ(OP_R("sext.b", 0x180), ~0x7fUL);
    CHECK_EQ(OP_R("sext.b", 0x7f), 0x7fUL);
    CHECK_EQ(OP_R("sext.h", 0x18000), 0xffffffffffff8000UL);
    CHECK_EQ(OP_R("zext.h", ~0UL), 0xffffUL);
    CHECK_EQ(OP_RR("rol", 0x8000000000000001UL, 1), 3UL);
    CHECK_EQ(OP_RR("rol", 1, 64 + 4), 16UL);
    CHECK_EQ(OP_RR("ror", 1, 1), 1UL << 63);
    CHECK_EQ(OP_RI("rori", 0x12, 4), 0x2000000000000001UL);
    CHECK_EQ(OP_RR("rolw", 0x80000001UL, 1), 3UL);
    CHECK_EQ(OP_RR("rorw", 1, 1), 0xffffffff80000000UL);
    CHECK_EQ(OP_RI("roriw", 0xffffffff00000012UL, 4), 0x20000001UL);
    CHECK_EQ(OP_R("orc.b", 0x0100ff0000000080UL), 0xff00ff00000000ffUL);
    CHECK_EQ(OP_R("rev8", 0x0102030405060708UL), 0x0807060504030201UL);
}

static void test_zbs(void)
{
    CHECK_EQ(OP_RR("bset", 0, 63), 1UL << 63);
    CHECK_EQ(OP_RR("bset", 0, 64 + 3), 8UL); /* index mod 64 */
    CHECK_EQ(OP_RR("bclr", ~0UL, 0), ~1UL);
    CHECK_EQ(OP_RR("binv", 0x10, 4), 0UL);
    CHECK_EQ(OP_RR("bext", 1UL << 40, 40), 1UL);
    CHECK_EQ(OP_RR("bext", 1UL << 40, 41), 0UL);
    CHECK_EQ(OP_RI("bseti", 0, 40), 1UL << 40);
    CHECK_EQ(OP_RI("bclri", ~0UL, 63), ~0UL >> 1);
    CHECK_EQ(OP_RI("binvi", 0, 32), 1UL << 32);
    CHECK_EQ(OP_RI("bexti", 0x8000000000000000UL, 63), 1UL);
}

int main(void)
{
    test_zba();
    test_zbb();
    test_zbs();
    return 0;
}

/*
 * Integer instruction handlers (target/riscv/insn_int.c) run on a hart
 * state built by hand: each test sets source registers, calls exec_* with
 * a hand-made DecodedInsn and checks rd, pc or the exception raised.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"

/* Handlers under test (defined in insn_int.c and insn_system.c). */
InsnFn exec_lui, exec_auipc, exec_jal, exec_jalr, exec_beq, exec_bne, exec_blt,
    exec_bge, exec_bltu, exec_bgeu;
InsnFn exec_addi, exec_slti, exec_sltiu, exec_xori, exec_ori, exec_andi,
    exec_slli, exec_srli, exec_srai, exec_add, exec_sub, exec_sll, exec_slt,
    exec_sltu, exec_xor, exec_srl, exec_sra, exec_or, exec_and;
InsnFn exec_addiw, exec_slliw, exec_srliw, exec_sraiw, exec_addw, exec_subw,
    exec_sllw, exec_srlw, exec_sraw;
InsnFn exec_mul, exec_mulh, exec_mulhsu, exec_mulhu, exec_div, exec_divu,
    exec_rem, exec_remu, exec_mulw, exec_divw, exec_divuw, exec_remw,
    exec_remuw;
InsnFn exec_add_uw, exec_sh1add, exec_sh2add, exec_sh3add, exec_sh1add_uw,
    exec_sh2add_uw, exec_sh3add_uw, exec_slli_uw;
InsnFn exec_andn, exec_orn, exec_xnor, exec_clz, exec_clzw, exec_ctz, exec_ctzw,
    exec_cpop, exec_cpopw, exec_max, exec_maxu, exec_min, exec_minu,
    exec_sext_b, exec_sext_h, exec_zext_h, exec_rol, exec_ror, exec_rori,
    exec_rolw, exec_rorw, exec_roriw, exec_orc_b, exec_rev8;
InsnFn exec_bclr, exec_bclri, exec_bext, exec_bexti, exec_binv, exec_binvi,
    exec_bset, exec_bseti;
InsnFn exec_ecall, exec_ebreak;

#define PC   0x80001000ULL
#define SINK 32

static RISCVCPU *cpu;
static CPURISCVState *env;

static void reset_env(void)
{
    memset(env, 0, sizeof(*env));
    env->priv = PRV_M;
    env->misa = MISA_MXL_RV64 | RVI | RVM | RVA | RVC;
    env->pc = PC;
    env->exception = RISCV_EXCP_NONE;
}

static DecodedInsn insn(InsnFn *fn, int64_t imm)
{
    return (DecodedInsn){
        .fn = fn, .pc = PC, .imm = imm, .rd = 3, .rs1 = 1, .rs2 = 2, .len = 4
    };
}

/* rd = fn(rs1 = a, rs2 = b) */
static uint64_t rr(InsnFn *fn, uint64_t a, uint64_t b)
{
    DecodedInsn d = insn(fn, 0);

    env->gpr[1] = a;
    env->gpr[2] = b;
    env->gpr[3] = 0xdeadbeef;
    fn(env, &d);
    return env->gpr[3];
}

/* rd = fn(rs1 = a, imm) */
static uint64_t ri(InsnFn *fn, uint64_t a, int64_t imm)
{
    DecodedInsn d = insn(fn, imm);

    env->gpr[1] = a;
    env->gpr[3] = 0xdeadbeef;
    fn(env, &d);
    return env->gpr[3];
}

/* Runs d; returns the exception it raised, or RISCV_EXCP_NONE. */
static int run(DecodedInsn *d)
{
    env->exception = RISCV_EXCP_NONE;
    if (sigsetjmp(env->jmp_env, 0)) {
        return env->exception;
    }
    d->fn(env, d);
    return RISCV_EXCP_NONE;
}

#define CHECK(expr, want) g_assert_cmphex((expr), ==, (uint64_t)(want))

static void test_lui_auipc(void)
{
    reset_env();
    CHECK(ri(exec_lui, 0, -4096), 0xfffffffffffff000);
    CHECK(ri(exec_auipc, 0, 0x12345000), PC + 0x12345000);
    CHECK(ri(exec_auipc, 0, -0x1000), PC - 0x1000);
}

static void test_jal_jalr(void)
{
    DecodedInsn d;

    reset_env();
    d = insn(exec_jal, -8);
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_NONE);
    CHECK(env->gpr[3], PC + 4);
    CHECK(env->pc, PC - 8);

    /* A compressed jump links to pc + 2. */
    d = insn(exec_jal, 6);
    d.len = 2;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_NONE);
    CHECK(env->gpr[3], PC + 2);
    CHECK(env->pc, PC + 6);

    /* jalr clears bit 0 of the target; rd == rs1 uses the old base. */
    d = insn(exec_jalr, 3);
    d.rd = 1;
    env->gpr[1] = 0x80002000;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_NONE);
    CHECK(env->pc, 0x80002002);
    CHECK(env->gpr[1], PC + 4);

    /* Without C a target that is only 2-byte aligned faults, rd kept. */
    env->misa &= ~RVC;
    env->pc = PC;
    d = insn(exec_jalr, 2);
    env->gpr[1] = 0x80002000;
    env->gpr[3] = 77;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_INST_ADDR_MIS);
    CHECK(env->badaddr, 0x80002002);
    CHECK(env->gpr[3], 77);
    CHECK(env->pc, PC);

    d = insn(exec_jal, 6);
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_INST_ADDR_MIS);
    CHECK(env->badaddr, PC + 6);
}

static void test_branches(void)
{
    static const struct {
        InsnFn *fn;
        uint64_t a, b;
        bool taken;
    } cases[] = {
        { exec_beq, 5, 5, true },    { exec_beq, 5, 6, false },
        { exec_bne, 5, 6, true },    { exec_bne, 5, 5, false },
        { exec_blt, -1, 0, true },   { exec_blt, 0, -1, false },
        { exec_bge, 0, -1, true },   { exec_bge, -2, -1, false },
        { exec_bge, 7, 7, true },    { exec_bltu, 0, -1, true },
        { exec_bltu, -1, 0, false }, { exec_bgeu, -1, 0, true },
        { exec_bgeu, 0, 1, false },
    };

    reset_env();
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        DecodedInsn d = insn(cases[i].fn, -0x100);

        env->gpr[1] = cases[i].a;
        env->gpr[2] = cases[i].b;
        g_assert_cmpint(run(&d), ==, RISCV_EXCP_NONE);
        CHECK(env->pc, cases[i].taken ? PC - 0x100 : PC + 4);
        env->pc = PC;
    }

    /* Without C: a taken misaligned branch faults, a not-taken one not. */
    env->misa &= ~RVC;
    DecodedInsn d = insn(exec_beq, 0x102);
    env->gpr[1] = env->gpr[2] = 1;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_INST_ADDR_MIS);
    CHECK(env->badaddr, PC + 0x102);
    env->gpr[2] = 2;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_NONE);
    CHECK(env->pc, PC + 4);
}

static void test_alu(void)
{
    reset_env();
    CHECK(ri(exec_addi, 1, -2), -1);
    CHECK(ri(exec_slti, -5, -4), 1);
    CHECK(ri(exec_slti, 5, -4), 0);
    /* sltiu compares with the sign-extended immediate as unsigned */
    CHECK(ri(exec_sltiu, 5, -1), 1);
    CHECK(ri(exec_sltiu, 0, 1), 1);
    CHECK(ri(exec_sltiu, 1, 1), 0);
    CHECK(ri(exec_xori, 0x0f, -1), 0xfffffffffffffff0);
    CHECK(ri(exec_ori, 0x100, 0x0ff), 0x1ff);
    CHECK(ri(exec_andi, 0xffff, -16), 0xfff0);
    CHECK(ri(exec_slli, 1, 63), 0x8000000000000000);
    CHECK(ri(exec_srli, 0x8000000000000000, 63), 1);
    CHECK(ri(exec_srai, 0x8000000000000000, 63), -1);
    CHECK(ri(exec_srai, 0x4000000000000000, 62), 1);

    CHECK(rr(exec_add, -1, 1), 0);
    CHECK(rr(exec_sub, 0, 1), -1);
    CHECK(rr(exec_slt, -1, 0), 1);
    CHECK(rr(exec_sltu, -1, 0), 0);
    CHECK(rr(exec_xor, 0xff00, 0x0ff0), 0xf0f0);
    CHECK(rr(exec_or, 0xff00, 0x0ff0), 0xfff0);
    CHECK(rr(exec_and, 0xff00, 0x0ff0), 0x0f00);

    /* Register shift amounts use only the low 6 bits. */
    CHECK(rr(exec_sll, 1, 64), 1);
    CHECK(rr(exec_sll, 1, 65), 2);
    CHECK(rr(exec_sll, 3, 0xffffffffffffffff), 0x8000000000000000);
    CHECK(rr(exec_srl, 0x8000000000000000, 127), 1);
    CHECK(rr(exec_srl, 0x8000000000000000, 64), 0x8000000000000000);
    CHECK(rr(exec_sra, 0x8000000000000000, 63), -1);
    CHECK(rr(exec_sra, 0x8000000000000000, 64), 0x8000000000000000);
}

static void test_word_ops(void)
{
    reset_env();
    CHECK(rr(exec_addw, 0x7fffffff, 1), 0xffffffff80000000);
    CHECK(rr(exec_addw, 0x1234567800000001, 1), 2);
    CHECK(rr(exec_subw, 0, 1), -1);
    CHECK(rr(exec_subw, 0x80000000, 1), 0x7fffffff);
    CHECK(ri(exec_addiw, 0xffffffff, 0), -1); /* sext.w */
    CHECK(ri(exec_addiw, 0x7fffffff, 1), 0xffffffff80000000);

    /* *w shifts take the low 5 bits of the amount */
    CHECK(rr(exec_sllw, 1, 31), 0xffffffff80000000);
    CHECK(rr(exec_sllw, 1, 32), 1);
    CHECK(rr(exec_sllw, 1, 63), 0xffffffff80000000);
    CHECK(rr(exec_srlw, 0xffffffff80000000, 0), 0xffffffff80000000);
    CHECK(rr(exec_srlw, 0xffffffff80000000, 31), 1);
    CHECK(rr(exec_srlw, 0xffffffff80000000, 1), 0x40000000);
    CHECK(rr(exec_sraw, 0x80000000, 31), -1);
    CHECK(rr(exec_sraw, 0x0000000180000000, 4), 0xfffffffff8000000);
    CHECK(rr(exec_sraw, 0x7fffffff, 32), 0x7fffffff);
    CHECK(ri(exec_slliw, 0x00000000ffffffff, 4), 0xfffffffffffffff0);
    CHECK(ri(exec_srliw, 0xffffffffffffffff, 4), 0x0fffffff);
    CHECK(ri(exec_sraiw, 0x00000000f0000000, 4), 0xffffffffff000000);
    CHECK(ri(exec_sraiw, 0x0000000070000000, 0), 0x70000000);
}

/* The high 64 bits of a 128-bit product. */
static uint64_t hi(__int128 v)
{
    return (uint64_t)((unsigned __int128)v >> 64);
}

static void check_mulh(uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;

    CHECK(rr(exec_mulh, a, b), hi((__int128)sa * sb));
    CHECK(rr(exec_mulhsu, a, b), hi((__int128)sa * (__int128)b));
    CHECK(rr(exec_mulhu, a, b), hi((__int128)((unsigned __int128)a * b)));
    CHECK(rr(exec_mul, a, b), a * b);
}

static void test_mul(void)
{
    static const uint64_t edge[] = {
        0,
        1,
        2,
        0x7fffffffffffffff,
        0x8000000000000000,
        0xffffffffffffffff,
        0xfffffffffffffffe,
        0x00000000ffffffff,
        0x0000000100000000,
        0x8000000000000001,
        0x123456789abcdef0,
    };

    reset_env();
    for (size_t i = 0; i < G_N_ELEMENTS(edge); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(edge); j++) {
            check_mulh(edge[i], edge[j]);
        }
    }
    for (int i = 0; i < 1000; i++) {
        uint64_t a = (uint64_t)g_test_rand_int() << 32 | g_test_rand_int();
        uint64_t b = (uint64_t)g_test_rand_int() << 32 | g_test_rand_int();
        check_mulh(a, b);
    }
    /* Known values, independent of the reference above */
    CHECK(rr(exec_mulh, -1, -1), 0);
    CHECK(rr(exec_mulh, 0x8000000000000000, 0x8000000000000000),
          0x4000000000000000);
    CHECK(rr(exec_mulhsu, -1, -1), -1);
    CHECK(rr(exec_mulhsu, 1, -1), 0);
    CHECK(rr(exec_mulhu, -1, -1), 0xfffffffffffffffe);

    CHECK(rr(exec_mulw, 0x7fffffff, 2), 0xfffffffffffffffe);
    CHECK(rr(exec_mulw, 0x100000003, 0x100000005), 15);
    CHECK(rr(exec_mulw, 0x10000, 0x8000), 0xffffffff80000000);
}

static void test_div(void)
{
    const uint64_t min = 0x8000000000000000;

    reset_env();
    /* By zero: quotient all ones, remainder the dividend */
    CHECK(rr(exec_div, 5, 0), -1);
    CHECK(rr(exec_divu, 5, 0), 0xffffffffffffffff);
    CHECK(rr(exec_rem, -5, 0), -5);
    CHECK(rr(exec_remu, 5, 0), 5);
    /* Overflow: MIN / -1 = MIN, remainder 0 */
    CHECK(rr(exec_div, min, -1), min);
    CHECK(rr(exec_rem, min, -1), 0);
    /* Rounding towards zero; remainder has the dividend's sign */
    CHECK(rr(exec_div, -7, 2), -3);
    CHECK(rr(exec_rem, -7, 2), -1);
    CHECK(rr(exec_div, 7, -2), -3);
    CHECK(rr(exec_rem, 7, -2), 1);
    CHECK(rr(exec_divu, -1, 2), 0x7fffffffffffffff);
    CHECK(rr(exec_remu, -1, 16), 15);
    CHECK(rr(exec_div, min, 1), min);
    CHECK(rr(exec_divu, min, -1), 0);

    /* Word forms look only at the low 32 bits, sign-extend results. */
    CHECK(rr(exec_divw, 5, 0), -1);
    CHECK(rr(exec_divw, 5, 0x100000000), -1); /* low word of divisor 0 */
    CHECK(rr(exec_divw, 0x80000000, -1), 0xffffffff80000000);
    CHECK(rr(exec_divw, 0x100000006, 0x100000002), 3);
    CHECK(rr(exec_divw, -7, 2), -3);
    CHECK(rr(exec_remw, 0x80000000, -1), 0);
    CHECK(rr(exec_remw, 0x80000000, 0), 0xffffffff80000000);
    CHECK(rr(exec_remw, -7, 2), -1);
    CHECK(rr(exec_divuw, 0x80000000, 0), -1);
    CHECK(rr(exec_divuw, 0x80000000, 1), 0xffffffff80000000);
    CHECK(rr(exec_divuw, 0xffffffff, 2), 0x7fffffff);
    CHECK(rr(exec_remuw, 0x80000000, 0), 0xffffffff80000000);
    CHECK(rr(exec_remuw, 0x1fffffffe, 0x100000000), 0xfffffffffffffffe);
    CHECK(rr(exec_remuw, 0xffffffff, 16), 15);
}

static void test_zba(void)
{
    reset_env();
    CHECK(rr(exec_add_uw, 0xffffffff80000000, 1), 0x80000001);
    /* zext.w is add.uw with rs2 = x0 */
    {
        DecodedInsn d = insn(exec_add_uw, 0);
        d.rs2 = 0;
        env->gpr[1] = 0xfedcba9876543210;
        exec_add_uw(env, &d);
        CHECK(env->gpr[3], 0x76543210);
    }
    CHECK(rr(exec_sh1add, 3, 1), 7);
    CHECK(rr(exec_sh2add, 3, 1), 13);
    CHECK(rr(exec_sh3add, 0x8000000000000001, 1), 9);
    CHECK(rr(exec_sh1add_uw, -1, 1), 0x1ffffffff);
    CHECK(rr(exec_sh2add_uw, -1, 0), 0x3fffffffc);
    CHECK(rr(exec_sh3add_uw, 0x1234567880000000, 8), 0x400000008);
    CHECK(ri(exec_slli_uw, -1, 0), 0xffffffff);
    CHECK(ri(exec_slli_uw, 0x80000000, 32), 0x8000000000000000);
    CHECK(ri(exec_slli_uw, 0xffffffff00000003, 63), 0x8000000000000000);
}

static void test_zbb(void)
{
    reset_env();
    CHECK(rr(exec_andn, 0xff, 0x0f), 0xf0);
    CHECK(rr(exec_orn, 0, -2), 1);
    CHECK(rr(exec_xnor, 0xff, 0x0f), 0xffffffffffffff0f);

    CHECK(ri(exec_clz, 0, 0), 64);
    CHECK(ri(exec_clz, 1, 0), 63);
    CHECK(ri(exec_clz, -1, 0), 0);
    CHECK(ri(exec_clzw, 0, 0), 32);
    CHECK(ri(exec_clzw, 0xffffffff00000000, 0), 32);
    CHECK(ri(exec_clzw, 0xffffffff00000001, 0), 31);
    CHECK(ri(exec_ctz, 0, 0), 64);
    CHECK(ri(exec_ctz, 0x8000000000000000, 0), 63);
    CHECK(ri(exec_ctzw, 0, 0), 32);
    CHECK(ri(exec_ctzw, 0x100000000, 0), 32);
    CHECK(ri(exec_ctzw, 0x80000000, 0), 31);
    CHECK(ri(exec_cpop, 0, 0), 0);
    CHECK(ri(exec_cpop, -1, 0), 64);
    CHECK(ri(exec_cpopw, 0xffffffff00000000, 0), 0);
    CHECK(ri(exec_cpopw, 0xffffffff000000ff, 0), 8);

    CHECK(rr(exec_max, -1, 1), 1);
    CHECK(rr(exec_maxu, -1, 1), -1);
    CHECK(rr(exec_min, -1, 1), -1);
    CHECK(rr(exec_minu, -1, 1), 1);

    CHECK(ri(exec_sext_b, 0x180, 0), 0xffffffffffffff80);
    CHECK(ri(exec_sext_b, 0xff7f, 0), 0x7f);
    CHECK(ri(exec_sext_h, 0x18000, 0), 0xffffffffffff8000);
    CHECK(ri(exec_zext_h, -1, 0), 0xffff);

    CHECK(rr(exec_rol, 0x8000000000000001, 0), 0x8000000000000001);
    CHECK(rr(exec_rol, 0x8000000000000001, 64), 0x8000000000000001);
    CHECK(rr(exec_rol, 0x8000000000000001, 1), 3);
    CHECK(rr(exec_ror, 0x8000000000000001, 0), 0x8000000000000001);
    CHECK(rr(exec_ror, 1, 1), 0x8000000000000000);
    CHECK(rr(exec_ror, 1, 65), 0x8000000000000000);
    CHECK(ri(exec_rori, 0x8000000000000001, 0), 0x8000000000000001);
    CHECK(ri(exec_rori, 0x10, 4), 1);
    CHECK(rr(exec_rolw, 0x80000000, 1), 1);
    CHECK(rr(exec_rolw, 0xabcdef0012345678, 0), 0x12345678);
    CHECK(rr(exec_rolw, 0x40000000, 33), 0xffffffff80000000);
    CHECK(rr(exec_rorw, 1, 1), 0xffffffff80000000);
    CHECK(rr(exec_rorw, 0x80000000, 0), 0xffffffff80000000);
    CHECK(ri(exec_roriw, 0xffffffff00000003, 1), 0xffffffff80000001);
    CHECK(ri(exec_roriw, 0x80000000, 0), 0xffffffff80000000);

    CHECK(ri(exec_orc_b, 0, 0), 0);
    CHECK(ri(exec_orc_b, 0x0001000080000010, 0), 0x00ff0000ff0000ff);
    CHECK(ri(exec_rev8, 0x0102030405060708, 0), 0x0807060504030201);
}

static void test_zbs(void)
{
    reset_env();
    CHECK(rr(exec_bset, 0, 67), 8);
    CHECK(ri(exec_bseti, 0, 63), 0x8000000000000000);
    CHECK(rr(exec_bclr, -1, 63), 0x7fffffffffffffff);
    CHECK(ri(exec_bclri, 0xff, 0), 0xfe);
    CHECK(rr(exec_binv, 0, 64), 1);
    CHECK(ri(exec_binvi, 0x8000000000000000, 63), 0);
    CHECK(rr(exec_bext, 0x8000000000000000, 63), 1);
    CHECK(rr(exec_bext, 0x8000000000000000, 62), 0);
    CHECK(ri(exec_bexti, 4, 2), 1);
}

/* Writes to the sink never show up in x0. */
static void test_x0(void)
{
    DecodedInsn d = insn(exec_addi, 5);

    reset_env();
    d.rd = SINK;
    d.rs1 = 0;
    exec_addi(env, &d);
    CHECK(env->gpr[0], 0);
    CHECK(env->gpr[SINK], 5);
}

static void test_ecall_ebreak(void)
{
    static const struct {
        uint64_t priv;
        int cause;
    } ecalls[] = {
        { PRV_U, RISCV_EXCP_U_ECALL },
        { PRV_S, RISCV_EXCP_S_ECALL },
        { PRV_M, RISCV_EXCP_M_ECALL },
    };
    DecodedInsn d;

    reset_env();
    for (size_t i = 0; i < G_N_ELEMENTS(ecalls); i++) {
        d = insn(exec_ecall, 0);
        env->priv = ecalls[i].priv;
        env->badaddr = 1;
        g_assert_cmpint(run(&d), ==, ecalls[i].cause);
        CHECK(env->badaddr, 0);
    }
    env->priv = PRV_M;
    d = insn(exec_ebreak, 0);
    env->badaddr = 1;
    g_assert_cmpint(run(&d), ==, RISCV_EXCP_BREAKPOINT);
    CHECK(env->badaddr, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    cpu = g_new0(RISCVCPU, 1);
    env = &cpu->env;
    g_test_add_func("/insn-int/lui-auipc", test_lui_auipc);
    g_test_add_func("/insn-int/jal-jalr", test_jal_jalr);
    g_test_add_func("/insn-int/branches", test_branches);
    g_test_add_func("/insn-int/alu", test_alu);
    g_test_add_func("/insn-int/word-ops", test_word_ops);
    g_test_add_func("/insn-int/mul", test_mul);
    g_test_add_func("/insn-int/div", test_div);
    g_test_add_func("/insn-int/zba", test_zba);
    g_test_add_func("/insn-int/zbb", test_zbb);
    g_test_add_func("/insn-int/zbs", test_zbs);
    g_test_add_func("/insn-int/x0-sink", test_x0);
    g_test_add_func("/insn-int/ecall-ebreak", test_ecall_ebreak);
    int ret = g_test_run();
    g_free(cpu);
    return ret;
}

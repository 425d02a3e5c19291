/*
 * Unit tests of the F and D instruction handlers (target/riscv/fpu_helper.c):
 * each handler runs on a hand-built hart and its result register and
 * fflags are compared with the value IEEE 754 / the RISC-V spec require.
 *
 * The hand-written tables name the corner each vector checks; the last
 * table holds vectors whose expected values were computed with exact
 * rational arithmetic (a Python reference written for this purpose: it
 * rounds the exact result in each mode and derives NX/UF/OF itself).
 *
 * Build with -DFPU_TEST_STANDALONE to link only fpu_helper.c (stub
 * memory/exception functions are then provided here).
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include <fenv.h>

#ifdef FPU_TEST_STANDALONE
void riscv_raise_exception(CPURISCVState *env, RISCVException cause,
                           uint64_t tval)
{
    env->exception = cause;
    env->badaddr = tval;
    siglongjmp(env->jmp_env, 1);
}

uint64_t cpu_ld_slow(CPURISCVState *env, uint64_t addr, unsigned size,
                     int mmu_idx)
{
    g_assert_not_reached();
}

void cpu_st_slow(CPURISCVState *env, uint64_t addr, uint64_t val, unsigned size,
                 int mmu_idx)
{
    g_assert_not_reached();
}
#endif

/* clang-format off: one declaration pair per line */
#define PAIR(n) InsnFn exec_##n##_s, exec_##n##_d;
PAIR(fadd)
PAIR(fsub)
PAIR(fmul)
PAIR(fdiv)
PAIR(fsqrt)
PAIR(fmin)
PAIR(fmax)
PAIR(fmadd)
PAIR(fmsub)
PAIR(fnmadd)
PAIR(fnmsub)
PAIR(fsgnj)
PAIR(fsgnjn)
PAIR(fsgnjx)
PAIR(feq)
PAIR(flt)
PAIR(fle)
PAIR(fclass)
PAIR(fcvt_w)
PAIR(fcvt_wu)
PAIR(fcvt_l)
PAIR(fcvt_lu)
/* clang-format on */
InsnFn exec_fcvt_s_w, exec_fcvt_s_wu, exec_fcvt_s_l, exec_fcvt_s_lu;
InsnFn exec_fcvt_d_w, exec_fcvt_d_wu, exec_fcvt_d_l, exec_fcvt_d_lu;
InsnFn exec_fcvt_s_d, exec_fcvt_d_s, exec_fmv_x_w, exec_fmv_w_x;
InsnFn exec_fmv_x_d, exec_fmv_d_x, exec_flw, exec_fsw, exec_fld, exec_fsd;

/* A NaN-boxed single. */
#define S(x) (0xffffffff00000000ULL | (uint32_t)(x))

/* Singles */
#define S_ONE   0x3f800000u
#define S_MONE  0xbf800000u
#define S_TWO   0x40000000u
#define S_HALF  0x3f000000u
#define S_MAX   0x7f7fffffu
#define S_INF   0x7f800000u
#define S_NINF  0xff800000u
#define S_QNAN  0x7fc00000u /* the canonical NaN */
#define S_SNAN  0x7f800001u
#define S_NZERO 0x80000000u

/* Doubles */
#define D_ONE   0x3ff0000000000000ULL
#define D_MONE  0xbff0000000000000ULL
#define D_TWO   0x4000000000000000ULL
#define D_MAX   0x7fefffffffffffffULL
#define D_INF   0x7ff0000000000000ULL
#define D_NINF  0xfff0000000000000ULL
#define D_QNAN  0x7ff8000000000000ULL
#define D_SNAN  0x7ff0000000000001ULL
#define D_NZERO 0x8000000000000000ULL

#define NX FFLAG_NX
#define UF FFLAG_UF
#define OF FFLAG_OF
#define DZ FFLAG_DZ
#define NV FFLAG_NV

enum { RNE = RM_RNE, RTZ = RM_RTZ, RDN = RM_RDN, RUP = RM_RUP, RMM = RM_RMM };

/*
 * One vector: operands a, b, c go to f1, f2, f4 (and a also to x1 for
 * the integer-source conversions); the result is read from f3, or from
 * x3 when int_result.
 */
typedef struct FpVec {
    InsnFn *fn;
    bool int_result;
    uint8_t rm;
    uint64_t a, b, c;
    uint64_t want;
    uint32_t flags;
} FpVec;

static RISCVCPU *test_cpu;

static CPURISCVState *fresh_env(void)
{
    CPURISCVState *env;

    memset(test_cpu, 0, sizeof(*test_cpu));
    env = &test_cpu->env;
    env->priv = PRV_M;
    env->misa = RVF | RVD;
    env->mstatus = 1ULL << MSTATUS_FS_SHIFT; /* FS = Initial */
    riscv_cpu_update_mmu_idx(env);
    env->exception = RISCV_EXCP_NONE;
    return env;
}

static DecodedInsn insn(uint8_t rm)
{
    DecodedInsn d = { .rd = 3,
                      .rs1 = 1,
                      .rs2 = 2,
                      .rs3 = 4,
                      .rm = rm,
                      .len = 4,
                      .raw = 0x12345678 };
    return d;
}

static void run_table(const FpVec *v, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        CPURISCVState *env = fresh_env();
        DecodedInsn d = insn(v[i].rm);
        uint64_t got;

        env->fpr[1] = v[i].a;
        env->gpr[1] = v[i].a;
        env->fpr[2] = v[i].b;
        env->fpr[4] = v[i].c;
        v[i].fn(env, &d);
        got = v[i].int_result ? env->gpr[3] : env->fpr[3];
        if (got != v[i].want || env->fflags != v[i].flags) {
            g_test_message("%s #%zu: rm %d a %016" PRIx64 " b %016" PRIx64
                           " c %016" PRIx64 ": got %016" PRIx64
                           " flags %02x, want %016" PRIx64 " flags %02x",
                           what, i, v[i].rm, v[i].a, v[i].b, v[i].c, got,
                           env->fflags, v[i].want, v[i].flags);
            g_test_fail();
        }
    }
}

#define RUN(table) run_table(table, G_N_ELEMENTS(table), #table)

/* ---- Rounding: every static mode, ties included ---- */

static const FpVec rounding_vecs[] = {
    /* 1 + 2^-24 is a tie between 1 (even) and 1 + 2^-23 */
    { exec_fadd_s, false, RNE, S(S_ONE), S(0x33800000), 0, S(S_ONE), NX },
    { exec_fadd_s, false, RTZ, S(S_ONE), S(0x33800000), 0, S(S_ONE), NX },
    { exec_fadd_s, false, RDN, S(S_ONE), S(0x33800000), 0, S(S_ONE), NX },
    { exec_fadd_s, false, RUP, S(S_ONE), S(0x33800000), 0, S(0x3f800001), NX },
    { exec_fadd_s, false, RMM, S(S_ONE), S(0x33800000), 0, S(0x3f800001), NX },
    /* (1 + 2^-23) + 2^-24: a tie whose lower neighbour is odd */
    { exec_fadd_s, false, RNE, S(0x3f800001), S(0x33800000), 0, S(0x3f800002),
      NX },
    { exec_fadd_s, false, RTZ, S(0x3f800001), S(0x33800000), 0, S(0x3f800001),
      NX },
    { exec_fadd_s, false, RDN, S(0x3f800001), S(0x33800000), 0, S(0x3f800001),
      NX },
    { exec_fadd_s, false, RUP, S(0x3f800001), S(0x33800000), 0, S(0x3f800002),
      NX },
    { exec_fadd_s, false, RMM, S(0x3f800001), S(0x33800000), 0, S(0x3f800002),
      NX },
    /* -1 - 2^-24: directed modes and ties-away on a negative value */
    { exec_fadd_s, false, RNE, S(S_MONE), S(0xb3800000), 0, S(S_MONE), NX },
    { exec_fadd_s, false, RTZ, S(S_MONE), S(0xb3800000), 0, S(S_MONE), NX },
    { exec_fadd_s, false, RDN, S(S_MONE), S(0xb3800000), 0, S(0xbf800001), NX },
    { exec_fadd_s, false, RUP, S(S_MONE), S(0xb3800000), 0, S(S_MONE), NX },
    { exec_fadd_s, false, RMM, S(S_MONE), S(0xb3800000), 0, S(0xbf800001), NX },
    /* fsub: 1 - (-2^-24) is the same tie */
    { exec_fsub_s, false, RMM, S(S_ONE), S(0xb3800000), 0, S(0x3f800001), NX },
    /* doubles: 1 + 2^-53 (tie) and 1 + 2^-54 (below half) */
    { exec_fadd_d, false, RNE, D_ONE, 0x3ca0000000000000ULL, 0, D_ONE, NX },
    { exec_fadd_d, false, RTZ, D_ONE, 0x3ca0000000000000ULL, 0, D_ONE, NX },
    { exec_fadd_d, false, RDN, D_ONE, 0x3ca0000000000000ULL, 0, D_ONE, NX },
    { exec_fadd_d, false, RUP, D_ONE, 0x3ca0000000000000ULL, 0, D_ONE + 1, NX },
    { exec_fadd_d, false, RMM, D_ONE, 0x3ca0000000000000ULL, 0, D_ONE + 1, NX },
    { exec_fadd_d, false, RMM, D_ONE, 0x3c90000000000000ULL, 0, D_ONE, NX },
    { exec_fadd_d, false, RUP, D_ONE, 0x3c90000000000000ULL, 0, D_ONE + 1, NX },
    /* exact results raise nothing */
    { exec_fadd_s, false, RNE, S(S_ONE), S(S_ONE), 0, S(S_TWO), 0 },
    { exec_fmul_d, false, RUP, D_TWO, D_TWO, 0, 0x4010000000000000ULL, 0 },
    /* 1/3 in every mode */
    { exec_fdiv_s, false, RNE, S(S_ONE), S(0x40400000), 0, S(0x3eaaaaab), NX },
    { exec_fdiv_s, false, RTZ, S(S_ONE), S(0x40400000), 0, S(0x3eaaaaaa), NX },
    { exec_fdiv_s, false, RDN, S(S_ONE), S(0x40400000), 0, S(0x3eaaaaaa), NX },
    { exec_fdiv_s, false, RUP, S(S_ONE), S(0x40400000), 0, S(0x3eaaaaab), NX },
    { exec_fdiv_s, false, RMM, S(S_ONE), S(0x40400000), 0, S(0x3eaaaaab), NX },
    { exec_fdiv_d, false, RNE, D_ONE, 0x4008000000000000ULL, 0,
      0x3fd5555555555555ULL, NX },
    { exec_fdiv_d, false, RUP, D_ONE, 0x4008000000000000ULL, 0,
      0x3fd5555555555556ULL, NX },
    /* sqrt(2) */
    { exec_fsqrt_s, false, RNE, S(S_TWO), 0, 0, S(0x3fb504f3), NX },
    { exec_fsqrt_s, false, RUP, S(S_TWO), 0, 0, S(0x3fb504f4), NX },
    { exec_fsqrt_d, false, RNE, D_TWO, 0, 0, 0x3ff6a09e667f3bcdULL, NX },
    { exec_fsqrt_d, false, RTZ, D_TWO, 0, 0, 0x3ff6a09e667f3bccULL, NX },
    { exec_fsqrt_d, false, RNE, 0x4010000000000000ULL, 0, 0, D_TWO, 0 },
};

static void test_rounding_static(void)
{
    RUN(rounding_vecs);
}

/* Run one handler; returns true if it raised an exception. */
static bool raises(InsnFn *fn, CPURISCVState *env, const DecodedInsn *d)
{
    if (sigsetjmp(env->jmp_env, 0) != 0) {
        return true;
    }
    fn(env, d);
    return false;
}

/* rm = 7 takes fcsr.frm; reserved modes are illegal instructions. */
static void test_rounding_dynamic(void)
{
    static const uint32_t want[5] = { 0x3f800000, 0x3f800000, 0x3f800000,
                                      0x3f800001, 0x3f800001 };
    static InsnFn *const fns[] = {
        exec_fadd_d,   exec_fsqrt_s,  exec_fmadd_d,
        exec_fcvt_w_s, exec_fcvt_d_s, exec_fcvt_s_l
    };

    for (int frm = 0; frm < 8; frm++) {
        CPURISCVState *env = fresh_env();
        DecodedInsn d = insn(RM_DYN);

        env->frm = frm;
        env->fpr[1] = S(S_ONE);
        env->fpr[2] = S(0x33800000);
        env->fpr[3] = 0x5555;
        if (!raises(exec_fadd_s, env, &d)) {
            g_assert_cmpint(frm, <, 5);
            g_assert_cmphex(env->fpr[3], ==, S(want[frm]));
            g_assert_cmphex(env->fflags, ==, NX);
        } else {
            g_assert_cmpint(frm, >=, 5);
            g_assert_cmpint(env->exception, ==, RISCV_EXCP_ILLEGAL_INST);
            g_assert_cmphex(env->badaddr, ==, d.raw);
            g_assert_cmphex(env->fpr[3], ==, 0x5555); /* not written */
            g_assert_cmphex(env->fflags, ==, 0);
        }
    }
    /* static rm 5 and 6 are reserved, whatever frm says */
    for (int rm = 5; rm <= 6; rm++) {
        for (size_t i = 0; i < G_N_ELEMENTS(fns); i++) {
            CPURISCVState *env = fresh_env();
            DecodedInsn d = insn(rm);

            g_assert_true(raises(fns[i], env, &d));
            g_assert_cmpint(env->exception, ==, RISCV_EXCP_ILLEGAL_INST);
            g_assert_cmphex(env->mstatus, ==, 1ULL << MSTATUS_FS_SHIFT);
        }
    }
}

/* ---- Flags: overflow, underflow (tininess after rounding), DZ, NV ---- */

static const FpVec overflow_vecs[] = {
    /* MAX * 2 overflows: to inf or to MAX depending on mode and sign */
    { exec_fmul_s, false, RNE, S(S_MAX), S(S_TWO), 0, S(S_INF), OF | NX },
    { exec_fmul_s, false, RTZ, S(S_MAX), S(S_TWO), 0, S(S_MAX), OF | NX },
    { exec_fmul_s, false, RDN, S(S_MAX), S(S_TWO), 0, S(S_MAX), OF | NX },
    { exec_fmul_s, false, RUP, S(S_MAX), S(S_TWO), 0, S(S_INF), OF | NX },
    { exec_fmul_s, false, RMM, S(S_MAX), S(S_TWO), 0, S(S_INF), OF | NX },
    { exec_fmul_s, false, RNE, S(0xff7fffff), S(S_TWO), 0, S(S_NINF), OF | NX },
    { exec_fmul_s, false, RTZ, S(0xff7fffff), S(S_TWO), 0, S(0xff7fffff),
      OF | NX },
    { exec_fmul_s, false, RDN, S(0xff7fffff), S(S_TWO), 0, S(S_NINF), OF | NX },
    { exec_fmul_s, false, RUP, S(0xff7fffff), S(S_TWO), 0, S(0xff7fffff),
      OF | NX },
    { exec_fmul_d, false, RNE, D_MAX, D_TWO, 0, D_INF, OF | NX },
    { exec_fmul_d, false, RTZ, D_MAX, D_TWO, 0, D_MAX, OF | NX },
    { exec_fmul_d, false, RUP, D_MAX | D_NZERO, D_TWO, 0, D_MAX | D_NZERO,
      OF | NX },
    /*
     * MAX + half an ulp: rounding up overflows (OF), rounding down gives
     * MAX with only NX.
     */
    { exec_fadd_s, false, RNE, S(S_MAX), S(0x73000000), 0, S(S_INF), OF | NX },
    { exec_fadd_s, false, RMM, S(S_MAX), S(0x73000000), 0, S(S_INF), OF | NX },
    { exec_fadd_s, false, RUP, S(S_MAX), S(0x73000000), 0, S(S_INF), OF | NX },
    { exec_fadd_s, false, RTZ, S(S_MAX), S(0x73000000), 0, S(S_MAX), NX },
    { exec_fadd_s, false, RDN, S(S_MAX), S(0x73000000), 0, S(S_MAX), NX },
    /* inf arithmetic is exact */
    { exec_fadd_s, false, RNE, S(S_INF), S(S_ONE), 0, S(S_INF), 0 },
    { exec_fmul_d, false, RNE, D_NINF, D_TWO, 0, D_NINF, 0 },
};

static void test_flags_overflow(void)
{
    RUN(overflow_vecs);
}

static const FpVec underflow_vecs[] = {
    /*
     * 2^-126 * (1 - 2^-25): tiny before rounding but, rounded to 24 bits
     * with an unbounded exponent, it is 2^-126 in RNE/RUP/RMM: not tiny
     * AFTER rounding, so only NX (RISC-V detects tininess after rounding).
     */
    { exec_fcvt_s_d, false, RNE, 0x380ffffff0000000ULL, 0, 0, S(0x00800000),
      NX },
    { exec_fcvt_s_d, false, RUP, 0x380ffffff0000000ULL, 0, 0, S(0x00800000),
      NX },
    { exec_fcvt_s_d, false, RMM, 0x380ffffff0000000ULL, 0, 0, S(0x00800000),
      NX },
    { exec_fcvt_s_d, false, RTZ, 0x380ffffff0000000ULL, 0, 0, S(0x007fffff),
      UF | NX },
    { exec_fcvt_s_d, false, RDN, 0x380ffffff0000000ULL, 0, 0, S(0x007fffff),
      UF | NX },
    /* 2^-126 * (1 - 2^-24) needs 24 bits: tiny after rounding too */
    { exec_fcvt_s_d, false, RNE, 0x380fffffe0000000ULL, 0, 0, S(0x00800000),
      UF | NX },
    { exec_fcvt_s_d, false, RMM, 0x380fffffe0000000ULL, 0, 0, S(0x00800000),
      UF | NX },
    { exec_fcvt_s_d, false, RTZ, 0x380fffffe0000000ULL, 0, 0, S(0x007fffff),
      UF | NX },
    /* the same boundary for doubles: (2^-1022 (1 + 2^-27)) * (1 - 2^-27) */
    { exec_fmul_d, false, RNE, 0x0010000002000000ULL, 0x3feffffffc000000ULL, 0,
      0x0010000000000000ULL, NX },
    { exec_fmul_d, false, RMM, 0x0010000002000000ULL, 0x3feffffffc000000ULL, 0,
      0x0010000000000000ULL, NX },
    { exec_fmul_d, false, RTZ, 0x0010000002000000ULL, 0x3feffffffc000000ULL, 0,
      0x000fffffffffffffULL, UF | NX },
    { exec_fmul_d, false, RDN, 0x0010000002000000ULL, 0x3feffffffc000000ULL, 0,
      0x000fffffffffffffULL, UF | NX },
    /* exact subnormal results are not underflow */
    { exec_fmul_s, false, RNE, S(0x00800000), S(S_HALF), 0, S(0x00400000), 0 },
    { exec_fsub_d, false, RNE, 0x0010000000000000ULL, 0x000fffffffffffffULL, 0,
      0x0000000000000001ULL, 0 },
    /* 2^-150: a tie between 0 and the smallest subnormal */
    { exec_fmul_s, false, RNE, S(0x00000001), S(S_HALF), 0, S(0), UF | NX },
    { exec_fmul_s, false, RMM, S(0x00000001), S(S_HALF), 0, S(1), UF | NX },
    { exec_fmul_s, false, RUP, S(0x00000001), S(S_HALF), 0, S(1), UF | NX },
    { exec_fmul_s, false, RDN, S(0x80000001), S(S_HALF), 0, S(0x80000001),
      UF | NX },
    { exec_fmul_s, false, RTZ, S(0x80000001), S(S_HALF), 0, S(S_NZERO),
      UF | NX },
    { exec_fmul_d, false, RNE, 1, 0x3fe0000000000000ULL, 0, 0, UF | NX },
    { exec_fmul_d, false, RMM, 1, 0x3fe0000000000000ULL, 0, 1, UF | NX },
    /* 1e-300 to single: far below the smallest subnormal */
    { exec_fcvt_s_d, false, RNE, 0x01a56e1fc2f8f359ULL, 0, 0, S(0), UF | NX },
    { exec_fcvt_s_d, false, RUP, 0x01a56e1fc2f8f359ULL, 0, 0, S(1), UF | NX },
};

static void test_flags_underflow(void)
{
    RUN(underflow_vecs);
}

static const FpVec dz_nv_vecs[] = {
    { exec_fdiv_s, false, RNE, S(S_ONE), S(0), 0, S(S_INF), DZ },
    { exec_fdiv_s, false, RNE, S(S_MONE), S(0), 0, S(S_NINF), DZ },
    { exec_fdiv_s, false, RNE, S(S_ONE), S(S_NZERO), 0, S(S_NINF), DZ },
    { exec_fdiv_d, false, RNE, D_ONE, 0, 0, D_INF, DZ },
    { exec_fdiv_d, false, RNE, D_INF, 0, 0, D_INF, 0 }, /* not DZ: inf/0 */
    { exec_fdiv_s, false, RNE, S(0), S(0), 0, S(S_QNAN), NV },
    { exec_fdiv_d, false, RNE, D_INF, D_NINF, 0, D_QNAN, NV },
    { exec_fsqrt_s, false, RNE, S(S_MONE), 0, 0, S(S_QNAN), NV },
    { exec_fsqrt_d, false, RNE, D_NINF, 0, 0, D_QNAN, NV },
    { exec_fsqrt_s, false, RNE, S(S_NZERO), 0, 0, S(S_NZERO), 0 },
    { exec_fsqrt_d, false, RNE, D_NZERO, 0, 0, D_NZERO, 0 },
    { exec_fadd_s, false, RNE, S(S_INF), S(S_NINF), 0, S(S_QNAN), NV },
    { exec_fsub_d, false, RNE, D_INF, D_INF, 0, D_QNAN, NV },
    { exec_fmul_s, false, RNE, S(S_INF), S(0), 0, S(S_QNAN), NV },
    { exec_fmul_d, false, RNE, 0, D_NINF, 0, D_QNAN, NV },
    { exec_fmadd_s, false, RNE, S(S_INF), S(S_ONE), S(S_NINF), S(S_QNAN), NV },
};

static void test_flags_dz_nv(void)
{
    RUN(dz_nv_vecs);
}

/* ---- NaNs: canonical results, signaling inputs ---- */

static const FpVec nan_vecs[] = {
    { exec_fadd_s, false, RNE, S(S_SNAN), S(S_ONE), 0, S(S_QNAN), NV },
    { exec_fadd_s, false, RNE, S(S_ONE), S(0xffbfffff), 0, S(S_QNAN), NV },
    { exec_fadd_s, false, RNE, S(0x7fc00123), S(S_ONE), 0, S(S_QNAN), 0 },
    { exec_fmul_s, false, RNE, S(0xffc00000), S(S_ONE), 0, S(S_QNAN), 0 },
    { exec_fdiv_s, false, RNE, S(S_QNAN), S(S_SNAN), 0, S(S_QNAN), NV },
    { exec_fsqrt_s, false, RNE, S(S_SNAN), 0, 0, S(S_QNAN), NV },
    { exec_fadd_d, false, RNE, D_SNAN, D_ONE, 0, D_QNAN, NV },
    { exec_fmul_d, false, RNE, 0xfff8000000000123ULL, D_ONE, 0, D_QNAN, 0 },
    { exec_fsqrt_d, false, RNE, 0x7ff8000000000001ULL, 0, 0, D_QNAN, 0 },
    /* inf * 0 + qNaN is invalid; x * y + sNaN too */
    { exec_fmadd_s, false, RNE, S(S_INF), S(0), S(S_QNAN), S(S_QNAN), NV },
    { exec_fmadd_d, false, RNE, 0, D_NINF, D_QNAN, D_QNAN, NV },
    { exec_fmadd_s, false, RNE, S(S_ONE), S(S_ONE), S(S_SNAN), S(S_QNAN), NV },
    { exec_fnmsub_d, false, RNE, D_ONE, D_ONE, 0x7ff8000000000005ULL, D_QNAN,
      0 },
    /* a quiet NaN times inf is just the canonical NaN */
    { exec_fmadd_s, false, RNE, S(S_QNAN), S(S_INF), S(S_ONE), S(S_QNAN), 0 },
};

static void test_nan(void)
{
    RUN(nan_vecs);
}

/* ---- NaN-boxing ---- */

static const FpVec nanbox_vecs[] = {
    /* improperly boxed singles read as the canonical NaN */
    { exec_fadd_s, false, RNE, 0x000000003f800000ULL, S(S_ONE), 0, S(S_QNAN),
      0 },
    { exec_fadd_s, false, RNE, S(S_ONE), 0xfffffffe3f800000ULL, 0, S(S_QNAN),
      0 },
    { exec_fmadd_s, false, RNE, S(S_ONE), S(S_ONE), D_ONE, S(S_QNAN), 0 },
    { exec_fcvt_d_s, false, RNE, 0x3f800000ULL, 0, 0, D_QNAN, 0 },
    { exec_fcvt_w_s, true, RNE, 0x3f800000ULL, 0, 0, 0x7fffffff, NV },
    { exec_fclass_s, true, RNE, 0x7fffffff3f800000ULL, 0, 0, 1 << 9, 0 },
    { exec_feq_s, true, RNE, 0x3f800000ULL, 0x3f800000ULL, 0, 0, 0 },
    { exec_fmin_s, false, RNE, S(S_MONE), 0x3f800000ULL, 0, S(S_MONE), 0 },
    /* sign injection: an unboxed rs1 becomes the canonical NaN... */
    { exec_fsgnj_s, false, RNE, 0x3f800000ULL, S(S_MONE), 0, S(0xffc00000), 0 },
    /* ...and an unboxed rs2 gives the canonical NaN's (positive) sign */
    { exec_fsgnj_s, false, RNE, S(S_MONE), 0xbf800000ULL, 0, S(S_ONE), 0 },
    { exec_fsgnjn_s, false, RNE, S(S_ONE), 0xbf800000ULL, 0, S(S_MONE), 0 },
    /* sign injection keeps NaN payloads and raises nothing */
    { exec_fsgnj_s, false, RNE, S(S_SNAN), S(S_MONE), 0, S(0xff800001), 0 },
    { exec_fsgnjn_s, false, RNE, S(S_ONE), S(S_ONE), 0, S(S_MONE), 0 },
    { exec_fsgnjx_s, false, RNE, S(S_MONE), S(S_MONE), 0, S(S_ONE), 0 },
    { exec_fsgnjx_s, false, RNE, S(S_ONE), S(S_MONE), 0, S(S_MONE), 0 },
    { exec_fsgnj_d, false, RNE, D_SNAN, D_MONE, 0, D_SNAN | D_NZERO, 0 },
    { exec_fsgnjn_d, false, RNE, D_ONE, D_ONE, 0, D_MONE, 0 },
    { exec_fsgnjx_d, false, RNE, D_MONE, D_MONE, 0, D_ONE, 0 },
    /* moves are raw bit copies: fmv.x.w sign-extends, fmv.w.x boxes */
    { exec_fmv_x_w, true, RNE, 0x1234567880000000ULL, 0, 0,
      0xffffffff80000000ULL, 0 },
    { exec_fmv_x_w, true, RNE, S(0x7f800001), 0, 0, 0x7f800001, 0 },
    { exec_fmv_w_x, false, RNE, 0x123456783f800000ULL, 0, 0, S(S_ONE), 0 },
    { exec_fmv_x_d, true, RNE, D_SNAN, 0, 0, D_SNAN, 0 },
    { exec_fmv_d_x, false, RNE, 0x0123456789abcdefULL, 0, 0,
      0x0123456789abcdefULL, 0 },
    /* results of single ops are boxed */
    { exec_fcvt_s_d, false, RNE, D_ONE, 0, 0, S(S_ONE), 0 },
    { exec_fcvt_s_w, false, RNE, 1, 0, 0, S(S_ONE), 0 },
};

static void test_nanbox(void)
{
    RUN(nanbox_vecs);
}

/* ---- fmin/fmax (minimumNumber/maximumNumber) ---- */

static const FpVec minmax_vecs[] = {
    { exec_fmin_s, false, RNE, S(S_NZERO), S(0), 0, S(S_NZERO), 0 },
    { exec_fmin_s, false, RNE, S(0), S(S_NZERO), 0, S(S_NZERO), 0 },
    { exec_fmax_s, false, RNE, S(S_NZERO), S(0), 0, S(0), 0 },
    { exec_fmax_s, false, RNE, S(0), S(S_NZERO), 0, S(0), 0 },
    { exec_fmin_s, false, RNE, S(S_QNAN), S(S_ONE), 0, S(S_ONE), 0 },
    { exec_fmax_s, false, RNE, S(S_MONE), S(0x7fc00001), 0, S(S_MONE), 0 },
    { exec_fmin_s, false, RNE, S(S_ONE), S(S_SNAN), 0, S(S_ONE), NV },
    { exec_fmax_s, false, RNE, S(S_SNAN), S(S_ONE), 0, S(S_ONE), NV },
    { exec_fmax_s, false, RNE, S(0x7fc00001), S(0xffc00000), 0, S(S_QNAN), 0 },
    { exec_fmin_s, false, RNE, S(S_SNAN), S(S_QNAN), 0, S(S_QNAN), NV },
    { exec_fmin_s, false, RNE, S(S_NINF), S(S_MAX), 0, S(S_NINF), 0 },
    { exec_fmax_s, false, RNE, S(S_MONE), S(0xc0000000), 0, S(S_MONE), 0 },
    { exec_fmin_s, false, RNE, S(S_MONE), S(0xc0000000), 0, S(0xc0000000), 0 },
    { exec_fmin_d, false, RNE, D_NZERO, 0, 0, D_NZERO, 0 },
    { exec_fmax_d, false, RNE, D_NZERO, 0, 0, 0, 0 },
    { exec_fmax_d, false, RNE, D_QNAN, D_MONE, 0, D_MONE, 0 },
    { exec_fmin_d, false, RNE, D_SNAN, D_INF, 0, D_INF, NV },
    { exec_fmin_d, false, RNE, 0xfff8000000000000ULL, D_SNAN, 0, D_QNAN, NV },
    { exec_fmax_d, false, RNE, 1, 2, 0, 2, 0 },
};

static void test_minmax(void)
{
    RUN(minmax_vecs);
}

/* ---- Comparisons: feq quiet, flt/fle signaling ---- */

static const FpVec compare_vecs[] = {
    { exec_feq_s, true, RNE, S(S_QNAN), S(S_ONE), 0, 0, 0 },
    { exec_feq_s, true, RNE, S(S_SNAN), S(S_ONE), 0, 0, NV },
    { exec_flt_s, true, RNE, S(S_QNAN), S(S_ONE), 0, 0, NV },
    { exec_fle_s, true, RNE, S(S_ONE), S(S_QNAN), 0, 0, NV },
    { exec_feq_s, true, RNE, S(S_NZERO), S(0), 0, 1, 0 },
    { exec_flt_s, true, RNE, S(S_NZERO), S(0), 0, 0, 0 },
    { exec_fle_s, true, RNE, S(0), S(S_NZERO), 0, 1, 0 },
    { exec_flt_s, true, RNE, S(0xc0000000), S(S_MONE), 0, 1, 0 },
    { exec_flt_s, true, RNE, S(S_MONE), S(0xc0000000), 0, 0, 0 },
    { exec_fle_s, true, RNE, S(S_NINF), S(S_NINF), 0, 1, 0 },
    { exec_feq_d, true, RNE, D_QNAN, D_QNAN, 0, 0, 0 },
    { exec_feq_d, true, RNE, D_ONE, D_SNAN, 0, 0, NV },
    { exec_fle_d, true, RNE, D_ONE, D_ONE, 0, 1, 0 },
    { exec_flt_d, true, RNE, D_NINF, D_INF, 0, 1, 0 },
    { exec_flt_d, true, RNE, D_ONE, D_ONE, 0, 0, 0 },
    { exec_flt_d, true, RNE, 1, D_NZERO | 1, 0, 0, 0 },
    { exec_fle_d, true, RNE, D_NZERO | 1, 1, 0, 1, 0 },
};

static void test_compare(void)
{
    RUN(compare_vecs);
}

/* ---- fclass: one vector per class ---- */

static const FpVec fclass_vecs[] = {
    { exec_fclass_s, true, RNE, S(S_NINF), 0, 0, 1 << 0, 0 },
    { exec_fclass_s, true, RNE, S(S_MONE), 0, 0, 1 << 1, 0 },
    { exec_fclass_s, true, RNE, S(0x807fffff), 0, 0, 1 << 2, 0 },
    { exec_fclass_s, true, RNE, S(S_NZERO), 0, 0, 1 << 3, 0 },
    { exec_fclass_s, true, RNE, S(0), 0, 0, 1 << 4, 0 },
    { exec_fclass_s, true, RNE, S(1), 0, 0, 1 << 5, 0 },
    { exec_fclass_s, true, RNE, S(S_MAX), 0, 0, 1 << 6, 0 },
    { exec_fclass_s, true, RNE, S(S_INF), 0, 0, 1 << 7, 0 },
    { exec_fclass_s, true, RNE, S(0xffbfffff), 0, 0, 1 << 8, 0 },
    { exec_fclass_s, true, RNE, S(0xffc00000), 0, 0, 1 << 9, 0 },
    { exec_fclass_d, true, RNE, D_NINF, 0, 0, 1 << 0, 0 },
    { exec_fclass_d, true, RNE, 0x8010000000000000ULL, 0, 0, 1 << 1, 0 },
    { exec_fclass_d, true, RNE, D_NZERO | 1, 0, 0, 1 << 2, 0 },
    { exec_fclass_d, true, RNE, D_NZERO, 0, 0, 1 << 3, 0 },
    { exec_fclass_d, true, RNE, 0, 0, 0, 1 << 4, 0 },
    { exec_fclass_d, true, RNE, 0x000fffffffffffffULL, 0, 0, 1 << 5, 0 },
    { exec_fclass_d, true, RNE, D_ONE, 0, 0, 1 << 6, 0 },
    { exec_fclass_d, true, RNE, D_INF, 0, 0, 1 << 7, 0 },
    { exec_fclass_d, true, RNE, D_SNAN, 0, 0, 1 << 8, 0 },
    { exec_fclass_d, true, RNE, D_QNAN, 0, 0, 1 << 9, 0 },
};

static void test_fclass(void)
{
    RUN(fclass_vecs);
}

/* ---- Conversions to integers: rounding and saturation ---- */

#define W_MIN 0xffffffff80000000ULL /* sign-extended INT32_MIN */
#define ALL1  0xffffffffffffffffULL

static const FpVec to_int_vecs[] = {
    { exec_fcvt_w_s, true, RNE, S(S_QNAN), 0, 0, 0x7fffffff, NV },
    { exec_fcvt_w_s, true, RNE, S(0xffc00000), 0, 0, 0x7fffffff, NV },
    { exec_fcvt_w_s, true, RNE, S(S_SNAN), 0, 0, 0x7fffffff, NV },
    { exec_fcvt_w_s, true, RNE, S(S_INF), 0, 0, 0x7fffffff, NV },
    { exec_fcvt_w_s, true, RNE, S(S_NINF), 0, 0, W_MIN, NV },
    { exec_fcvt_w_s, true, RNE, S(0x4f000000), 0, 0, 0x7fffffff,
      NV }, /* 2^31 */
    { exec_fcvt_w_s, true, RNE, S(0x4effffff), 0, 0, 0x7fffff80, 0 },
    { exec_fcvt_w_s, true, RNE, S(0xcf000000), 0, 0, W_MIN, 0 }, /* -2^31 */
    { exec_fcvt_w_s, true, RNE, S(0xcf000001), 0, 0, W_MIN, NV },
    { exec_fcvt_w_s, true, RNE, S(0x40200000), 0, 0, 2, NX }, /* 2.5 */
    { exec_fcvt_w_s, true, RMM, S(0x40200000), 0, 0, 3, NX },
    { exec_fcvt_w_s, true, RUP, S(0x40200000), 0, 0, 3, NX },
    { exec_fcvt_w_s, true, RTZ, S(0x40200000), 0, 0, 2, NX },
    { exec_fcvt_w_s, true, RMM, S(0xc0200000), 0, 0, -3ULL, NX }, /* -2.5 */
    { exec_fcvt_w_s, true, RDN, S(0xc0200000), 0, 0, -3ULL, NX },
    { exec_fcvt_w_s, true, RUP, S(0xc0200000), 0, 0, -2ULL, NX },
    { exec_fcvt_w_s, true, RTZ, S(0xc0200000), 0, 0, -2ULL, NX },
    { exec_fcvt_w_s, true, RNE, S(0xc0200000), 0, 0, -2ULL, NX },
    { exec_fcvt_w_s, true, RNE, S(S_NZERO), 0, 0, 0, 0 },
    { exec_fcvt_w_s, true, RNE, S(1), 0, 0, 0, NX },
    { exec_fcvt_w_s, true, RUP, S(1), 0, 0, 1, NX },
    /* unsigned: negative values that round to 0 are only inexact */
    { exec_fcvt_wu_s, true, RTZ, S(0xbe99999a), 0, 0, 0, NX }, /* -0.3 */
    { exec_fcvt_wu_s, true, RNE, S(0xbe99999a), 0, 0, 0, NX },
    { exec_fcvt_wu_s, true, RUP, S(0xbe99999a), 0, 0, 0, NX },
    { exec_fcvt_wu_s, true, RDN, S(0xbe99999a), 0, 0, 0, NV },
    { exec_fcvt_wu_s, true, RNE, S(S_MONE), 0, 0, 0, NV },
    { exec_fcvt_wu_s, true, RNE, S(S_NINF), 0, 0, 0, NV },
    { exec_fcvt_wu_s, true, RNE, S(0x4f32d05e), 0, 0, 0xffffffffb2d05e00ULL,
      0 },
    { exec_fcvt_wu_s, true, RNE, S(0x4f800000), 0, 0, ALL1, NV }, /* 2^32 */
    { exec_fcvt_wu_s, true, RNE, S(S_QNAN), 0, 0, ALL1, NV },
    { exec_fcvt_wu_s, true, RNE, S(S_INF), 0, 0, ALL1, NV },
    { exec_fcvt_l_s, true, RNE, S(0x5f000000), 0, 0, INT64_MAX, NV }, /* 2^63 */
    { exec_fcvt_l_s, true, RNE, S(0xdf000000), 0, 0, 1ULL << 63, 0 },
    { exec_fcvt_l_s, true, RNE, S(S_NINF), 0, 0, 1ULL << 63, NV },
    { exec_fcvt_lu_s, true, RNE, S(0x5f800000), 0, 0, ALL1, NV }, /* 2^64 */
    { exec_fcvt_lu_s, true, RNE, S(0x5f7fffff), 0, 0, 0xffffff0000000000ULL,
      0 },
    { exec_fcvt_lu_s, true, RNE, S(S_NINF), 0, 0, 0, NV },
    /* doubles: rounding decides whether the value is in range */
    { exec_fcvt_w_d, true, RNE, 0x41dfffffffe00000ULL, 0, 0, 0x7fffffff, NV },
    { exec_fcvt_w_d, true, RTZ, 0x41dfffffffe00000ULL, 0, 0, 0x7fffffff, NX },
    { exec_fcvt_w_d, true, RTZ, 0xc1e0000000100000ULL, 0, 0, W_MIN, NX },
    { exec_fcvt_w_d, true, RNE, 0xc1e0000000100000ULL, 0, 0, W_MIN, NX },
    { exec_fcvt_w_d, true, RMM, 0xc1e0000000100000ULL, 0, 0, W_MIN, NV },
    { exec_fcvt_w_d, true, RNE, D_QNAN, 0, 0, 0x7fffffff, NV },
    { exec_fcvt_wu_d, true, RTZ, 0x41efffffffff0000ULL, 0, 0, ALL1, NX },
    { exec_fcvt_wu_d, true, RNE, 0x41efffffffff0000ULL, 0, 0, ALL1, NV },
    { exec_fcvt_wu_d, true, RNE, 0x41dfffffffc00000ULL, 0, 0, 0x7fffffff, 0 },
    { exec_fcvt_l_d, true, RNE, 0x43e0000000000000ULL, 0, 0, INT64_MAX, NV },
    { exec_fcvt_l_d, true, RNE, 0xc3e0000000000000ULL, 0, 0, 1ULL << 63, 0 },
    { exec_fcvt_l_d, true, RNE, 0x43dfffffffffffffULL, 0, 0,
      0x7ffffffffffffc00ULL, 0 },
    { exec_fcvt_l_d, true, RNE, D_SNAN, 0, 0, INT64_MAX, NV },
    { exec_fcvt_l_d, true, RNE, D_NINF, 0, 0, 1ULL << 63, NV },
    { exec_fcvt_l_d, true, RNE, 0x7e37e43c8800759cULL, 0, 0, INT64_MAX, NV },
    { exec_fcvt_l_d, true, RNE, 0xbfe0000000000000ULL, 0, 0, 0, NX }, /* -0.5 */
    { exec_fcvt_l_d, true, RMM, 0xbfe0000000000000ULL, 0, 0, ALL1, NX },
    { exec_fcvt_l_d, true, RUP, 0x3fe0000000000000ULL, 0, 0, 1, NX },
    { exec_fcvt_lu_d, true, RNE, 0x43f0000000000000ULL, 0, 0, ALL1, NV },
    { exec_fcvt_lu_d, true, RNE, 0x43efffffffffffffULL, 0, 0,
      0xfffffffffffff800ULL, 0 },
    { exec_fcvt_lu_d, true, RTZ, 0xbfd3333333333333ULL, 0, 0, 0, NX },
    { exec_fcvt_lu_d, true, RNE, D_MONE, 0, 0, 0, NV },
    { exec_fcvt_lu_d, true, RNE, D_QNAN, 0, 0, ALL1, NV },
    { exec_fcvt_lu_d, true, RNE, D_NZERO, 0, 0, 0, 0 },
};

static void test_cvt_to_int(void)
{
    RUN(to_int_vecs);
}

static const FpVec from_int_vecs[] = {
    /* only the low 32 bits of the source count for .w/.wu */
    { exec_fcvt_s_w, false, RNE, 0xffffffff80000000ULL, 0, 0, S(0xcf000000),
      0 },
    { exec_fcvt_s_w, false, RNE, 0x0000000080000000ULL, 0, 0, S(0xcf000000),
      0 },
    { exec_fcvt_s_wu, false, RNE, 0xffffffff80000000ULL, 0, 0, S(0x4f000000),
      0 },
    { exec_fcvt_d_w, false, RNE, 0x00000000ffffffffULL, 0, 0, D_MONE, 0 },
    { exec_fcvt_d_wu, false, RNE, 0xffffffffffffffffULL, 0, 0,
      0x41efffffffe00000ULL, 0 },
    /* 2^24 + 1 is a tie in single precision */
    { exec_fcvt_s_w, false, RNE, 0x1000001, 0, 0, S(0x4b800000), NX },
    { exec_fcvt_s_w, false, RTZ, 0x1000001, 0, 0, S(0x4b800000), NX },
    { exec_fcvt_s_w, false, RDN, 0x1000001, 0, 0, S(0x4b800000), NX },
    { exec_fcvt_s_w, false, RUP, 0x1000001, 0, 0, S(0x4b800001), NX },
    { exec_fcvt_s_w, false, RMM, 0x1000001, 0, 0, S(0x4b800001), NX },
    { exec_fcvt_s_w, false, RMM, -0x1000001ULL, 0, 0, S(0xcb800001), NX },
    { exec_fcvt_s_w, false, RDN, -0x1000001ULL, 0, 0, S(0xcb800001), NX },
    { exec_fcvt_s_wu, false, RNE, 0xffffffff, 0, 0, S(0x4f800000), NX },
    { exec_fcvt_s_wu, false, RTZ, 0xffffffff, 0, 0, S(0x4f7fffff), NX },
    { exec_fcvt_s_lu, false, RNE, ALL1, 0, 0, S(0x5f800000), NX },
    { exec_fcvt_s_lu, false, RTZ, ALL1, 0, 0, S(0x5f7fffff), NX },
    { exec_fcvt_s_l, false, RNE, ALL1, 0, 0, S(S_MONE), 0 },
    { exec_fcvt_s_l, false, RNE, 0, 0, 0, S(0), 0 },
    { exec_fcvt_d_lu, false, RNE, ALL1, 0, 0, 0x43f0000000000000ULL, NX },
    { exec_fcvt_d_lu, false, RTZ, ALL1, 0, 0, 0x43efffffffffffffULL, NX },
    { exec_fcvt_d_l, false, RNE, 1ULL << 63, 0, 0, 0xc3e0000000000000ULL, 0 },
    { exec_fcvt_d_l, false, RNE, 0x20000000000001ULL, 0, 0,
      0x4340000000000000ULL, NX },
    { exec_fcvt_d_l, false, RMM, 0x20000000000001ULL, 0, 0,
      0x4340000000000001ULL, NX },
    { exec_fcvt_d_l, false, RNE, 0, 0, 0, 0, 0 },
};

static void test_cvt_from_int(void)
{
    RUN(from_int_vecs);
}

/* ---- fcvt.s.d and fcvt.d.s ---- */

static const FpVec cvt_fp_vecs[] = {
    /* 1 + 2^-24 (a double) is a tie in single precision */
    { exec_fcvt_s_d, false, RNE, 0x3ff0000010000000ULL, 0, 0, S(S_ONE), NX },
    { exec_fcvt_s_d, false, RTZ, 0x3ff0000010000000ULL, 0, 0, S(S_ONE), NX },
    { exec_fcvt_s_d, false, RDN, 0x3ff0000010000000ULL, 0, 0, S(S_ONE), NX },
    { exec_fcvt_s_d, false, RUP, 0x3ff0000010000000ULL, 0, 0, S(0x3f800001),
      NX },
    { exec_fcvt_s_d, false, RMM, 0x3ff0000010000000ULL, 0, 0, S(0x3f800001),
      NX },
    { exec_fcvt_s_d, false, RMM, 0xbff0000010000000ULL, 0, 0, S(0xbf800001),
      NX },
    { exec_fcvt_s_d, false, RNE, 0x47f0000000000000ULL, 0, 0, S(S_INF),
      OF | NX },
    { exec_fcvt_s_d, false, RTZ, 0x47f0000000000000ULL, 0, 0, S(S_MAX),
      OF | NX },
    { exec_fcvt_s_d, false, RUP, 0xc7f0000000000000ULL, 0, 0, S(0xff7fffff),
      OF | NX },
    { exec_fcvt_s_d, false, RNE, D_SNAN, 0, 0, S(S_QNAN), NV },
    { exec_fcvt_s_d, false, RNE, 0xfff8000000000001ULL, 0, 0, S(S_QNAN), 0 },
    { exec_fcvt_s_d, false, RNE, D_NZERO, 0, 0, S(S_NZERO), 0 },
    { exec_fcvt_s_d, false, RNE, D_NINF, 0, 0, S(S_NINF), 0 },
    { exec_fcvt_s_d, false, RNE, 0x3690000000000000ULL, 0, 0, S(0), UF | NX },
    { exec_fcvt_d_s, false, RNE, S(S_ONE), 0, 0, D_ONE, 0 },
    { exec_fcvt_d_s, false, RNE, S(S_SNAN), 0, 0, D_QNAN, NV },
    { exec_fcvt_d_s, false, RNE, S(0xffc00001), 0, 0, D_QNAN, 0 },
    { exec_fcvt_d_s, false, RNE, S(1), 0, 0, 0x36a0000000000000ULL, 0 },
    { exec_fcvt_d_s, false, RNE, S(S_NINF), 0, 0, D_NINF, 0 },
    { exec_fcvt_d_s, false, RNE, S(S_MAX), 0, 0, 0x47efffffe0000000ULL, 0 },
};

static void test_cvt_fp(void)
{
    RUN(cvt_fp_vecs);
}

/* ---- Fused multiply-add: one rounding, signs, zero signs ---- */

static const FpVec fma_vecs[] = {
    /* (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly (a separate multiply
     * would have rounded the product to 1 and given 0) */
    { exec_fmadd_s, false, RNE, S(0x3f800001), S(0x3f7ffffe), S(S_MONE),
      S(0xa8800000), 0 },
    /* (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46: one inexact rounding */
    { exec_fmadd_s, false, RNE, S(0x3f800001), S(0x3f800001), S(0),
      S(0x3f800002), NX },
    { exec_fmadd_s, false, RUP, S(0x3f800001), S(0x3f800001), S(0),
      S(0x3f800003), NX },
    { exec_fmadd_s, false, RMM, S(0x3f800001), S(0x3f800001), S(0),
      S(0x3f800002), NX },
    { exec_fmadd_s, false, RTZ, S(0x3f800001), S(0x3f800001), S(0),
      S(0x3f800002), NX },
    /* (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly */
    { exec_fmadd_d, false, RNE, 0x3ff0000000000001ULL, 0x3feffffffffffffeULL,
      D_MONE, 0xb970000000000000ULL, 0 },
    { exec_fmadd_d, false, RUP, 0x3ff0000000000001ULL, 0x3ff0000000000001ULL, 0,
      0x3ff0000000000003ULL, NX },
    { exec_fmadd_d, false, RNE, 0x3ff0000000000001ULL, 0x3ff0000000000001ULL, 0,
      0x3ff0000000000002ULL, NX },
    /* the four sign variants: 2 * 3 and 1 */
    { exec_fmadd_s, false, RNE, S(S_TWO), S(0x40400000), S(S_ONE),
      S(0x40e00000), 0 },
    { exec_fmsub_s, false, RNE, S(S_TWO), S(0x40400000), S(S_ONE),
      S(0x40a00000), 0 },
    { exec_fnmsub_s, false, RNE, S(S_TWO), S(0x40400000), S(S_ONE),
      S(0xc0a00000), 0 },
    { exec_fnmadd_s, false, RNE, S(S_TWO), S(0x40400000), S(S_ONE),
      S(0xc0e00000), 0 },
    { exec_fmsub_d, false, RNE, D_TWO, 0x4008000000000000ULL, D_ONE,
      0x4014000000000000ULL, 0 },
    { exec_fnmadd_d, false, RNE, D_TWO, 0x4008000000000000ULL, D_ONE,
      0xc01c000000000000ULL, 0 },
    /* exact zero results: +0, or -0 when rounding down */
    { exec_fmadd_s, false, RNE, S(S_ONE), S(S_ONE), S(S_MONE), S(0), 0 },
    { exec_fmadd_s, false, RDN, S(S_ONE), S(S_ONE), S(S_MONE), S(S_NZERO), 0 },
    { exec_fnmadd_s, false, RNE, S(S_ONE), S(S_ONE), S(S_MONE), S(0), 0 },
    { exec_fnmadd_s, false, RDN, S(S_ONE), S(S_ONE), S(S_MONE), S(S_NZERO), 0 },
    { exec_fmadd_s, false, RNE, S(S_NZERO), S(S_ONE), S(S_NZERO), S(S_NZERO),
      0 },
    { exec_fmadd_s, false, RNE, S(0), S(S_ONE), S(S_NZERO), S(0), 0 },
    { exec_fmadd_s, false, RDN, S(0), S(S_ONE), S(S_NZERO), S(S_NZERO), 0 },
    { exec_fnmsub_d, false, RNE, D_ONE, D_ONE, D_ONE, 0, 0 },
    { exec_fnmsub_d, false, RDN, D_ONE, D_ONE, D_ONE, D_NZERO, 0 },
    /* inf terms */
    { exec_fmadd_d, false, RNE, D_INF, D_ONE, D_ONE, D_INF, 0 },
    { exec_fmsub_d, false, RNE, D_INF, D_ONE, D_INF, D_QNAN, NV },
    { exec_fmadd_s, false, RNE, S(S_ONE), S(S_ONE), S(S_NINF), S(S_NINF), 0 },
};

static void test_fma(void)
{
    RUN(fma_vecs);
}

/* ---- Exact zero sums ---- */

static const FpVec zero_vecs[] = {
    { exec_fadd_s, false, RNE, S(S_NZERO), S(S_NZERO), 0, S(S_NZERO), 0 },
    { exec_fadd_s, false, RUP, S(S_NZERO), S(S_NZERO), 0, S(S_NZERO), 0 },
    { exec_fadd_s, false, RNE, S(0), S(S_NZERO), 0, S(0), 0 },
    { exec_fadd_s, false, RDN, S(0), S(S_NZERO), 0, S(S_NZERO), 0 },
    { exec_fsub_s, false, RNE, S(S_ONE), S(S_ONE), 0, S(0), 0 },
    { exec_fsub_s, false, RTZ, S(S_ONE), S(S_ONE), 0, S(0), 0 },
    { exec_fsub_s, false, RDN, S(S_ONE), S(S_ONE), 0, S(S_NZERO), 0 },
    { exec_fsub_s, false, RNE, S(S_NZERO), S(0), 0, S(S_NZERO), 0 },
    { exec_fadd_d, false, RDN, D_ONE, D_MONE, 0, D_NZERO, 0 },
    { exec_fadd_d, false, RMM, D_ONE, D_MONE, 0, 0, 0 },
    { exec_fmul_s, false, RNE, S(S_NZERO), S(S_ONE), 0, S(S_NZERO), 0 },
    { exec_fdiv_d, false, RNE, D_MONE, D_INF, 0, D_NZERO, 0 },
};

static void test_zero_sign(void)
{
    RUN(zero_vecs);
}

/* ---- Vectors checked against an exact (rational arithmetic) model ---- */

static const FpVec model_vecs[] = {
    { exec_fmul_d, false, 4, 0xc00965eddae44551, 0x3fd4000000000000, 0x0,
      0xbfefbf69519d56a5, 0x1 },
    { exec_fdiv_d, false, 4, 0x1fffffffffffff, 0x401d4ea603d71684, 0x0,
      0x45e161369e9c2, 0x3 },
    { exec_fmadd_s, false, 3, 0xffffffffc1ebd4a6, 0xffffffff411de819,
      0xffffffff4391773b, 0xffffffff3839e5e5, 0x0 },
    { exec_fnmadd_s, false, 3, 0xffffffffc17f72d2, 0xffffffff3f285b00,
      0xffffffffc127fe29, 0xffffffff41a7fe29, 0x1 },
    { exec_fmadd_s, false, 0, 0xffffffff068dcc7d, 0xffffffffaf888dc5,
      0xffffffff006c74a5, 0xffffffff006c749c, 0x3 },
    { exec_fadd_s, false, 1, 0xffffffffcafd7c66, 0xffffffffbe000000,
      0xffffffff00000000, 0xffffffffcafd7c66, 0x1 },
    { exec_fadd_d, false, 2, 0xab7f6cdb03e0d681, 0xa820000000000000, 0x0,
      0xab7f6cdb03e0d682, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffbed74e51, 0xffffffff3fa00000,
      0xffffffff00000000, 0xffffffffbf0690f3, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffffbe328a8f, 0xffffffffbea00000,
      0xffffffff00000000, 0xffffffff3d5f2d32, 0x1 },
    { exec_fnmadd_d, false, 4, 0x3fd64ef22ff36007, 0x3fa2577cfd42e044,
      0x3f8992cbffc90eee, 0xbf9992cbffc90eee, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffffc009651f, 0xffffffff3d9ab7c5,
      0xffffffff3e2612ea, 0xffffffffb2a9f9db, 0x0 },
    { exec_fmadd_d, false, 2, 0x80596576f589d99a, 0xbd9ddd4a22bfb8e0,
      0x800a09312ecdcc0a, 0x800a09312ec1f241, 0x3 },
    { exec_fmadd_d, false, 1, 0x7bd4ae2891dd3c, 0x3df7b862e1d7300f,
      0xc2286be49ee7, 0xc22876353bf2, 0x3 },
    { exec_fmadd_s, false, 0, 0xffffffff845eb2b4, 0xffffffffb1b5dd46,
      0xffffffff80258f4a, 0xffffffff80258f40, 0x3 },
    { exec_fmul_s, false, 1, 0xffffffff9f7fffff, 0xffffffff217fffff,
      0xffffffff00000000, 0xffffffff817ffffe, 0x1 },
    { exec_fmul_d, false, 3, 0x3fc2d1ef0beddb07, 0xbff4000000000000, 0x0,
      0xbfc7866acee951c8, 0x1 },
    { exec_fmadd_s, false, 0, 0xffffffff40fd80ce, 0xffffffffc14acef0,
      0xffffffff42c8d48f, 0xffffffff3712bd70, 0x0 },
    { exec_fmsub_s, false, 3, 0xffffffffbd02b89e, 0xffffffff40889c52,
      0xffffffffbe0b83cd, 0xffffffff31c25590, 0x0 },
    { exec_fmul_s, false, 0, 0xffffffffc085b107, 0xffffffff3f600000,
      0xffffffff00000000, 0xffffffffc069f5cc, 0x1 },
    { exec_fsub_s, false, 3, 0xfffffffffc78dcd5, 0xffffffff6f800000,
      0xffffffff00000000, 0xfffffffffc78dcd5, 0x1 },
    { exec_fsub_d, false, 4, 0x5181734b14881edc, 0x4e24000000000000, 0x0,
      0x5181734b14881edc, 0x1 },
    { exec_fmul_d, false, 4, 0xbff8a8f7d69f6b17, 0x4014000000000000, 0x0,
      0xc01ed335cc4745dd, 0x1 },
    { exec_fmadd_s, false, 2, 0xffffffff0802da6b, 0xffffffff343fa5e8,
      0xffffffff8020bf0b, 0xffffffff801ffb20, 0x3 },
    { exec_fmul_d, false, 2, 0x2b7fffffffffffff, 0x9490000000000001, 0x0,
      0x8020000000000001, 0x1 },
    { exec_fmsub_d, false, 3, 0x400ce554cdc02ecd, 0x3fd3836362694354,
      0x3ff19eceebb02414, 0x3c90cf62f6c80488, 0x0 },
    { exec_fmul_s, false, 1, 0xffffffffbe5b092f, 0xffffffff3f200000,
      0xffffffff00000000, 0xffffffffbe08e5bd, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffffbeea5acf, 0xffffffffbfa00000,
      0xffffffff00000000, 0xffffffff3f1278c2, 0x1 },
    { exec_fnmadd_d, false, 2, 0x80bd4277131e2d48, 0x3e39b88bdf71b994,
      0xb568dada219c6, 0x800b5681eb4c8d76, 0x3 },
    { exec_fmadd_d, false, 2, 0x5746fe67ba7848, 0x3ebd4652c4eb26e0,
      0x800c77d33cc6d62d, 0x800c77a8a5cab6d2, 0x3 },
    { exec_fmul_s, false, 0, 0xffffffff40c487b7, 0xffffffffbea00000,
      0xffffffff00000000, 0xffffffffbff5a9a5, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffffbedb6ba9, 0xffffffff3fa00000,
      0xffffffff00000000, 0xffffffffbf092349, 0x1 },
    { exec_fdiv_s, false, 1, 0xffffffff014666d4, 0xffffffff40000001,
      0xffffffff00000000, 0xffffffff00c666d2, 0x1 },
    { exec_fdiv_d, false, 2, 0x8030981a1530959b, 0xc000000000000000, 0x0,
      0x20981a1530959b, 0x0 },
    { exec_fmul_d, false, 4, 0xbff0745eeb754413, 0x3fcc000000000000, 0x0,
      0xbfcccba61c0d3721, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffff82bc3b60, 0xffffffff2df345c9,
      0xffffffff80790e40, 0xffffffff00790e40, 0x3 },
    { exec_fmul_s, false, 1, 0xffffffffc0c7e041, 0xffffffff40a00000,
      0xffffffff00000000, 0xffffffffc1f9d851, 0x1 },
    { exec_fmul_d, false, 2, 0x3fe24226d9cc24c3, 0xc00c000000000000, 0x0,
      0xbffff3c3fd254056, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff0880a1bc, 0xffffffffb5c4e7b6,
      0xffffffff00420cde, 0xffffffff8035aed5, 0x3 },
    { exec_fsub_s, false, 3, 0xffffffff66886f6b, 0xffffffffda400000,
      0xffffffff00000000, 0xffffffff66886f6c, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff3f3782bf, 0xffffffffc0600000,
      0xffffffff00000000, 0xffffffffc0209267, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffff3f109231, 0xffffffff3e200000,
      0xffffffff00000000, 0xffffffff3db4b6bd, 0x1 },
    { exec_fadd_s, false, 1, 0xffffffffe62939fd, 0xffffffffda400000,
      0xffffffff00000000, 0xffffffffe62939fd, 0x1 },
    { exec_fadd_d, false, 4, 0xf0a329e5b7baf0a6, 0xed58000000000000, 0x0,
      0xf0a329e5b7baf0a7, 0x1 },
    { exec_fdiv_s, false, 4, 0xffffffff00ffffff, 0xffffffff3f800001,
      0xffffffff00000000, 0xffffffff00fffffd, 0x1 },
    { exec_fnmsub_s, false, 0, 0xffffffffbdb7a76f, 0xffffffffc1651c9d,
      0xffffffffbfa45d4c, 0xffffffffc0245d4d, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffa4fffffd, 0xffffffff9bfffffd,
      0xffffffff00000000, 0xffffffff017ffffa, 0x1 },
    { exec_fsub_d, false, 0, 0x8863087b25849de2, 0x510000000000000, 0x0,
      0x8863087b25849de2, 0x1 },
    { exec_fsub_s, false, 4, 0xffffffff9f89eefb, 0xffffffff13000000,
      0xffffffff00000000, 0xffffffff9f89eefb, 0x1 },
    { exec_fdiv_d, false, 3, 0x1fffffffffffff, 0xc010000000000001, 0x0,
      0x8007ffffffffffff, 0x3 },
    { exec_fmul_d, false, 0, 0x400fb90e95a951a1, 0xbfec000000000000, 0x0,
      0xc00bc1ecc2f4276d, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffff3f709ea5, 0xffffffffbfa00000,
      0xffffffff00000000, 0xffffffffbf966327, 0x1 },
    { exec_fmul_d, false, 1, 0x849ffffffffffffd, 0x3b60000000000000, 0x0,
      0x800ffffffffffffe, 0x3 },
    { exec_fnmsub_s, false, 2, 0xffffffffbed4730e, 0xffffffffc1974a82,
      0xffffffffc0fb1b63, 0xffffffffc17b1b64, 0x1 },
    { exec_fadd_d, false, 1, 0xe52932d8fae6f67d, 0x61d0000000000000, 0x0,
      0xe52932d8fae6f67c, 0x1 },
    { exec_fmul_d, false, 3, 0x3fd602c5a5e3f4d1, 0x3fcc000000000000, 0x0,
      0x3fb3426cf1277637, 0x1 },
    { exec_fmadd_d, false, 2, 0xc02d8aca91670a0b, 0x401a5081cf3d3dcd,
      0x40584b1767622be8, 0x3d20483b2e5e558c, 0x1 },
    { exec_fmul_d, false, 1, 0xbfd7eda7db0d5869, 0x3ffc000000000000, 0x0,
      0xbfe4eff2dfabad5b, 0x1 },
    { exec_fnmadd_d, false, 2, 0x80a87c8d5d965853, 0xbdc450eba7b563e5,
      0x800b7733a9e1374e, 0xb7733a21b5546, 0x3 },
    { exec_fdiv_s, false, 0, 0xffffffff00b6fa5f, 0xffffffff40800002,
      0xffffffff00000000, 0xffffffff002dbe97, 0x3 },
    { exec_fadd_d, false, 1, 0x469cf673eff0fd26, 0xc340000000000000, 0x0,
      0x469cf673eff0fd25, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffffbe1a116f, 0xffffffff3fa00000,
      0xffffffff00000000, 0xffffffffbe4095cb, 0x1 },
    { exec_fnmsub_s, false, 0, 0xffffffffbe557d75, 0xffffffffc0ccef3d,
      0xffffffffbfaae77e, 0xffffffffc02ae77d, 0x1 },
    { exec_fdiv_d, false, 4, 0x3fffffffffffff, 0xc00af5eb9c1c6a5e, 0x0,
      0x8022fd9bad8d44d5, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffff01506fb9, 0xffffffff35a2ae24,
      0xffffffff80366cb9, 0xffffffff80366c97, 0x3 },
    { exec_fdiv_s, false, 0, 0xffffffff817fffff, 0xffffffffc0000002,
      0xffffffff00000000, 0xffffffff00fffffb, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffff3fb65171, 0xffffffffbfa00000,
      0xffffffff00000000, 0xffffffffbfe3e5cd, 0x1 },
    { exec_fnmadd_d, false, 1, 0x80ac24cd8c71eebf, 0x3de5e87da75fdb6e,
      0xe00ba7646b25e, 0x800e00ba4fbd71eb, 0x3 },
    { exec_fadd_s, false, 4, 0xffffffffc5e85bc5, 0xffffffffb9000000,
      0xffffffff00000000, 0xffffffffc5e85bc5, 0x1 },
    { exec_fnmadd_d, false, 1, 0xab99967ea8ac6b, 0xbe224964e1b7cc2e,
      0xa84265b98e36a, 0x800a842462e2a243, 0x3 },
    { exec_fnmadd_d, false, 0, 0xc03eb2689842bdd1, 0xc01cd94a87bbec70,
      0x406bac8cd949b96e, 0xc07bac8cd949b96e, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff01ae4bfe, 0xffffffffb5ae8100,
      0xffffffff804adb02, 0xffffffff004adb3e, 0x3 },
    { exec_fmadd_s, false, 4, 0xffffffffc113d00b, 0xffffffff3e0b7c96,
      0xffffffff3fa113ca, 0xffffffffb3b474e4, 0x0 },
    { exec_fadd_s, false, 4, 0xffffffff5448a29c, 0xffffffffc8400000,
      0xffffffff00000000, 0xffffffff5448a29b, 0x1 },
    { exec_fadd_d, false, 4, 0x2e7bcaff460d8c71, 0x2b10000000000000, 0x0,
      0x2e7bcaff460d8c71, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffff81ffffff, 0xffffffffc0800003,
      0xffffffff00000000, 0xffffffff00fffffa, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff406abadd, 0xffffffff40fa98c1,
      0xffffffff41e5c68a, 0xffffffffc265c68a, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffbe9f73c3, 0xffffffff40e00000,
      0xffffffff00000000, 0xffffffffc00b854b, 0x1 },
    { exec_fmul_s, false, 2, 0xffffffff997ffffd, 0xffffffffa6800000,
      0xffffffff00000000, 0xffffffff007ffffe, 0x3 },
    { exec_fmul_d, false, 1, 0x3a7fffffffffffff, 0x570000000000000, 0x0,
      0x7ffffffffffff, 0x3 },
    { exec_fmsub_s, false, 1, 0xffffffff419e21e0, 0xffffffffc1c11a22,
      0xffffffffc3ee8f5d, 0xffffffff373b0100, 0x0 },
    { exec_fmul_d, false, 3, 0xba5fffffffffffff, 0x85a0000000000000, 0x0,
      0x10000000000000, 0x3 },
    { exec_fmul_d, false, 1, 0x3fd2260ff290ae97, 0xc014000000000000, 0x0,
      0xbff6af93ef34da3c, 0x1 },
    { exec_fmul_d, false, 0, 0xb92fffffffffffff, 0x6c0000000000001, 0x0,
      0x8008000000000000, 0x3 },
    { exec_fmsub_d, false, 1, 0x3fede86ee8799892, 0x403841464439f256,
      0x4036ab54fbda1a25, 0x3d00f1a2b2e55143, 0x0 },
    { exec_fdiv_s, false, 0, 0xffffffff80ffffff, 0xffffffffbffa4da0,
      0xffffffff00000000, 0xffffffff0082e9c8, 0x1 },
    { exec_fsub_d, false, 1, 0xe7a09876355a3f30, 0xe430000000000000, 0x0,
      0xe7a09876355a3f2f, 0x1 },
    { exec_fadd_d, false, 3, 0xcad779c2ff4cf75b, 0x4770000000000000, 0x0,
      0xcad779c2ff4cf75a, 0x1 },
    { exec_fsub_d, false, 3, 0xd75dd1a10329402f, 0xd3e0000000000000, 0x0,
      0xd75dd1a10329402e, 0x1 },
    { exec_fsub_s, false, 3, 0xffffffff7c736570, 0xffffffff6fc00000,
      0xffffffff00000000, 0xffffffff7c736570, 0x1 },
    { exec_fnmadd_d, false, 3, 0x9332f9304bd907, 0xbe84f49754536dc8,
      0x80078460901434a5, 0x78492da810a23, 0x3 },
    { exec_fadd_d, false, 3, 0x10a182a59f2914ca, 0xd30000000000000, 0x0,
      0x10a182a59f2914cb, 0x1 },
    { exec_fadd_s, false, 3, 0xfffffffff9cbdee3, 0xffffffff6d800000,
      0xffffffff00000000, 0xfffffffff9cbdee2, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff3f75d6bb, 0xffffffffc0200000,
      0xffffffff00000000, 0xffffffffc019a634, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffffbf75edf7, 0xffffffffc0200000,
      0xffffffff00000000, 0xffffffff4019b4ba, 0x1 },
    { exec_fmadd_d, false, 4, 0x40304bf287a7028c, 0xbff579cd30529251,
      0x4035dfbdaa786e42, 0x3cfbacd0c3dc59b4, 0x0 },
    { exec_fnmadd_d, false, 1, 0x80a1a482d33f8fab, 0x3e389f14c43a2d2d,
      0x8003be1d8c5a5b37, 0x3be20f1201a15, 0x3 },
    { exec_fmul_s, false, 4, 0xffffffff3c7ffffe, 0xffffffff047ffffe,
      0xffffffff00000000, 0xffffffff017ffffc, 0x1 },
    { exec_fmul_d, false, 4, 0xbfeedd6e177d678b, 0xbfec000000000000, 0x0,
      0x3feb01c0548dba9a, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff8fffffff, 0xffffffffb0ffffff,
      0xffffffff00000000, 0xffffffff017fffff, 0x1 },
    { exec_fnmsub_s, false, 2, 0xffffffff41ae7a0b, 0xffffffff3e4c7d90,
      0xffffffffc08b5ed3, 0xffffffffc10b5ed4, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffffb2ffffff, 0xffffffff0dfffffe,
      0xffffffff00000000, 0xffffffff817ffffd, 0x1 },
    { exec_fsub_d, false, 3, 0x95e91cbe1e475ace, 0x9290000000000000, 0x0,
      0x95e91cbe1e475acd, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffff3d5c5e56, 0xffffffff407acb55,
      0xffffffffbe57e32a, 0xffffffffb3029edd, 0x1 },
    { exec_fmul_d, false, 2, 0xbfee3a137c5caf75, 0xc01c000000000000, 0x0,
      0x401a72d10cd11986, 0x1 },
    { exec_fnmadd_d, false, 0, 0x11866675492c299, 0xbde0632ce77f2770,
      0x8000dff8e841f6cb, 0xe0056714ae14, 0x3 },
    { exec_fnmadd_d, false, 3, 0x80a97eb8e1f1e310, 0x3e4d82961fdb9a59,
      0x80080aca3e0a72bb, 0x80ad5ff7b6e5a, 0x3 },
    { exec_fadd_s, false, 3, 0xffffffff51c5c1ec, 0xffffffffc4800000,
      0xffffffff00000000, 0xffffffff51c5c1ec, 0x1 },
    { exec_fmul_d, false, 4, 0x3fdbf22aa6460c07, 0xc004000000000000, 0x0,
      0xbff1775aa7ebc784, 0x1 },
    { exec_fnmadd_s, false, 0, 0xffffffff0270eb0a, 0xffffffffb5a5e6cf,
      0xffffffff005d3501, 0xffffffff805d3465, 0x3 },
    { exec_fmul_s, false, 2, 0xffffffff84fffffc, 0xffffffffbb7ffffc,
      0xffffffff00000000, 0xffffffff00fffff8, 0x1 },
    { exec_fmul_d, false, 0, 0xbfe7f9855308acc5, 0x3ff4000000000000, 0x0,
      0xbfedf7e6a7cad7f6, 0x1 },
    { exec_fadd_s, false, 2, 0xffffffffa7eb40df, 0xffffffff9b000000,
      0xffffffff00000000, 0xffffffffa7eb40e0, 0x1 },
    { exec_fadd_s, false, 1, 0xffffffff61a72d9d, 0xffffffffd5400000,
      0xffffffff00000000, 0xffffffff61a72d9c, 0x1 },
    { exec_fmul_d, false, 3, 0x3fddc8d83926120d, 0xbfd4000000000000, 0x0,
      0xbfc29d8723b7cb48, 0x1 },
    { exec_fdiv_s, false, 2, 0xffffffff01ffffff, 0xffffffff40800002,
      0xffffffff00000000, 0xffffffff00fffffb, 0x1 },
    { exec_fmul_d, false, 0, 0x4000b9b8e84b12bd, 0x4014000000000000, 0x0,
      0x4024e827225dd76c, 0x1 },
    { exec_fmadd_d, false, 4, 0xc032a1d81650774b, 0xbfd2de883ef33577,
      0xc015f937584b3df4, 0xbcd7f2d191b50523, 0x0 },
    { exec_fadd_s, false, 1, 0xffffffffde754ceb, 0xffffffffd2400000,
      0xffffffff00000000, 0xffffffffde754ceb, 0x1 },
    { exec_fmadd_s, false, 0, 0xffffffff85d441f6, 0xffffffffb5422460,
      0xffffffff8040b876, 0xffffffff80409038, 0x3 },
    { exec_fmadd_s, false, 0, 0xffffffff84558f69, 0xffffffffad62f29e,
      0xffffffff8064ae25, 0xffffffff8064ae25, 0x3 },
    { exec_fmadd_d, false, 3, 0x137fbbf9a71e5c8, 0xbea98c9b33d78607,
      0x72c9092988e58, 0x2630cb84cad8e, 0x3 },
    { exec_fmadd_d, false, 1, 0x106f445ce616a89, 0xbe3cc6bcdb4eddb7,
      0x1d4201291b5b9, 0x1d2d5cdd1e6ee, 0x3 },
    { exec_fmul_s, false, 4, 0xffffffff03ffffff, 0xffffffffbc000001,
      0xffffffff00000000, 0xffffffff80800000, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff3e3f9976, 0xffffffffbd286c04,
      0xffffffffbbfc1b1b, 0xffffffff3c7c1b1b, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffff1fffffff, 0xffffffff20ffffff,
      0xffffffff00000000, 0xffffffff017ffffe, 0x1 },
    { exec_fmul_d, false, 4, 0x85efffffffffffff, 0x3a1fffffffffffff, 0x0,
      0x801ffffffffffffe, 0x1 },
    { exec_fadd_d, false, 2, 0x4a47628a6b185789, 0x46f0000000000000, 0x0,
      0x4a47628a6b185789, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffff40abee0b, 0xffffffff3fe00000,
      0xffffffff00000000, 0xffffffff41167049, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff3eb59027, 0xffffffffbea00000,
      0xffffffff00000000, 0xffffffffbde2f430, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff9a7fffff, 0xffffffffa5000001,
      0xffffffff00000000, 0xffffffff00400001, 0x3 },
    { exec_fnmadd_d, false, 1, 0x80e0c12d12a1eb56, 0xbe04646ef2dfa3f5,
      0x2e9ab84d6d1d4, 0x8002e9b0db7fc9ae, 0x3 },
    { exec_fmul_d, false, 4, 0x114ffffffffffffd, 0xaeaffffffffffffd, 0x0,
      0x800ffffffffffffd, 0x3 },
    { exec_fnmadd_s, false, 0, 0xffffffffc08aa53e, 0xffffffffbfa0cd9e,
      0xffffffff40ae2d43, 0xffffffffc12e2d44, 0x1 },
    { exec_fdiv_d, false, 4, 0x80273a22b9b91493, 0xc000000000000001, 0x0,
      0x173a22b9b91492, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffffc0117ef4, 0xffffffffc16ed827,
      0xffffffffc207bedf, 0xffffffff36901b96, 0x0 },
    { exec_fmsub_d, false, 2, 0x3fcd92430a6ab130, 0x40102e8b90e159a0,
      0x3fede8497d93e83c, 0x3cb0dc832abc3700, 0x0 },
    { exec_fnmsub_d, false, 0, 0x3feccaf617032089, 0xbfb7e2fc6476e4d0,
      0x3fb57e1d6343f606, 0x3fc57e1d6343f606, 0x1 },
    { exec_fmul_d, false, 2, 0xbfdecece2899a68f, 0xbfdc000000000000, 0x0,
      0x3fcaf4f4638671bd, 0x1 },
    { exec_fdiv_s, false, 2, 0xffffffff017fffff, 0xffffffff40000002,
      0xffffffff00000000, 0xffffffff00fffffb, 0x1 },
    { exec_fnmadd_d, false, 3, 0x81053560b81d1113, 0xbe9090cd0605d0df,
      0x800e44a852d3b8dd, 0xe18bdb10ec6cf, 0x3 },
    { exec_fmul_d, false, 2, 0xa92fffffffffffff, 0x16dffffffffffffc, 0x0,
      0x801ffffffffffffc, 0x1 },
    { exec_fnmadd_s, false, 4, 0xffffffff870824f6, 0xffffffffb4ea307e,
      0xffffffff80709ad6, 0xffffffff00701e4a, 0x3 },
    { exec_fadd_d, false, 3, 0x6a881cfcaef4fc22, 0xe720000000000000, 0x0,
      0x6a881cfcaef4fc22, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffff11fffffd, 0xffffffff2d800001,
      0xffffffff00000000, 0xffffffff00400000, 0x3 },
    { exec_fmul_s, false, 4, 0xffffffff4069676b, 0xffffffffbf600000,
      0xffffffff00000000, 0xffffffffc04c3a7e, 0x1 },
    { exec_fnmadd_s, false, 0, 0xffffffff4057e0fa, 0xffffffff3ee98595,
      0xffffffff3fc4ec68, 0xffffffffc044ec69, 0x1 },
    { exec_fmsub_d, false, 4, 0xc005de9e49242e5a, 0xbfd3fd24a570e3b3,
      0x3feb525e34c5b59a, 0x3c9197c9058c6ddc, 0x0 },
    { exec_fsub_s, false, 0, 0xffffffff77715bd2, 0xffffffffeb400000,
      0xffffffff00000000, 0xffffffff77715bd3, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffff8806d72c, 0xffffffffb1b2dd88,
      0xffffffff80206075, 0xffffffff00205a91, 0x3 },
    { exec_fmul_d, false, 2, 0x956ffffffffffffe, 0xaa8ffffffffffffe, 0x0,
      0xffffffffffffe, 0x3 },
    { exec_fnmadd_s, false, 3, 0xffffffff845374bf, 0xffffffff35bc6515,
      0xffffffff00224e8a, 0xffffffff802244d0, 0x3 },
    { exec_fmul_d, false, 2, 0xc012385efd2276c7, 0x3fd4000000000000, 0x0,
      0xbff6c676bc6b1479, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffff92ffffff, 0xffffffff2d000001,
      0xffffffff00000000, 0xffffffff80800000, 0x1 },
    { exec_fnmadd_d, false, 0, 0xbfe6445639428f11, 0xbfc938e6fb211e6b,
      0x3fc18cfbad8affc2, 0xbfd18cfbad8affc2, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffff01500992, 0xffffffff40487012,
      0xffffffff00000000, 0xffffffff0084da67, 0x1 },
    { exec_fmul_d, false, 2, 0x853fffffffffffff, 0x3acffffffffffffe, 0x0,
      0x801ffffffffffffe, 0x1 },
    { exec_fsub_s, false, 2, 0xffffffff0f2b0bca, 0xffffffff83000000,
      0xffffffff00000000, 0xffffffff0f2b0bca, 0x1 },
    { exec_fmul_d, false, 0, 0xc008eafb655c31e5, 0x3fd4000000000000, 0x0,
      0xbfef25ba3eb33e5e, 0x1 },
    { exec_fmul_d, false, 2, 0xbc2ffffffffffffe, 0x3dfffffffffffff, 0x0,
      0x801ffffffffffffe, 0x1 },
    { exec_fmsub_s, false, 0, 0xffffffffbd6074c7, 0xffffffffbdc1d2cc,
      0xffffffff3ba9f0db, 0xffffffff3057a64a, 0x0 },
    { exec_fsub_s, false, 2, 0xfffffffff0e7b1cd, 0xffffffff63800000,
      0xffffffff00000000, 0xfffffffff0e7b1ce, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffffbf7312d3, 0xffffffff3ea00000,
      0xffffffff00000000, 0xffffffffbe97ebc3, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffffbfc0ca3c, 0xffffffffbfd03e7b,
      0xffffffff401cd35f, 0xffffffffc09cd35e, 0x1 },
    { exec_fnmadd_d, false, 0, 0x3fe36af455b59b31, 0x3fdbe4220c026a5c,
      0x3fd0ecacde2116cf, 0xbfe0ecacde2116ce, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffff3e124be2, 0xffffffffbf975707,
      0xffffffff3e2cf8fa, 0xffffffffb30bf097, 0x0 },
    { exec_fadd_d, false, 4, 0x374f35bd524db8be, 0x33f0000000000000, 0x0,
      0x374f35bd524db8bf, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffffc0fb38a1, 0xffffffff40b44072,
      0xffffffff4230e30f, 0xffffffffb56ddec8, 0x0 },
    { exec_fdiv_d, false, 2, 0x1bd19cd6653c7b, 0xc016c8aca0ed6ab8, 0x0,
      0x8004e24a1b4bb5a7, 0x3 },
    { exec_fmul_d, false, 3, 0xc00601de3ae303f9, 0x4004000000000000, 0x0,
      0xc01b8255c99bc4f7, 0x1 },
    { exec_fnmadd_d, false, 3, 0x403ee7df0dfa57ca, 0xbfc77fba8976f6d3,
      0xc016b204b7cf8242, 0x4026b204b7cf8242, 0x1 },
    { exec_fmadd_s, false, 3, 0xffffffff816f0962, 0xffffffff2e0e36f7,
      0xffffffff0017ed3f, 0xffffffff0017ed3f, 0x3 },
    { exec_fnmadd_s, false, 0, 0xffffffff84884c22, 0xffffffff355b16f2,
      0xffffffff80201749, 0xffffffff00201e93, 0x3 },
    { exec_fnmadd_d, false, 1, 0xe7d332322c6495, 0xbe41b76012d41aff,
      0x800c1cecc9813f46, 0xc1d564f5109d4, 0x3 },
    { exec_fmul_s, false, 0, 0xffffffff407c81c9, 0xffffffff3ee00000,
      0xffffffff00000000, 0xffffffff3fdcf190, 0x1 },
    { exec_fnmsub_s, false, 0, 0xffffffff3ffa45ec, 0xffffffff3f0f0722,
      0xffffffffbf8bd407, 0xffffffffc00bd407, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffffbe0b4d17, 0xffffffff40a00000,
      0xffffffff00000000, 0xffffffffbf2e205d, 0x1 },
    { exec_fmadd_d, false, 1, 0x80dd108f03ef2faf, 0xbe1a1348d83b1e63,
      0x8009a630a884f2d6, 0x8009a624d108d9f4, 0x3 },
    { exec_fdiv_s, false, 1, 0xffffffff80ffffff, 0xffffffffc0800002,
      0xffffffff00000000, 0xffffffff003ffffe, 0x3 },
    { exec_fnmsub_s, false, 2, 0xffffffffbe92b902, 0xffffffff3f365d47,
      0xffffffff3e5109fd, 0xffffffff3ed109fb, 0x1 },
    { exec_fmul_d, false, 3, 0xa07fffffffffffff, 0x1f70000000000001, 0x0,
      0x8008000000000000, 0x3 },
    { exec_fmsub_d, false, 0, 0x401ef06139c310ea, 0xc00be48432dfb2cd,
      0xc03af7c28e391253, 0x3cf4ae8cd699604f, 0x0 },
    { exec_fmsub_d, false, 0, 0xbff959424802ccbe, 0xbfea966b4aff238b,
      0x3ff50fad3f11f8fc, 0xbcc0c1f1e9ceb6b6, 0x1 },
    { exec_fmadd_s, false, 3, 0xffffffff41f29b72, 0xffffffffc035d7a8,
      0xffffffff42ac5448, 0xffffffff36a33f30, 0x0 },
    { exec_fsub_s, false, 4, 0xffffffff488b5036, 0xffffffffbc800000,
      0xffffffff00000000, 0xffffffff488b5037, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffff3f15d029, 0xffffffffc0600000,
      0xffffffff00000000, 0xffffffffc0031623, 0x1 },
    { exec_fadd_d, false, 4, 0x201ca39dfe1b4ca6, 0x9cb0000000000000, 0x0,
      0x201ca39dfe1b4ca6, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffc0f74dab, 0xffffffff40a00000,
      0xffffffff00000000, 0xffffffffc21a908b, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff413283af, 0xffffffff3d807630,
      0xffffffff3f332885, 0xffffffffbfb32884, 0x1 },
    { exec_fmul_d, false, 0, 0xbfd5ef45040b7e6f, 0xbfc4000000000000, 0x0,
      0x3fab6b16450e5e0b, 0x1 },
    { exec_fnmadd_d, false, 3, 0x4ffb884d32e9fc, 0x3e93ce4a9160366a,
      0x169eca9a63cc8, 0x800169f19c87e957, 0x3 },
    { exec_fmul_d, false, 2, 0x8fdffffffffffffc, 0x3030000000000001, 0x0,
      0x801ffffffffffffe, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffff80ffffff, 0xffffffff3f800000,
      0xffffffff00000000, 0xffffffff80ffffff, 0x0 },
    { exec_fmul_d, false, 0, 0xc00c3339a49ed517, 0x3ffc000000000000, 0x0,
      0xc018acd2700afa74, 0x1 },
    { exec_fmul_d, false, 0, 0x90cfffffffffffff, 0xaf4fffffffffffff, 0x0,
      0x2ffffffffffffe, 0x1 },
    { exec_fnmsub_s, false, 3, 0xffffffffc1a10f5e, 0xffffffff3f8acf77,
      0xffffffff41aea99e, 0xffffffff422ea99e, 0x1 },
    { exec_fnmsub_d, false, 3, 0xbfb4fa7e0cb080a7, 0x3fc61d5e8722ac82,
      0x3f8cfeef46bd3962, 0x3f9cfeef46bd3962, 0x1 },
    { exec_fmadd_s, false, 0, 0xffffffff3fae0759, 0xffffffffbec28b30,
      0xffffffff3f044031, 0xffffffff336f4c50, 0x0 },
    { exec_fmadd_d, false, 3, 0x197e68b004f06d, 0xbe4f69d05d9a59f9,
      0x8004d19ad70f99b5, 0x8004d19add514a41, 0x3 },
    { exec_fdiv_s, false, 2, 0xffffffff80ffffff, 0xffffffffc0800002,
      0xffffffff00000000, 0xffffffff003ffffe, 0x3 },
    { exec_fdiv_s, false, 3, 0xffffffff017fffff, 0xffffffffbf800003,
      0xffffffff00000000, 0xffffffff817ffff9, 0x1 },
    { exec_fsub_s, false, 2, 0xffffffff5d4a37df, 0xffffffff50000000,
      0xffffffff00000000, 0xffffffff5d4a37de, 0x1 },
    { exec_fsub_s, false, 1, 0xffffffff46b05cf8, 0xffffffffb9800000,
      0xffffffff00000000, 0xffffffff46b05cf8, 0x1 },
    { exec_fadd_d, false, 0, 0xfe1d4e6caa8f2032, 0x7aa0000000000000, 0x0,
      0xfe1d4e6caa8f2032, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffc011eb1f, 0xffffffff3ee00000,
      0xffffffff00000000, 0xffffffffbf7f5b76, 0x1 },
    { exec_fsub_d, false, 3, 0xf6660a59ee331ad8, 0x72f8000000000000, 0x0,
      0xf6660a59ee331ad8, 0x1 },
    { exec_fmadd_d, false, 3, 0x804be0a28caecc72, 0x3d933be652f673fa,
      0xd2c0558a4fdff, 0xd2c0558a0cd9c, 0x3 },
    { exec_fnmadd_d, false, 3, 0x80f96bc093037161, 0xbe095756c55844a7,
      0xb42e97b0076d2, 0x800b42fd9c90cb97, 0x3 },
    { exec_fmul_d, false, 0, 0x40159d3642e22ae7, 0xc004000000000000, 0x0,
      0xc02b0483d39ab5a1, 0x1 },
    { exec_fnmsub_d, false, 0, 0xbfd369e0b76b14cb, 0xc038f3d510b3c1d6,
      0xc01e46ab9dc5cfa9, 0xc02e46ab9dc5cfa9, 0x1 },
    { exec_fadd_d, false, 3, 0x2139eb48c0ccd618, 0x1dc0000000000000, 0x0,
      0x2139eb48c0ccd619, 0x1 },
    { exec_fdiv_d, false, 4, 0x39c1ddbcd24821, 0x3ff0000000000001, 0x0,
      0x39c1ddbcd2481f, 0x1 },
    { exec_fdiv_s, false, 1, 0xffffffff01f1d5ec, 0xffffffff3f800000,
      0xffffffff00000000, 0xffffffff01f1d5ec, 0x0 },
    { exec_fmsub_d, false, 2, 0x3fe1364a7c206342, 0xbfacb2ac48f8eee5,
      0xbf9edf37abfe6611, 0x3c60a02b1167ecfb, 0x0 },
    { exec_fnmadd_d, false, 1, 0x3ccdb88b35b546, 0x3daa8f2ac019389e,
      0x8000de8a4e72f20d, 0xde8a4e6cf80c, 0x3 },
    { exec_fmul_d, false, 4, 0x9edffffffffffffd, 0xa120000000000000, 0x0,
      0xfffffffffffff, 0x3 },
    { exec_fadd_s, false, 4, 0xffffffff5826b2b6, 0xffffffff4c600000,
      0xffffffff00000000, 0xffffffff5826b2b7, 0x1 },
    { exec_fmsub_s, false, 2, 0xffffffffbe07dd09, 0xffffffff3e03cc49,
      0xffffffffbc8be50e, 0xffffffff3103cc6f, 0x0 },
    { exec_fmadd_s, false, 3, 0xffffffff01c36b0e, 0xffffffffac3fdf12,
      0xffffffff007097de, 0xffffffff007097de, 0x3 },
    { exec_fmul_d, false, 1, 0x3fc7ca8cb1886c7d, 0x4014000000000000, 0x0,
      0x3fedbd2fddea879c, 0x1 },
    { exec_fnmsub_s, false, 1, 0xffffffffbf9c15b6, 0xffffffffbe7cee64,
      0xffffffffbe9a36b7, 0xffffffffbf1a36b7, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffffbe8b0f25, 0xffffffff3e200000,
      0xffffffff00000000, 0xffffffffbd2dd2ee, 0x1 },
    { exec_fmadd_s, false, 2, 0xffffffff40041751, 0xffffffff3e581fe2,
      0xffffffffbedf0842, 0xffffffffb39c4dbf, 0x0 },
    { exec_fsub_s, false, 2, 0xffffffff747cd9e8, 0xffffffffe8000000,
      0xffffffff00000000, 0xffffffff747cd9e8, 0x1 },
    { exec_fmul_s, false, 2, 0xffffffff3ea191db, 0xffffffff40600000,
      0xffffffff00000000, 0xffffffff3f8d5f9f, 0x1 },
    { exec_fnmsub_d, false, 4, 0xbfde1c21ee56e23e, 0xbfc2664333683f8d,
      0xbfb1500bfd7e8c88, 0xbfc1500bfd7e8c88, 0x1 },
    { exec_fmadd_d, false, 1, 0x3fda7839ad97fe3b, 0xc039302c85d3657a,
      0x4024d5c63a24fdb5, 0x3cf30961c728a438, 0x1 },
    { exec_fmul_s, false, 2, 0xffffffff04fffffd, 0xffffffff3b7fffff,
      0xffffffff00000000, 0xffffffff00fffffc, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffff80b09297, 0xffffffff40000001,
      0xffffffff00000000, 0xffffffff8058494a, 0x3 },
    { exec_fadd_s, false, 3, 0xffffffff95043624, 0xffffffff89000000,
      0xffffffff00000000, 0xffffffff95043624, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffffb8ffffff, 0xffffffff077ffffe,
      0xffffffff00000000, 0xffffffff80fffffd, 0x1 },
    { exec_fdiv_d, false, 0, 0x1fffffffffffff, 0x3ff0000000000002, 0x0,
      0x1ffffffffffffb, 0x1 },
    { exec_fmadd_s, false, 2, 0xffffffff88a18350, 0xffffffff34d3a87d,
      0xffffffff00021d25, 0xffffffff80020f28, 0x3 },
    { exec_fdiv_d, false, 4, 0x2959c5c3407200, 0xbff0000000000003, 0x0,
      0x802959c5c34071fb, 0x1 },
    { exec_fdiv_s, false, 2, 0xffffffff80975e41, 0xffffffffc0800000,
      0xffffffff00000000, 0xffffffff0025d790, 0x3 },
    { exec_fmsub_s, false, 1, 0xffffffff3fa15aa5, 0xffffffffc0a018b7,
      0xffffffffc0c9d076, 0xffffffff330bc0d0, 0x0 },
    { exec_fmadd_d, false, 1, 0x80e963e28a455da3, 0xbe3f30bc551a62fb,
      0x800ad7b03bbc4e83, 0x800ad74d3e016e13, 0x3 },
    { exec_fnmadd_d, false, 4, 0x806b9304ef0ff4bf, 0xbe49568c8e1113e9,
      0x800b3ba928594fa1, 0xb3ba879adcef4, 0x3 },
    { exec_fsub_d, false, 0, 0xb001cb0f8f305e53, 0xac9c000000000000, 0x0,
      0xb001cb0f8f305e53, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffffbfc97f8f, 0xffffffffbe200000,
      0xffffffff00000000, 0xffffffff3e7bdf73, 0x1 },
    { exec_fmul_d, false, 3, 0x401f85a2249d8a3f, 0x3ff4000000000000, 0x0,
      0x4023b38556e27668, 0x1 },
    { exec_fadd_d, false, 0, 0x277954e93c06b840, 0xa420000000000000, 0x0,
      0x277954e93c06b840, 0x1 },
    { exec_fmadd_d, false, 2, 0x3dbff47d6880fc, 0xbe750e664a65b765,
      0x800324cbed2356b4, 0x800324cc89be32e7, 0x3 },
    { exec_fdiv_d, false, 2, 0x802a4e39cab096fd, 0x3ff0000000000000, 0x0,
      0x802a4e39cab096fd, 0x0 },
    { exec_fsub_s, false, 1, 0xffffffffafef887a, 0xffffffffa3000000,
      0xffffffff00000000, 0xffffffffafef8879, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffffbfe486a9, 0xffffffff40600000,
      0xffffffff00000000, 0xffffffffc0c7f5d4, 0x1 },
    { exec_fmul_d, false, 3, 0x18affffffffffffd, 0x2760000000000001, 0x0,
      0x1fffffffffffff, 0x1 },
    { exec_fadd_s, false, 4, 0xffffffff6742069d, 0xffffffffda800000,
      0xffffffff00000000, 0xffffffff6742069d, 0x1 },
    { exec_fsub_s, false, 2, 0xffffffffb8f6ab84, 0xffffffff2ca00000,
      0xffffffff00000000, 0xffffffffb8f6ab85, 0x1 },
    { exec_fnmsub_d, false, 0, 0x3fe85c5e37ae34ff, 0xbfb18bfb090fe477,
      0x3faab744c47f02a7, 0x3fbab744c47f02a8, 0x1 },
    { exec_fmul_s, false, 2, 0xffffffff3c7fffff, 0xffffffff84000001,
      0xffffffff00000000, 0xffffffff81000001, 0x1 },
    { exec_fmadd_d, false, 0, 0xc02f2ec1dc206eed, 0xbfdeb8ce682215ff,
      0xc01defebbb8948b6, 0xbcc481c20f1e10ed, 0x0 },
    { exec_fmul_s, false, 3, 0xffffffffc0b53d79, 0xffffffffc0a00000,
      0xffffffff00000000, 0xffffffff41e28cd8, 0x1 },
    { exec_fnmadd_d, false, 0, 0x7c41d42e8f5371, 0x3d82f03a267b63ba,
      0x800b83a9c984209a, 0xb83a9c9736772, 0x3 },
    { exec_fadd_d, false, 0, 0x3e1f9d366eb638d4, 0x3ab8000000000000, 0x0,
      0x3e1f9d366eb638d4, 0x1 },
    { exec_fnmsub_s, false, 0, 0xffffffffc1b80367, 0xffffffff403fc5b9,
      0xffffffff4289d8a8, 0xffffffff4309d8a9, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffff3e5af1c1, 0xffffffff3ea00000,
      0xffffffff00000000, 0xffffffff3d88d719, 0x1 },
    { exec_fsub_d, false, 3, 0x34a64181be3492c5, 0xb130000000000000, 0x0,
      0x34a64181be3492c6, 0x1 },
    { exec_fmadd_d, false, 0, 0xbfad5d57388fe014, 0xc00e3159dea85da1,
      0xbfcbb4cb2a8220bf, 0x3c66022e78066128, 0x0 },
    { exec_fmul_s, false, 2, 0xffffffff3f54d345, 0xffffffffbee00000,
      0xffffffff00000000, 0xffffffffbeba38dd, 0x1 },
    { exec_fdiv_d, false, 2, 0x3fffffffffffff, 0xc010000000000003, 0x0,
      0x801ffffffffffffa, 0x1 },
    { exec_fdiv_d, false, 3, 0x80165fa6dd2285bc, 0xc00171f4426cd391, 0x0,
      0xa4297108b7d4b, 0x3 },
    { exec_fsub_s, false, 3, 0xffffffff4e691fb1, 0xffffffff41000000,
      0xffffffff00000000, 0xffffffff4e691fb1, 0x1 },
    { exec_fmul_d, false, 4, 0xbfeae5c9b48919db, 0xc004000000000000, 0x0,
      0x4000cf9e10d5b029, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffff88f9a4e7, 0xffffffff31e0e09d,
      0xffffffff80439f5c, 0xffffffff0043bac5, 0x3 },
    { exec_fmul_d, false, 1, 0xbfece57ee7fa6dab, 0xc014000000000000, 0x0,
      0x40120f6f50fc848a, 0x1 },
    { exec_fsub_s, false, 4, 0xffffffffc943d145, 0xffffffffbc000000,
      0xffffffff00000000, 0xffffffffc943d145, 0x1 },
    { exec_fsub_d, false, 0, 0x84cb12208bc24abd, 0x150000000000000, 0x0,
      0x84cb12208bc24abd, 0x1 },
    { exec_fmsub_d, false, 1, 0x40265d725fe17b1b, 0xbfc4fa52c9ccd840,
      0xbffd52b6cbf26af6, 0xbca436f509831d80, 0x0 },
    { exec_fadd_s, false, 0, 0xffffffff195e976e, 0xffffffff0c800000,
      0xffffffff00000000, 0xffffffff195e976e, 0x1 },
    { exec_fnmadd_s, false, 2, 0xffffffff41da0a78, 0xffffffffbfab24c2,
      0xffffffffc211c44d, 0xffffffff4291c44c, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff88fe5650, 0xffffffffb2463e83,
      0xffffffff004d0d59, 0xffffffff804d3e96, 0x3 },
    { exec_fmul_s, false, 2, 0xffffffffbee9f0f1, 0xffffffff40a00000,
      0xffffffff00000000, 0xffffffffc0123697, 0x1 },
    { exec_fmsub_s, false, 3, 0xffffffffbee28b07, 0xffffffffbebd5383,
      0xffffffff3e278a89, 0xffffffff330ada66, 0x1 },
    { exec_fsub_d, false, 0, 0x65c52f5618600d44, 0x6258000000000000, 0x0,
      0x65c52f5618600d44, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffff40ceaa9d, 0xffffffff40600000,
      0xffffffff00000000, 0xffffffff41b4d549, 0x1 },
    { exec_fmsub_s, false, 1, 0xffffffff40e3c6e9, 0xffffffffbec7d9c8,
      0xffffffffc031d165, 0xffffffff33a431f0, 0x0 },
    { exec_fdiv_d, false, 0, 0x118a2ed8950499, 0xc010000000000001, 0x0,
      0x8004628bb6254126, 0x3 },
    { exec_fnmadd_s, false, 2, 0xffffffff889f415a, 0xffffffffafae5e74,
      0xffffffff803bfb49, 0xffffffff003bfa70, 0x3 },
    { exec_fsub_s, false, 2, 0xffffffffb4322134, 0xffffffff27000000,
      0xffffffff00000000, 0xffffffffb4322135, 0x1 },
    { exec_fmul_d, false, 4, 0x979fffffffffffff, 0x2870000000000001, 0x0,
      0x8020000000000000, 0x1 },
    { exec_fadd_s, false, 0, 0xffffffffae4591b4, 0xffffffffa1400000,
      0xffffffff00000000, 0xffffffffae4591b4, 0x1 },
    { exec_fnmsub_d, false, 4, 0x4021cd69fe47b8ab, 0x3fc63b74cc6ef975,
      0xbff8bc9929333b1f, 0xc008bc9929333b1e, 0x1 },
    { exec_fmul_s, false, 4, 0xffffffff84fffffe, 0xffffffffbb000000,
      0xffffffff00000000, 0xffffffff007fffff, 0x0 },
    { exec_fmul_s, false, 1, 0xffffffffa77fffff, 0xffffffff187fffff,
      0xffffffff00000000, 0xffffffff807fffff, 0x3 },
    { exec_fmul_d, false, 1, 0xb09fffffffffffff, 0xf5fffffffffffff, 0x0,
      0x800fffffffffffff, 0x3 },
    { exec_fnmadd_s, false, 3, 0xffffffffbe28e7f7, 0xffffffff4180dbb8,
      0xffffffffc02a09e9, 0xffffffff40aa09e8, 0x1 },
    { exec_fmul_d, false, 2, 0x3ffa7a807ebf0d55, 0x3fd4000000000000, 0x0,
      0x3fe08c904f376855, 0x1 },
    { exec_fdiv_d, false, 2, 0x8020f12d01cfb7d8, 0x4010000000000003, 0x0,
      0x8008789680e7dbeb, 0x3 },
    { exec_fmul_d, false, 4, 0x4000c7ac40dfee71, 0x3fcc000000000000, 0x0,
      0x3fdd5d6d7187e146, 0x1 },
    { exec_fmsub_d, false, 4, 0xbfc97addf161d115, 0x3fd02e8c800f2113,
      0xbfa9c4feee7cd1ce, 0x3c631aa7b98ec671, 0x0 },
    { exec_fmul_d, false, 1, 0x3fcdd5d88ae93db3, 0x3fd4000000000000, 0x0,
      0x3fb2a5a756d1c68f, 0x1 },
    { exec_fmul_d, false, 3, 0x361fffffffffffff, 0x9e0000000000000, 0x0,
      0x10000000000000, 0x3 },
    { exec_fmul_s, false, 2, 0xffffffff27ffffff, 0xffffffff17ffffff,
      0xffffffff00000000, 0xffffffff007fffff, 0x3 },
    { exec_fmadd_s, false, 2, 0xffffffff098e684f, 0xffffffff31170866,
      0xffffffff0039a38d, 0xffffffff0039b88e, 0x3 },
    { exec_fadd_d, false, 1, 0x5592b2bf12158ce9, 0xd234000000000000, 0x0,
      0x5592b2bf12158ce8, 0x1 },
    { exec_fmul_d, false, 0, 0xbfc9d74efcd6d499, 0x3fdc000000000000, 0x0,
      0xbfb69c651d3bfa06, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff85455b50, 0xffffffffb394896b,
      0xffffffff80666782, 0xffffffff006665b8, 0x3 },
    { exec_fnmadd_s, false, 0, 0xffffffffbf257afd, 0xffffffff3dd98810,
      0xffffffffbd8c9d35, 0xffffffff3e0c9d35, 0x1 },
    { exec_fnmadd_d, false, 0, 0xeaf180ddacbff4, 0xbd9ad3a49aff3fa3,
      0x8003bf16ffbd896a, 0x3bf171653f520, 0x3 },
    { exec_fdiv_d, false, 4, 0x2fffffffffffff, 0x4000000000000003, 0x0,
      0x1ffffffffffff9, 0x1 },
    { exec_fcvt_d_l, false, 2, 0x58f7f, 0, 0, 0x41163dfc00000000, 0x0 },
    { exec_fnmsub_d, false, 3, 0x426006d28ee58b06, 0xffd298a55e1ea978, 0x0,
      0x7ff0000000000000, 0x5 },
    { exec_fadd_d, false, 3, 0x6c7ec515fcb4d02b, 0x7fa6c574a92e6b95,
      0xc1e9f177e1cca7b0, 0x7fa6c574a92e6b96, 0x1 },
    { exec_fcvt_s_wu, false, 0, 0x19a219200, 0, 0, 0xffffffff4f1a2192, 0x0 },
    { exec_fcvt_lu_d, true, 4, 0xbe107ce78a88c067, 0, 0, 0x0, 0x1 },
    { exec_fmsub_d, false, 2, 0xbf5409bd1d241ed6, 0xc3c82e7d5f0b4800,
      0x85ffef86e1e98e2, 0x432e48d4ae875d7e, 0x1 },
    { exec_fadd_s, false, 1, 0xffffffff0a62ce3a, 0xffffffff0016ca53,
      0xffffffff8004b75f, 0xffffffff0a62ce3c, 0x1 },
    { exec_fcvt_l_d, true, 2, 0x406759238396ae9b, 0, 0, 0xba, 0x1 },
    { exec_fcvt_lu_d, true, 2, 0xc13c4354307186cf, 0, 0, 0x0, 0x10 },
    { exec_fsqrt_s, false, 4, 0xffffffff3e9e0000, 0xffffffff1db6027c,
      0xffffffff52800000, 0xffffffff3f0e360b, 0x1 },
    { exec_fnmadd_d, false, 0, 0xc04a08357d601939, 0xbfdbd230e0000000,
      0x402547af00000000, 0xc040a2e121acc736, 0x1 },
    { exec_fnmadd_d, false, 1, 0x40100f1faeec6a9a, 0x802236cc6b9a4742,
      0x8008000000000000, 0x434803dc8c4913, 0x1 },
    { exec_fcvt_d_s, false, 3, 0xffffffff80650594, 0, 0, 0xb809416500000000,
      0x0 },
    { exec_fcvt_s_l, false, 4, 0xffffff3a43a04be7, 0, 0, 0xffffffffd345bc60,
      0x1 },
    { exec_fadd_s, false, 0, 0xffffffff6a5c6b21, 0xffffffff43e501c2,
      0xffffffff80182f1f, 0xffffffff6a5c6b21, 0x1 },
    { exec_fcvt_d_lu, false, 2, 0xb2003c1fedadeb00, 0, 0, 0x43e6400783fdb5bd,
      0x1 },
    { exec_fsub_d, false, 4, 0x8161515352d700ac, 0x423172d7afc00000,
      0x40eadac7c276ea3f, 0xc23172d7afc00000, 0x1 },
    { exec_fdiv_d, false, 1, 0xffd2deb27c41408a, 0xc003d04274fb05dc,
      0xf6c0c01fa3a28, 0x7fbe79dcc77a10b9, 0x1 },
    { exec_fdiv_d, false, 2, 0xc19386ac4bca2f3e, 0xffe802e5298f8497,
      0x1a75aa775cdcd80, 0x19a05c21b89b9bf, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffffc7c2bd8c, 0xffffffff327c78c4,
      0xffffffffacacd44f, 0xffffffff3ac00e73, 0x1 },
    { exec_fmul_d, false, 2, 0xbffcd07839c5c9c5, 0xffe0bc0c7e9e8fae,
      0xc20efa6768000000, 0x7fee23203ece0946, 0x1 },
    { exec_fsqrt_d, false, 1, 0x424a8809d7ba5a65, 0x8169e2856c8078da,
      0xbffc4c7f00000000, 0x411d233f7532d617, 0x1 },
    { exec_fmul_d, false, 3, 0xfff0000000000000, 0xbfebc11efaf4940f,
      0x802df675d541eaa0, 0x7ff0000000000000, 0x0 },
    { exec_fadd_s, false, 4, 0xffffffff29cb52af, 0xffffffff80000001,
      0xffffffff3e4da800, 0xffffffff29cb52af, 0x1 },
    { exec_fnmsub_d, false, 4, 0x206a2a6c87383, 0x80f4b1d3a2b35b25,
      0xc3e6a34dda53e666, 0xc3e6a34dda53e666, 0x1 },
    { exec_fnmsub_d, false, 0, 0x432d7e1800000000, 0x81b12616c0fda934,
      0x8013b50c0ff8882e, 0x4ef9c2eea1db1bf, 0x1 },
    { exec_fdiv_s, false, 0, 0xffffffffaf6c0728, 0xffffffff3a4bed88,
      0xffffffffb8d08a33, 0xffffffffb49425fb, 0x1 },
    { exec_fnmadd_d, false, 2, 0x427165126408abd0, 0xbe64c55424620902,
      0x7fe471f8ab4a4d5c, 0xffe471f8ab4a4d5c, 0x1 },
    { exec_fcvt_lu_s, true, 0, 0xffffffffd661f3a9, 0, 0, 0x0, 0x10 },
    { exec_fnmadd_d, false, 2, 0xc023b02b1078e539, 0x805907d59cc6291f,
      0xbf7476fcbeb4951e, 0x3f7476fcbeb4951d, 0x1 },
    { exec_fnmsub_d, false, 0, 0xbff27f128c4e23fd, 0xbfe55f0f60de74dd,
      0xc26ff60300000000, 0xc26ff603000018b5, 0x1 },
    { exec_fmsub_d, false, 0, 0xfff0000000000001, 0xc01fde0000000000,
      0x15541ef84075a03, 0x7ff8000000000000, 0x10 },
    { exec_fsqrt_s, false, 4, 0xffffffff80fea992, 0xffffffffc795f6e7,
      0xffffffff80000001, 0xffffffff7fc00000, 0x10 },
    { exec_fdiv_s, false, 2, 0xffffffff3f3d4abd, 0xffffffff77f7f048,
      0xffffffff86bb90cb, 0xffffffff06c3724f, 0x1 },
    { exec_fdiv_d, false, 2, 0xc25a8c358066731f, 0xbfe662435af36f10,
      0x1e3ed213064f90, 0x4262f9f0892ec9be, 0x1 },
    { exec_fnmsub_d, false, 3, 0x8025073693c0eece, 0xbfcd4bae69efe600,
      0x3ee351d74eab740b, 0x3ee351d74eab740b, 0x1 },
    { exec_fcvt_s_lu, false, 0, 0x99eb89d6c4b76, 0, 0, 0xffffffff5919eb8a,
      0x1 },
    { exec_fmsub_s, false, 1, 0xffffffffcd77451e, 0xffffffff4b100000,
      0xffffffff00215f53, 0xffffffffd90b16e0, 0x1 },
    { exec_fcvt_wu_d, true, 0, 0xc29666fad7704260, 0, 0, 0x0, 0x10 },
    { exec_fcvt_s_lu, false, 0, 0x45a1d2664e46ab, 0, 0, 0xffffffff5a8b43a5,
      0x1 },
    { exec_fadd_d, false, 3, 0x41fad81a87180000, 0xfff0000000000000,
      0x405495c7de81bcad, 0xfff0000000000000, 0x0 },
    { exec_fsub_d, false, 2, 0x106437882405b307, 0x417c95d12254c765,
      0x4048c5c52d531a01, 0xc17c95d12254c765, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffffbfc00000, 0xffffffff4e697775,
      0xffffffffc160a000, 0xffffffffceaf1997, 0x1 },
    { exec_fcvt_s_d, false, 0, 0xc3a181124a800000, 0, 0, 0xffffffffdd0c0892,
      0x1 },
    { exec_fadd_d, false, 2, 0xc1adf39189ee6ffc, 0x41e9fa424c76c947,
      0x403d6be2efd00000, 0x41e81b0933d7e247, 0x1 },
    { exec_fsub_s, false, 4, 0xffffffff004e0835, 0xffffffff80ff2fd6,
      0xffffffffc0e3a000, 0xffffffff01269c06, 0x1 },
    { exec_fmadd_s, false, 2, 0xffffffffb0aa66e0, 0xffffffff7bee1df6,
      0xffffffff31e9bed9, 0xffffffffed1e7f96, 0x1 },
    { exec_fnmadd_d, false, 3, 0xfff8000000000000, 0xaeb889721d740,
      0xbe527801fc5b3eef, 0x7ff8000000000000, 0x0 },
    { exec_fsqrt_d, false, 1, 0x410783e653f9642c, 0x409a7be76f1435ee, 0x1,
      0x407b6e771c113bc2, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffff3a058bfe, 0xfffffffff15ee86a,
      0xffffffff00f4ebf1, 0xffffffffebe89149, 0x1 },
    { exec_fcvt_wu_s, true, 1, 0xffffffffc33249bd, 0, 0, 0x0, 0x10 },
    { exec_fnmadd_s, false, 4, 0xffffffff51b697e6, 0xffffffff853b88de,
      0xffffffff7f50ab7b, 0xffffffffff50ab7b, 0x1 },
    { exec_fadd_s, false, 0, 0xffffffff00339927, 0xffffffff3f800000,
      0xffffffff36c15ae8, 0xffffffff3f800000, 0x1 },
    { exec_fmsub_d, false, 0, 0x26a3d11902bb7973, 0x440e002900abc,
      0xc29b89f74dfbb380, 0x429b89f74dfbb380, 0x1 },
    { exec_fcvt_s_d, false, 3, 0x40eb379be0ef85de, 0, 0, 0xffffffff4759bce0,
      0x1 },
    { exec_fmadd_d, false, 2, 0x4602153e5a296, 0xffff015ce2ac9528,
      0xffc1e9f70107e0df, 0x7ff8000000000000, 0x0 },
    { exec_fnmsub_s, false, 1, 0xfffffffff4714f02, 0xffffffffafd8915c,
      0xffffffff004dccd0, 0xffffffffe4cc23ae, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff3e060540, 0xffffffffe1b23800,
      0xffffffff3475fc52, 0xffffffff603a99f0, 0x1 },
    { exec_fmadd_d, false, 1, 0x9765715182f3d7, 0x427568e64f5a7102,
      0x8003c7526c7ecf56, 0x31f4e88e1d3c651, 0x1 },
    { exec_fmul_s, false, 0, 0xffffffff00400000, 0xffffffff007df8dd,
      0xffffffff4302c4ac, 0xffffffff00000000, 0x3 },
    { exec_fmul_s, false, 2, 0xffffffff0e0ba144, 0xffffffff806b71c1,
      0xffffffff75118ac8, 0xffffffff80000001, 0x3 },
    { exec_fsub_d, false, 2, 0x171dff4e1530f8, 0x837ec3eb0d1baca7,
      0x3d851035c48f30ef, 0x37ec3eb0d1baca7, 0x1 },
    { exec_fcvt_d_lu, false, 1, 0x1, 0, 0, 0x3ff0000000000000, 0x0 },
    { exec_fnmsub_d, false, 0, 0x3dee36b5fc1707ad, 0xfecd1f5ac7375341,
      0xbffda6a000000000, 0x7ccb7f2fa2b962a1, 0x1 },
    { exec_fdiv_d, false, 3, 0x401772d6f0b18b34, 0x7fd7b464cf916058,
      0x3ee25877350d39f4, 0x2fa781644ab536, 0x1 },
    { exec_fcvt_lu_s, true, 1, 0xffffffffff800001, 0, 0, 0xffffffffffffffff,
      0x10 },
    { exec_fcvt_l_d, true, 4, 0x3ed700f8ecac5d3c, 0, 0, 0x0, 0x1 },
    { exec_fcvt_s_d, false, 1, 0xbff48b5f90000000, 0, 0, 0xffffffffbfa45afc,
      0x1 },
    { exec_fadd_d, false, 3, 0x800648937186a, 0x3f0c3bd0251cc907,
      0x3e6e698606c56206, 0x3f0c3bd0251cc908, 0x1 },
    { exec_fcvt_w_d, true, 3, 0xc08cc622d84873b5, 0, 0, 0xfffffffffffffc68,
      0x1 },
    { exec_fdiv_s, false, 2, 0xffffffff0b227c89, 0xffffffffcf30597d,
      0xffffffffff800001, 0xffffffff80001d7d, 0x3 },
    { exec_fnmsub_s, false, 1, 0xffffffffb7f002ca, 0xffffffff00c5347c,
      0xffffffff00376e4e, 0xffffffff00376fbf, 0x3 },
    { exec_fcvt_d_lu, false, 0, 0x1384149fc72fcac0, 0, 0, 0x43b384149fc72fcb,
      0x1 },
    { exec_fsqrt_s, false, 1, 0xfffffffff48f3be0, 0xffffffffcb001e80,
      0xffffffffd2ced2e4, 0xffffffff7fc00000, 0x10 },
    { exec_fmsub_s, false, 0, 0xffffffff3b0a893f, 0xffffffff3f814da0,
      0xffffffffd260d88b, 0xffffffff5260d88b, 0x1 },
    { exec_fsub_d, false, 0, 0x422470b02cd77007, 0xc15227bb2da31485,
      0x409f0edae0000000, 0x422471416ab0dd20, 0x1 },
    { exec_fdiv_d, false, 2, 0xbffc3650dc477f48, 0x78fcd4bfaa69c,
      0x8014cf9fd302c9a0, 0xffedd8eadfe6adf0, 0x1 },
    { exec_fsub_s, false, 0, 0xffffffff7f800000, 0xffffffff4058fea8,
      0xffffffffc0200000, 0xffffffff7f800000, 0x0 },
    { exec_fmsub_s, false, 1, 0xffffffff80000001, 0xffffffffc1250000,
      0xffffffffbf103710, 0xffffffff3f103710, 0x1 },
    { exec_fdiv_s, false, 4, 0xffffffffac0158b7, 0xffffffff48bad1e6,
      0xffffffff80bc98b5, 0xffffffffa2b13e79, 0x1 },
    { exec_fcvt_s_wu, false, 2, 0x16ffae3ed9c0c0, 0, 0, 0xffffffff4e7b6703,
      0x0 },
    { exec_fcvt_d_s, false, 3, 0xffffffffdb800000, 0, 0, 0xc370000000000000,
      0x0 },
    { exec_fnmadd_d, false, 4, 0xa59811d493314739, 0xc00580c800000000,
      0x41ca5f8a6ad616ae, 0xc1ca5f8a6ad616ae, 0x1 },
    { exec_fcvt_s_d, false, 1, 0xc1717190c8eaa694, 0, 0, 0xffffffffcb8b8c86,
      0x1 },
    { exec_fsqrt_d, false, 1, 0xbd768376821c82df, 0x8eebcd1605746,
      0x804bd0de418e0a19, 0x7ff8000000000000, 0x10 },
    { exec_fcvt_l_s, true, 3, 0xfffffffff44e5080, 0, 0, 0x8000000000000000,
      0x10 },
    { exec_fcvt_s_d, false, 4, 0xbeb15d0b8f780c9e, 0, 0, 0xffffffffb58ae85c,
      0x1 },
    { exec_fnmsub_d, false, 0, 0x3e8831c9e2a32c77, 0xfec6c7b9de35f0a3,
      0xbf5d9e6839b640ca, 0x7d61393cf322ec89, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffffbc5d7af3, 0, 0, 0xbf8baf5e60000000,
      0x0 },
    { exec_fmadd_s, false, 3, 0xffffffff38f59212, 0xffffffff00212bcf,
      0xffffffff0041f4d4, 0xffffffff0041f5d3, 0x3 },
    { exec_fadd_s, false, 4, 0xffffffff76f33721, 0xffffffff4122ed47,
      0xffffffff83c8e5c9, 0xffffffff76f33721, 0x1 },
    { exec_fcvt_s_l, false, 2, 0xcd979272a96456a4, 0, 0, 0xffffffffde49a1b7,
      0x1 },
    { exec_fnmsub_s, false, 2, 0xffffffff784c9019, 0xffffffff82b10262,
      0xffffffff8b6fc8d0, 0xffffffff3b8d7188, 0x1 },
    { exec_fcvt_d_lu, false, 3, 0x2ea3a65d368d2cb, 0, 0, 0x438751d32e9b4697,
      0x1 },
    { exec_fcvt_d_wu, false, 4, 0x7b47830305735300, 0, 0, 0x4195cd4c00000000,
      0x0 },
    { exec_fnmadd_s, false, 0, 0xffffffff400dce00, 0xffffffff00a9ebd5,
      0xffffffff3b9109d7, 0xffffffffbb9109d7, 0x1 },
    { exec_fmadd_s, false, 0, 0xffffffffb1f39ade, 0xffffffff51a037ec,
      0xffffffffcc533c3c, 0xffffffffcc533cd4, 0x1 },
    { exec_fcvt_d_wu, false, 2, 0xffffffffffe5b00c, 0, 0, 0x41effcb601800000,
      0x0 },
    { exec_fcvt_d_lu, false, 0, 0x79ee5c86f, 0, 0, 0x421e7b9721bc0000, 0x0 },
    { exec_fmadd_d, false, 4, 0xbfcb7abbbdd00000, 0x402b478c8fa7489f,
      0xc0a168f66b5d38ad, 0xc0a16ed1ab387a35, 0x1 },
    { exec_fsqrt_d, false, 2, 0x800ddcd51bb24888, 0x41257d3701faf149,
      0x41080ac0105e62b5, 0x7ff8000000000000, 0x10 },
    { exec_fdiv_s, false, 4, 0xffffffff466e0000, 0xfffffffffefe0fc8,
      0xfffffffffa5f8a16, 0xffffffff86efd0d9, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff301dd8a3, 0xffffffffc1588c44,
      0xffffffffbfd0b080, 0xffffffffb2058545, 0x1 },
    { exec_fsqrt_d, false, 3, 0xacfabc2e459179, 0x941138e392fd2,
      0xbfdec18000000000, 0x204e73c930ae44d7, 0x1 },
    { exec_fdiv_s, false, 2, 0xffffffff5fb55680, 0xffffffff7efa1a1d,
      0xffffffffcfa0574d, 0xffffffff20399d40, 0x1 },
    { exec_fcvt_d_l, false, 3, 0x3fa03cbf3, 0, 0, 0x420fd01e5f980000, 0x0 },
    { exec_fsub_d, false, 1, 0x3ee877d0ec9bb8c3, 0xc0d574b658910386,
      0x89e97769b6f0254, 0x40d574b658c1f327, 0x1 },
    { exec_fnmsub_d, false, 2, 0xc0023c5200000000, 0xc21a11ec2f35e8ab,
      0x3fff2a5cb25b35bf, 0xc22db67286a43c92, 0x1 },
    { exec_fnmadd_s, false, 0, 0xffffffffca4feec6, 0xffffffff322ce1b7,
      0xffffffff37699dee, 0xffffffff3d0c5d29, 0x1 },
    { exec_fsqrt_d, false, 2, 0x3ebfdc0a332c5461, 0x818256371c332971,
      0xbeebd568c9b6166d, 0x3f5693e41430c1cb, 0x1 },
    { exec_fnmsub_s, false, 4, 0xffffffff02bd466d, 0xffffffff8c918f63,
      0xffffffff7ed137c1, 0xffffffff7ed137c1, 0x1 },
    { exec_fcvt_wu_d, true, 3, 0x3fc289a74cf65b89, 0, 0, 0x1, 0x1 },
    { exec_fcvt_s_w, false, 2, 0x7fffffff, 0, 0, 0xffffffff4effffff, 0x1 },
    { exec_fsub_d, false, 1, 0xbee8340447dfcf8f, 0x7fb54d2b0234128f,
      0x3efd4ac5a5f4d196, 0xffb54d2b0234128f, 0x1 },
    { exec_fmul_d, false, 1, 0x41a7a6b0a57442e8, 0xbe6bbe1b997684bc,
      0x8000000000000000, 0xc02481272a821bb8, 0x1 },
    { exec_fcvt_wu_s, true, 1, 0xffffffff490b1eb1, 0, 0, 0x8b1eb, 0x1 },
    { exec_fmsub_d, false, 4, 0x3e9afda32f845f0e, 0xc0405c2800000000,
      0xffdc75a4f601408f, 0x7fdc75a4f601408f, 0x1 },
    { exec_fadd_d, false, 1, 0x8000000000000, 0x800cfa5e9f1ddde0,
      0x419a5a078b99c6ec, 0x8004fa5e9f1ddde0, 0x0 },
    { exec_fcvt_s_lu, false, 2, 0xb1766c77895727e8, 0, 0, 0xffffffff5f31766c,
      0x1 },
    { exec_fsqrt_d, false, 1, 0xbfe1d6de7735cc00, 0x8009cd9ed317d94b,
      0xbea70ae9bf5fe415, 0x7ff8000000000000, 0x10 },
    { exec_fmul_s, false, 2, 0xffffffff46de9421, 0xfffffffffe96f5b8,
      0xffffffff38f3d488, 0xffffffffff800000, 0x5 },
    { exec_fsqrt_s, false, 2, 0xffffffffbc6ed5b7, 0xffffffff2c96867b,
      0xffffffff3f45de65, 0xffffffff7fc00000, 0x10 },
    { exec_fnmadd_d, false, 0, 0x7fd556a782cc12d6, 0xc00dae0000000000,
      0xc086471fe0d8f3c7, 0x7ff0000000000000, 0x5 },
    { exec_fsqrt_d, false, 1, 0x43f5f6cac0000000, 0x8012d8470d4cdfcd,
      0x425edccbc7f01357, 0x41f2bf0ecd911119, 0x1 },
    { exec_fcvt_s_d, false, 0, 0x42608248a9842f71, 0, 0, 0xffffffff53041245,
      0x1 },
    { exec_fsub_s, false, 3, 0xffffffff51800000, 0xffffffff3f0b9cd8,
      0xffffffffbb972a80, 0xffffffff51800000, 0x1 },
    { exec_fnmsub_s, false, 1, 0xffffffff869ac650, 0xffffffffd36d6b93,
      0xffffffff3f6ac160, 0xffffffff3f6ac15f, 0x1 },
    { exec_fcvt_s_d, false, 0, 0x8008000000000000, 0, 0, 0xffffffff80000000,
      0x3 },
    { exec_fdiv_d, false, 3, 0x401418a36d080000, 0x3fa82e6c45aab3f7,
      0xbf757650408e7641, 0x405a9813c74161e0, 0x1 },
    { exec_fnmsub_s, false, 4, 0xffffffff4fddf000, 0xffffffff3bc98b9f,
      0xffffffff90413ecc, 0xffffffffcc2eba7b, 0x1 },
    { exec_fcvt_d_wu, false, 4, 0xffffffffffffffff, 0, 0, 0x41efffffffe00000,
      0x0 },
    { exec_fnmsub_d, false, 4, 0x9e0162c21ba9adf1, 0x416e38f5ab0d9b01,
      0x34cd5f24b1d90, 0x1f806b8846acc167, 0x1 },
    { exec_fnmadd_d, false, 2, 0x42335189039e1400, 0x7ff8000000000000,
      0xc10ad9e544bb1d31, 0x7ff8000000000000, 0x0 },
    { exec_fdiv_s, false, 2, 0xffffffff01d956e6, 0xffffffffc32f4cbe,
      0xffffffff7f800000, 0xffffffff8004f593, 0x3 },
    { exec_fmsub_s, false, 2, 0xfffffffff3de2658, 0xffffffff3473bf50,
      0xffffffff47eca900, 0xffffffffe8d3846a, 0x1 },
    { exec_fnmadd_s, false, 1, 0xffffffff4e5f78ee, 0xffffffff005824b2,
      0xfffffffffdbc1a9e, 0xffffffff7dbc1a9d, 0x1 },
    { exec_fnmadd_d, false, 0, 0xbf09833a0c091331, 0x1, 0xc03ba00000000000,
      0x403ba00000000000, 0x1 },
    { exec_fcvt_l_s, true, 3, 0xfffffffff5464457, 0, 0, 0x8000000000000000,
      0x10 },
    { exec_fmul_s, false, 4, 0xffffffff81b735cb, 0xffffffff8e44085b,
      0xfffffffffef6b512, 0xffffffff00000000, 0x3 },
    { exec_fcvt_s_d, false, 4, 0x400cc8b000000000, 0, 0, 0xffffffff40664580,
      0x0 },
    { exec_fsub_s, false, 0, 0xffffffff4fc5ff59, 0xffffffff44d3f905,
      0xffffffff4d600000, 0xffffffff4fc5ff56, 0x1 },
    { exec_fsub_d, false, 3, 0x9b9dc38da22999b1, 0x19bd5712955ad4d,
      0x367446e54b2c1, 0x9b9dc38da22999b1, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff3037d6f9, 0xffffffff00400000,
      0xffffffff7ef08ff6, 0xffffffff00000001, 0x3 },
    { exec_fnmsub_s, false, 4, 0xfffffffff1bd9e6b, 0xffffffff814a9db1,
      0xffffffff00400000, 0xffffffffb39613ce, 0x1 },
    { exec_fsub_d, false, 2, 0x3f8ccdb9730c6063, 0x4011f34df37079a7,
      0x40a2e9af804947a0, 0xc011e4e716b6f377, 0x1 },
    { exec_fnmadd_d, false, 4, 0xfe3bfdeb1745c72b, 0x800dcdcb5ba3a67d,
      0x1fe6dd1877b737f0, 0xbe5826581cec0e45, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff3d910f68, 0xffffffff4066a68b,
      0xffffffffbf09d34e, 0xffffffff3e90f466, 0x1 },
    { exec_fcvt_d_s, false, 0, 0xffffffff80b57e79, 0, 0, 0xb816afcf20000000,
      0x0 },
    { exec_fmadd_s, false, 1, 0xffffffffbffb9800, 0xffffffff0479bbc9,
      0xffffffff4167c85f, 0xffffffff4167c85e, 0x1 },
    { exec_fmsub_s, false, 4, 0xffffffff010d3170, 0xffffffff006d7d0d,
      0xffffffffbefc4802, 0xffffffff3efc4802, 0x1 },
    { exec_fcvt_d_w, false, 3, 0x7fffffff, 0, 0, 0x41dfffffffc00000, 0x0 },
    { exec_fcvt_s_d, false, 4, 0x1a3dd8203b526510, 0, 0, 0xffffffff00000000,
      0x3 },
    { exec_fcvt_w_d, true, 1, 0xc33fd7ef5abf6d7f, 0, 0, 0xffffffff80000000,
      0x10 },
    { exec_fnmadd_s, false, 4, 0xffffffff2d90b4de, 0xffffffff40337b00,
      0xffffffff00581ef6, 0xffffffffae4ae7fc, 0x1 },
    { exec_fsub_d, false, 3, 0xbe5d56261a5b1990, 0x3f77a1a2359926ac,
      0xc0363ef05de0cdd9, 0xbf77a1a98b22ad42, 0x1 },
    { exec_fcvt_wu_s, true, 3, 0xffffffff4805d85d, 0, 0, 0x21762, 0x1 },
    { exec_fcvt_w_s, true, 0, 0xffffffff530b6c4c, 0, 0, 0x7fffffff, 0x10 },
    { exec_fmul_s, false, 2, 0xffffffff40629f80, 0xfffffffff9b0fdcb,
      0xffffffff3f000000, 0xfffffffffa9cae54, 0x1 },
    { exec_fmadd_d, false, 0, 0x1, 0x8000000000000, 0x42144dc134958000,
      0x42144dc134958000, 0x1 },
    { exec_fnmsub_d, false, 0, 0xbefeb28320183281, 0xc1f5f98d94b5979a,
      0x7fb33112178692a6, 0x7fb33112178692a6, 0x1 },
    { exec_fcvt_s_d, false, 1, 0x402eb66fa345f968, 0, 0, 0xffffffff4175b37d,
      0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff804b95ae, 0, 0, 0xb802e56b80000000,
      0x0 },
    { exec_fcvt_d_lu, false, 1, 0x664497ae4, 0, 0, 0x42199125eb900000, 0x0 },
    { exec_fsqrt_d, false, 0, 0x7ffcbc2d107fba22, 0x7ff1da06fe935485,
      0xffee38c1e392e122, 0x7ff8000000000000, 0x0 },
    { exec_fcvt_s_l, false, 0, 0xffffe54638e71c26, 0, 0, 0xffffffffd5d5ce39,
      0x1 },
    { exec_fmsub_s, false, 2, 0xffffffff80418780, 0xffffffff3e55e900,
      0xffffffffcfcb1941, 0xffffffff4fcb1940, 0x1 },
    { exec_fmsub_s, false, 1, 0xffffffff809faa41, 0xffffffffcbef6337,
      0xffffffffafab2a50, 0xffffffff2fab2a50, 0x1 },
    { exec_fmul_d, false, 2, 0x418a79e788971c40, 0x40410d2c1eb2b43b,
      0x7ff8000000000000, 0x41dc37520f4888f7, 0x1 },
    { exec_fmul_s, false, 3, 0xffffffff5219287a, 0xffffffffbf40a5c0,
      0xffffffff8e73f542, 0xffffffffd1e6830a, 0x1 },
    { exec_fsub_s, false, 1, 0xffffffff8989210c, 0xffffffffc958b1fc,
      0xffffffff5dc00000, 0xffffffff4958b1fb, 0x1 },
    { exec_fmadd_d, false, 4, 0x801cda3c16b68276, 0xc25d88404ff9e82c,
      0x3deba9e12559355f, 0x3deba9e12559355f, 0x1 },
    { exec_fsqrt_d, false, 2, 0xbfb94e6a8e0c34e6, 0xc011cf705f000000,
      0xc1748613104dd77d, 0x7ff8000000000000, 0x10 },
    { exec_fcvt_s_w, false, 4, 0xa8542dd44966a7d4, 0, 0, 0xffffffff4e92cd50,
      0x1 },
    { exec_fdiv_d, false, 3, 0x3ff9433e48a6e5e9, 0x3f4ddce2a56ae3f9,
      0xbf72ab3eb2074ee0, 0x409b121426151df3, 0x1 },
    { exec_fdiv_d, false, 4, 0xc01a63c000000000, 0x3f6b71de1b2ccc81,
      0xb106d7a444063464, 0xc09ec50c9124ac4d, 0x1 },
    { exec_fsub_d, false, 3, 0x7fd063f15838fc1b, 0x7fde0d6129b6601f,
      0x800010bb63747925, 0xffcb52dfa2fac808, 0x0 },
    { exec_fmadd_s, false, 1, 0xffffffffc1439059, 0xffffffffcc944ffb,
      0xffffffff4742ce0a, 0xffffffff4e629c24, 0x1 },
    { exec_fcvt_d_s, false, 0, 0xffffffff8b9a44dc, 0, 0, 0xb973489b80000000,
      0x0 },
    { exec_fsqrt_s, false, 1, 0xffffffff32c24572, 0xffffffffd8d3f200,
      0xffffffff8006f60a, 0xffffffff391db11d, 0x1 },
    { exec_fcvt_w_d, true, 0, 0xc023976130198ac0, 0, 0, 0xfffffffffffffff6,
      0x1 },
    { exec_fmul_s, false, 2, 0xffffffff78929999, 0xffffffff0eac77d6,
      0xffffffffcf054ee7, 0xffffffff47c587a5, 0x1 },
    { exec_fcvt_d_l, false, 0, 0xfffffffffe20ade0, 0, 0, 0xc17df52200000000,
      0x0 },
    { exec_fnmadd_s, false, 3, 0xffffffff7ed807f8, 0xffffffff3b1cfa3f,
      0xffffffff7fa500d4, 0xffffffff7fc00000, 0x10 },
    { exec_fnmsub_d, false, 1, 0x3de2597425dd89ee, 0x80051547c7fb7d19,
      0x207c00521aadbb, 0x207c00521c22d2, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff3416fb13, 0, 0, 0x3e82df6260000000,
      0x0 },
    { exec_fmsub_s, false, 1, 0xffffffffd0562c26, 0xfffffffff8292c6e,
      0xffffffff7f800001, 0xffffffff7fc00000, 0x10 },
    { exec_fnmadd_s, false, 3, 0xffffffff3962ae4d, 0xffffffff0024ff19,
      0xffffffff14d8b4ae, 0xffffffff94d8b4ae, 0x1 },
    { exec_fcvt_l_d, true, 2, 0x4165b9babd6d3fa5, 0, 0, 0xadcdd5, 0x1 },
    { exec_fnmsub_s, false, 2, 0xffffffffc0b16c72, 0xffffffff0d3445d3,
      0xffffffffff800001, 0xffffffff7fc00000, 0x10 },
    { exec_fdiv_s, false, 2, 0xffffffff6e54433f, 0xffffffff2f9e6df3,
      0xffffffff00b95ebf, 0xffffffff7e2b7e54, 0x1 },
    { exec_fsqrt_s, false, 1, 0xffffffff85e67026, 0xffffffff806ede82,
      0xffffffff80000001, 0xffffffff7fc00000, 0x10 },
    { exec_fadd_d, false, 3, 0x400a1fea55000000, 0x8c0de8cd1cd66588,
      0x40f6ce0000000000, 0x400a1fea55000000, 0x1 },
    { exec_fdiv_d, false, 1, 0xa5eddba02964efc7, 0x7f0f50ef0e62bd9f,
      0x924d02d968db3c68, 0x8000000000000000, 0x3 },
    { exec_fmsub_d, false, 0, 0xfff8000000000000, 0x2cecc51eee4d49,
      0xfff0000000000000, 0x7ff8000000000000, 0x0 },
    { exec_fadd_d, false, 3, 0x81a342e5fb8c157f, 0xc176000000000000,
      0xc02560979c25e392, 0xc176000000000000, 0x1 },
    { exec_fnmadd_d, false, 3, 0xbf07e07a90f95a73, 0x3de004907530e8d3,
      0x4e2461f56c53d870, 0xce2461f56c53d86f, 0x1 },
    { exec_fcvt_s_d, false, 3, 0x806a81bb66cd1dbc, 0, 0, 0xffffffff80000000,
      0x3 },
    { exec_fcvt_d_lu, false, 2, 0x798, 0, 0, 0x409e600000000000, 0x0 },
    { exec_fmul_s, false, 1, 0xffffffffb23456e5, 0xffffffff80000001,
      0xffffffff0050f864, 0xffffffff00000000, 0x3 },
    { exec_fadd_d, false, 3, 0x7f6e3c31d4bb4f0a, 0xbdda01974ab39f6e,
      0xffd120f86fdbe944, 0x7f6e3c31d4bb4f0a, 0x1 },
    { exec_fcvt_d_l, false, 1, 0xffffffffe33ccbf4, 0, 0, 0xc1bcc3340c000000,
      0x0 },
    { exec_fsub_d, false, 3, 0xa1e8dd81d3753, 0x53fe0d91497d4202,
      0x1274909da4b029e, 0xd3fe0d91497d4201, 0x1 },
    { exec_fdiv_s, false, 1, 0xfffffffffe1300f3, 0xffffffffcfd72016,
      0xffffffffff4202a0, 0xffffffff6daeef5b, 0x1 },
    { exec_fcvt_lu_d, true, 2, 0x400105fe34000000, 0, 0, 0x2, 0x1 },
    { exec_fnmsub_s, false, 2, 0xfffffffffe8323e5, 0xffffffff834f8d9e,
      0xffffffff32912543, 0xffffffffc254a524, 0x1 },
    { exec_fmul_d, false, 3, 0xbec833849fec3782, 0x400a952e57082,
      0xbd7ccc874133ac3b, 0x80000000c1bc28b0, 0x3 },
    { exec_fcvt_d_w, false, 0, 0x7fffffff, 0, 0, 0x41dfffffffc00000, 0x0 },
    { exec_fsqrt_s, false, 3, 0xffffffff7b6aed0f, 0xffffffffbf000000,
      0xffffffff0c338f7f, 0xffffffff5d753c9b, 0x1 },
    { exec_fmsub_s, false, 2, 0xffffffffdf009a80, 0xffffffff7fc00000,
      0xffffffffd2803303, 0xffffffff7fc00000, 0x0 },
    { exec_fmsub_s, false, 0, 0xffffffff80bf261e, 0xffffffffd2e8c7fc,
      0xfffffffffe0f1f58, 0xffffffff7e0f1f58, 0x1 },
    { exec_fnmadd_d, false, 0, 0xc0aa14d000000000, 0x801923b156b49ce7,
      0xf674d1c2ef5bd715, 0x7674d1c2ef5bd715, 0x1 },
    { exec_fnmsub_d, false, 1, 0xfe48cc979bc42773, 0xbfe7c7c251fc8000,
      0x800395c3f9257ba6, 0xfe426ddbdea656a3, 0x1 },
    { exec_fcvt_d_s, false, 4, 0xffffffffbf237800, 0, 0, 0xbfe46f0000000000,
      0x0 },
    { exec_fmadd_s, false, 2, 0xffffffff803bfad0, 0xffffffff3bd14bbc,
      0xffffffffdb88c038, 0xffffffffdb88c039, 0x1 },
    { exec_fnmsub_d, false, 4, 0x3cd6fc3140aec4ac, 0xbe53d224c6d3e347,
      0xffef47abadcf83ba, 0xffef47abadcf83ba, 0x1 },
    { exec_fadd_d, false, 4, 0x801c44bb75d24c0d, 0xfe602533b1c4486f,
      0xc01b0b5000000000, 0xfe602533b1c4486f, 0x1 },
    { exec_fadd_d, false, 0, 0xff211b38fabb7ab5, 0x417f621100000000,
      0x3e1b38f2f3fcf1ca, 0xff211b38fabb7ab5, 0x1 },
    { exec_fadd_s, false, 3, 0xffffffff78a40318, 0xffffffff3e460000,
      0xffffffff3beee270, 0xffffffff78a40319, 0x1 },
    { exec_fnmsub_s, false, 1, 0xffffffff010a3148, 0xffffffff3166b086,
      0xffffffff8043f24f, 0xffffffff8043f24f, 0x3 },
    { exec_fsub_d, false, 1, 0xbd829a438fd486e1, 0x3e4ff7ac4f4374a3,
      0x7140c0fbf95bb05, 0xbe4ff8d5f37c71eb, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffffad6c9000, 0xfffffffff0cc3c8e,
      0xfffffffff9abb2c2, 0xffffffff00004a22, 0x3 },
    { exec_fcvt_w_s, true, 0, 0xffffffff2c40cf7b, 0, 0, 0x0, 0x1 },
    { exec_fmsub_d, false, 3, 0x807a0b6df50da19f, 0x0, 0x3f3b5e85b8d51db9,
      0xbf3b5e85b8d51db9, 0x0 },
    { exec_fcvt_wu_d, true, 3, 0x1e4d92b83e60f0, 0, 0, 0x1, 0x1 },
    { exec_fcvt_s_d, false, 2, 0x4000261c10000000, 0, 0, 0xffffffff400130e0,
      0x1 },
    { exec_fmadd_d, false, 4, 0xc264e8f10fc9ddec, 0x3f27a21b459bfd4e,
      0xc1d38272842af279, 0xc1d5709dcf630686, 0x1 },
    { exec_fadd_d, false, 3, 0x7ed1952e304609eb, 0x4253d9573cb2abfa,
      0xc0119c68748c0000, 0x7ed1952e304609ec, 0x1 },
    { exec_fnmadd_s, false, 0, 0xffffffff30a6ecf4, 0xffffffff40dc6248,
      0xffffffffc3b39454, 0xffffffff43b39454, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffffc17907b2, 0, 0, 0xc02f20f640000000,
      0x0 },
    { exec_fcvt_w_s, true, 4, 0xffffffffd4006d49, 0, 0, 0xffffffff80000000,
      0x10 },
    { exec_fadd_d, false, 2, 0xd3c6775c8fc71417, 0x8008000000000000,
      0x4238000000000000, 0xd3c6775c8fc71418, 0x1 },
    { exec_fmsub_s, false, 3, 0xfffffffffc0b93f1, 0xffffffff473570a0,
      0xffffffff3c43c3c4, 0xffffffffff7fffff, 0x5 },
    { exec_fsub_d, false, 4, 0x8008000000000000, 0xfe8f8d21613eca0b,
      0x7fe49e8098eea739, 0x7e8f8d21613eca0b, 0x1 },
    { exec_fdiv_s, false, 4, 0xffffffff2c9b23b9, 0xffffffff7a0e2822,
      0xfffffffffe2fd8e8, 0xffffffff00000000, 0x3 },
    { exec_fnmadd_s, false, 1, 0xffffffffc2cb4fa8, 0xffffffff81038978,
      0xffffffff7f468e6d, 0xffffffffff468e6d, 0x1 },
    { exec_fmul_s, false, 2, 0xffffffff3428401e, 0xffffffff4973b000,
      0xffffffffc1340000, 0xffffffff3e202888, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffff70e27f38, 0xffffffff80d97cae,
      0xffffffffaf223ed8, 0xffffffffb242f521, 0x1 },
    { exec_fcvt_d_w, false, 2, 0xfffffffffff4bc74, 0, 0, 0xc126871800000000,
      0x0 },
    { exec_fcvt_w_d, true, 2, 0xc110e277ac94d695, 0, 0, 0xfffffffffffbc762,
      0x1 },
    { exec_fmsub_s, false, 4, 0xffffffff001be39d, 0xffffffff3e87d4f8,
      0xffffffff80400000, 0xffffffff0047661e, 0x3 },
    { exec_fdiv_d, false, 4, 0xc0180658c91c0000, 0xc0ecf6b23cd3b1e5,
      0xffdae69ef7a729bc, 0x3f1a8b1aefc75e0f, 0x1 },
    { exec_fcvt_d_l, false, 3, 0x2e0c76e02, 0, 0, 0x4207063b70100000, 0x0 },
    { exec_fmul_s, false, 0, 0xffffffff00400000, 0xffffffff40414c80,
      0xffffffffce6356d9, 0xffffffff00c14c80, 0x0 },
    { exec_fmul_s, false, 4, 0xffffffff3f68812c, 0xffffffffc90dde2f,
      0xffffffff00b66b61, 0xffffffffc900d8f0, 0x1 },
    { exec_fnmadd_d, false, 3, 0xbffa6aecbdf14a74, 0xbf5919fff67071d7,
      0xe129858da69de, 0xbf64b8ffccda4073, 0x1 },
    { exec_fcvt_w_s, true, 0, 0xffffffffc712c28d, 0, 0, 0xffffffffffff6d3d,
      0x1 },
    { exec_fadd_s, false, 2, 0xffffffffff5c11d7, 0xffffffff719c806e,
      0xffffffff007d95aa, 0xffffffffff5c11d7, 0x1 },
    { exec_fcvt_d_l, false, 0, 0xea33e85d9df, 0, 0, 0x42ad467d0bb3be00, 0x0 },
    { exec_fcvt_lu_d, true, 0, 0x3dcee329ad5a9f6f, 0, 0, 0x0, 0x1 },
    { exec_fmsub_s, false, 1, 0xffffffff5faab100, 0xffffffff80567168,
      0xffffffff1b2ef716, 0xffffffffa066b80b, 0x1 },
    { exec_fdiv_s, false, 0, 0xffffffff76dc32a1, 0xffffffffff026f84,
      0xffffffffc0616b82, 0xffffffffb7581607, 0x1 },
    { exec_fsqrt_s, false, 2, 0xffffffff00400000, 0xffffffff7fc00000,
      0xffffffffffcb2b41, 0xffffffff1fb504f3, 0x1 },
    { exec_fdiv_s, false, 1, 0xffffffff00bf69c4, 0xffffffff433f85e9,
      0xffffffff814fd4d8, 0xffffffff0000ffda, 0x3 },
    { exec_fmul_s, false, 4, 0xffffffff48e5a000, 0xffffffff3fd1536f,
      0xffffffffff800000, 0xffffffff493bc276, 0x1 },
    { exec_fcvt_d_s, false, 0, 0xffffffff00d63d03, 0, 0, 0x381ac7a060000000,
      0x0 },
    { exec_fmsub_s, false, 2, 0xffffffff80a34f7a, 0xffffffffc3025a65,
      0xffffffff81262010, 0xffffffff0428e88c, 0x1 },
    { exec_fmsub_s, false, 2, 0xffffffff80400000, 0xffffffff80e6264d,
      0xffffffffb7a91846, 0xffffffff37a91846, 0x1 },
    { exec_fmsub_d, false, 0, 0xff1b69708ffcfa27, 0x97071d92bd36ba3a,
      0x403a3c57db8b00cd, 0x5633cd1e28a78448, 0x1 },
    { exec_fcvt_s_d, false, 0, 0x8135e813b2cb1d28, 0, 0, 0xffffffff80000000,
      0x3 },
    { exec_fcvt_lu_s, true, 3, 0xffffffffbe0d6e80, 0, 0, 0x0, 0x1 },
    { exec_fcvt_l_d, true, 0, 0xc3679a233371e814, 0, 0, 0xff432ee66470bf60,
      0x0 },
    { exec_fnmadd_s, false, 1, 0xffffffff011b1a98, 0xffffffff00400000,
      0xffffffff00064c69, 0xffffffff80064c69, 0x3 },
    { exec_fsqrt_d, false, 0, 0x41437e1d7f059f09, 0x802c5c49a19a89c9,
      0xc14efcb0ebc00000, 0x4098f9abad240fd0, 0x1 },
    { exec_fadd_s, false, 2, 0xffffffff3f8c66e0, 0xffffffff3ff56e00,
      0xffffffff520cbd5c, 0xffffffff4040ea70, 0x0 },
    { exec_fcvt_s_wu, false, 0, 0xb33e041100, 0, 0, 0xffffffff4e781044, 0x0 },
    { exec_fsqrt_s, false, 1, 0xffffffff806e67b7, 0xffffffff3ffd9890,
      0xffffffff459d8996, 0xffffffff7fc00000, 0x10 },
    { exec_fnmsub_s, false, 3, 0xffffffff41180000, 0xffffffffd36a9864,
      0xffffffff0098866f, 0xffffffff550b4a7c, 0x1 },
    { exec_fadd_s, false, 2, 0xffffffff88e26885, 0xffffffffc09b8000,
      0xfffffffffffe170d, 0xffffffffc09b8001, 0x1 },
    { exec_fsub_d, false, 0, 0x1, 0x40c7d4802b17cc49, 0x44339b3793e00000,
      0xc0c7d4802b17cc49, 0x1 },
    { exec_fcvt_s_w, false, 2, 0x6b51061e86098e55, 0, 0, 0xffffffffcef3ece4,
      0x1 },
    { exec_fnmsub_d, false, 0, 0x81460b1eb0def75f, 0xc0c29a2e974e09e8,
      0xc407667793361380, 0xc407667793361380, 0x1 },
    { exec_fdiv_s, false, 3, 0xffffffff06233ace, 0xffffffff80ead3c3,
      0xffffffffc4abc7b7, 0xffffffffc4b1f271, 0x1 },
    { exec_fcvt_s_lu, false, 4, 0x5cf7e8f1f01af7dc, 0, 0, 0xffffffff5eb9efd2,
      0x1 },
    { exec_fmul_s, false, 1, 0xffffffffd1a0b717, 0xffffffffae14af28,
      0xffffffff40d5dd00, 0xffffffff403aaf9f, 0x1 },
    { exec_fcvt_s_lu, false, 0, 0x759477589d7dbd8, 0, 0, 0xffffffff5ceb28ef,
      0x1 },
    { exec_fsub_d, false, 2, 0x41a26253e82a333a, 0xffcdfbe6b12eaece,
      0x3f1f10a1c7d8ccdf, 0x7fcdfbe6b12eaece, 0x1 },
    { exec_fdiv_s, false, 3, 0xfffffffff4b32acd, 0xffffffff3f98eab3,
      0xffffffff4b73d1ed, 0xfffffffff495f91a, 0x1 },
    { exec_fcvt_s_wu, false, 0, 0x12663e19e4, 0, 0, 0xffffffff4ecc7c34, 0x1 },
    { exec_fcvt_l_d, true, 3, 0x42f637590ccd4306, 0, 0, 0x1637590ccd431, 0x1 },
    { exec_fadd_d, false, 1, 0xc159d0193450c5ac, 0xd34e011af9a63702,
      0x68af6cbf9bbc79, 0xd34e011af9a63702, 0x1 },
    { exec_fsub_d, false, 3, 0xc0c5487fbdb0fdfa, 0x40611dff6a996998,
      0x811333d728137cf8, 0xc0c58cf7bb5b63a0, 0x1 },
    { exec_fsub_d, false, 2, 0xcc31b5c2d091a82b, 0xa508c50979971,
      0x3fddc0ad60000000, 0xcc31b5c2d091a82c, 0x1 },
    { exec_fcvt_s_w, false, 4, 0x8000000000000000, 0, 0, 0xffffffff00000000,
      0x0 },
    { exec_fmsub_d, false, 4, 0xfff5cc840e17b393, 0xc0eb7bb2cd56e1ac,
      0x1004744b32bcc3, 0x7ff8000000000000, 0x10 },
    { exec_fnmsub_d, false, 2, 0x184db731471b55, 0xc0005df800000000,
      0x800c734a3650e34f, 0x22a2ce838492ca, 0x1 },
    { exec_fnmadd_s, false, 4, 0xffffffff0024797d, 0xffffffffcfc00000,
      0xffffffffb6a47bf1, 0xffffffff36a47bf1, 0x1 },
    { exec_fcvt_s_d, false, 1, 0xfff0000000000000, 0, 0, 0xffffffffff800000,
      0x0 },
    { exec_fsqrt_s, false, 4, 0xffffffff85ca313c, 0xffffffff50d3cf21,
      0xffffffffc733905b, 0xffffffff7fc00000, 0x10 },
    { exec_fsub_d, false, 2, 0x28c57ec9fa4b4712, 0xc047f41b0e231dd4,
      0x3e9e35a9984cf706, 0x4047f41b0e231dd4, 0x1 },
    { exec_fadd_d, false, 0, 0xfe8034bd41cc4073, 0x80a4f4c52d549b9c,
      0xfcff6502aa89622a, 0xfe8034bd41cc4073, 0x1 },
    { exec_fsqrt_s, false, 1, 0xffffffff8a812cde, 0xffffffff80ed835e,
      0xffffffff3e2d5e1a, 0xffffffff7fc00000, 0x10 },
    { exec_fnmsub_s, false, 1, 0xffffffff41100000, 0xffffffff7110b4cd,
      0xffffffffce10c5aa, 0xfffffffff2a2cb66, 0x1 },
    { exec_fcvt_l_s, true, 0, 0xffffffff7c164f33, 0, 0, 0x7fffffffffffffff,
      0x10 },
    { exec_fcvt_wu_s, true, 1, 0xffffffff42530449, 0, 0, 0x34, 0x1 },
    { exec_fsqrt_s, false, 1, 0xffffffffa91b3c6f, 0xffffffff72f4e125,
      0xffffffffc748a676, 0xffffffff7fc00000, 0x10 },
    { exec_fsub_s, false, 0, 0xffffffff07f185fa, 0xffffffffc19da0a2,
      0xffffffff4b05fd2a, 0xffffffff419da0a2, 0x1 },
    { exec_fsub_s, false, 1, 0xffffffffbf672945, 0xffffffffff800000,
      0xffffffffbe0175a0, 0xffffffff7f800000, 0x0 },
    { exec_fnmsub_d, false, 3, 0x415d087b926b6a77, 0x6f721cc285163,
      0xbeaaee97e79219be, 0xbeaaee97e79219be, 0x1 },
    { exec_fadd_d, false, 1, 0xc02a850000000000, 0x3e05092a850347ad,
      0x800727e7e2ca6e0c, 0xc02a84fffffabdb5, 0x1 },
    { exec_fcvt_lu_d, true, 2, 0x15b0f6927da62bd, 0, 0, 0x0, 0x1 },
    { exec_fmul_d, false, 1, 0xbeefa5fc83ac7363, 0xb922bd776e058c90,
      0x3fc65b381ae11e79, 0x382288c0838dce13, 0x1 },
    { exec_fnmsub_s, false, 4, 0xffffffff8100a6f8, 0xffffffffd68edb68,
      0xffffffffbede2b80, 0xffffffffbede2b80, 0x1 },
    { exec_fcvt_wu_d, true, 1, 0xffe09eca522aa034, 0, 0, 0x0, 0x10 },
    { exec_fmadd_d, false, 2, 0xbd9716c47082a978, 0x800cefaa8acfc851,
      0x41266f7774e5b956, 0x41266f7774e5b956, 0x1 },
    { exec_fcvt_d_s, false, 0, 0xffffffff3f800000, 0, 0, 0x3ff0000000000000,
      0x0 },
    { exec_fadd_s, false, 4, 0xffffffffb8e4f999, 0xffffffff7fc00000,
      0xffffffff8a152a6d, 0xffffffff7fc00000, 0x0 },
    { exec_fadd_s, false, 1, 0xffffffff017450aa, 0xffffffff7f5276c6,
      0xffffffffc0210000, 0xffffffff7f5276c6, 0x1 },
    { exec_fcvt_w_s, true, 3, 0xffffffff52a93b2d, 0, 0, 0x7fffffff, 0x10 },
    { exec_fcvt_d_lu, false, 3, 0x66b6f9fa80, 0, 0, 0x4259adbe7ea00000, 0x0 },
    { exec_fmul_d, false, 0, 0xb1fcacc36b124541, 0x3e5f867fb0fb19ee,
      0x7fd153fdee189aa5, 0xb06c3fe32e48d5af, 0x1 },
    { exec_fadd_s, false, 1, 0xffffffff7fc00000, 0xffffffff56c46000,
      0xffffffff4603de7b, 0xffffffff7fc00000, 0x0 },
    { exec_fcvt_w_d, true, 3, 0xc08918d3fce513ca, 0, 0, 0xfffffffffffffcdd,
      0x1 },
    { exec_fcvt_d_s, false, 3, 0xffffffff72e7bd38, 0, 0, 0x465cf7a700000000,
      0x0 },
    { exec_fmadd_d, false, 2, 0x43cb71b62fdfea00, 0xbf0ecd029bf260dc,
      0x801c3890836afb2e, 0xc2ea6a6d80deaa4d, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffffbe862f80, 0xffffffff800aaf66,
      0xffffffff924def12, 0xffffffff924def11, 0x1 },
    { exec_fsqrt_s, false, 2, 0xffffffffca94107f, 0xffffffff43e9a99a,
      0xffffffff41ce7fc0, 0xffffffff7fc00000, 0x10 },
    { exec_fnmsub_s, false, 1, 0xffffffff00657247, 0xffffffff06b532f5,
      0xffffffffad6fbe0f, 0xffffffffad6fbe0f, 0x1 },
    { exec_fsqrt_d, false, 4, 0x420eb81f2073c739, 0x422f58246ba475c1,
      0xc15299d0c21da470, 0x40ff5a630137095b, 0x1 },
    { exec_fmul_d, false, 3, 0xbeae537126177fd1, 0xc094e8f84b72d130,
      0xfed799fe3d481dc1, 0x3f53d0eefa50222b, 0x1 },
    { exec_fsub_d, false, 4, 0x409337b0bef9b081, 0x41384cc1aba67dc9,
      0x1a0f312ef2d4db, 0xc13847f3bf76bf5d, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffff80000001, 0xffffffff007e4b77,
      0xffffffffff800001, 0xffffffff7fc00000, 0x10 },
    { exec_fcvt_s_w, false, 3, 0xfffffffffb139bf4, 0, 0, 0xffffffffcc9d8c81,
      0x1 },
    { exec_fmsub_d, false, 3, 0x4370000000000000, 0xc0a43e20dc000000,
      0x9fa66f8ab0989, 0xc4243e20dc000000, 0x1 },
    { exec_fmadd_d, false, 4, 0x8008000000000000, 0x80e26820528b6bef,
      0xef390a835ce3d3b7, 0xef390a835ce3d3b7, 0x1 },
    { exec_fnmsub_d, false, 0, 0xc1945e2ca90a9540, 0xd4a0869efb07186d,
      0xbebe02172e3be3cc, 0xd645098bc099b812, 0x1 },
    { exec_fmadd_s, false, 4, 0xffffffff8c9863fe, 0xffffffff0072511a,
      0xffffffffb416cc3d, 0xffffffffb416cc3d, 0x1 },
    { exec_fnmadd_s, false, 3, 0xffffffff3e10c141, 0xffffffffc07267a7,
      0xffffffff2d7ebf78, 0xffffffff3f09114c, 0x1 },
    { exec_fadd_s, false, 3, 0xffffffff0020d108, 0xffffffff41f67d60,
      0xffffffff0043056e, 0xffffffff41f67d61, 0x1 },
    { exec_fadd_s, false, 3, 0xffffffff0739a5fb, 0xffffffffb0a68fcf,
      0xffffffff436b41ac, 0xffffffffb0a68fce, 0x1 },
    { exec_fmadd_d, false, 2, 0x7f64b3ac8c90074d, 0x40d440cf42c2aad6,
      0x7feb3504b0ccec01, 0x7fefffffffffffff, 0x5 },
    { exec_fcvt_w_d, true, 2, 0x43d943887c7a2a6e, 0, 0, 0x7fffffff, 0x10 },
    { exec_fcvt_d_w, false, 4, 0xfffffffffca1d712, 0, 0, 0xc18af14770000000,
      0x0 },
    { exec_fsub_s, false, 1, 0xffffffff7efc252a, 0xfffffffff808c1a6,
      0xffffffffcd01841b, 0xffffffff7efc2970, 0x1 },
    { exec_fdiv_d, false, 2, 0xc1a38c31052d56df, 0xc034490400000000,
      0xfff0000000000000, 0x415ed62117de0249, 0x1 },
    { exec_fmadd_s, false, 2, 0xfffffffffdd17c47, 0xffffffffc11cb094,
      0xffffffff006b58ac, 0xffffffff7f7fffff, 0x5 },
    { exec_fmadd_s, false, 2, 0xffffffff80643ac2, 0xffffffff3e8d4036,
      0xffffffff022d8af2, 0xffffffff022a1619, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff000ae018, 0, 0, 0x37d5c03000000000,
      0x0 },
    { exec_fcvt_s_l, false, 3, 0x1bb5b0ea1a48725, 0, 0, 0xffffffff5bddad88,
      0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffffb28b55e7, 0, 0, 0xbe516abce0000000,
      0x0 },
    { exec_fadd_s, false, 2, 0xffffffff3873da73, 0xffffffffbf429ac0,
      0xffffffffbc1e33f3, 0xffffffffbf4296f1, 0x1 },
    { exec_fsqrt_s, false, 0, 0xffffffff46bb52c7, 0xffffffffffc00000,
      0xffffffff31ff8e45, 0xffffffff431ad8aa, 0x1 },
    { exec_fcvt_s_d, false, 2, 0x8016a387300b1b6e, 0, 0, 0xffffffff80000001,
      0x3 },
    { exec_fnmsub_s, false, 3, 0xffffffff50e031af, 0xffffffff74b07914,
      0xffffffffbe98ae20, 0xffffffffff7fffff, 0x5 },
    { exec_fnmadd_s, false, 2, 0xffffffffbe6e4000, 0xffffffff2c157dd5,
      0xffffffff2ba6944f, 0xffffffffab420843, 0x1 },
    { exec_fdiv_s, false, 0, 0xffffffff4e768f47, 0xffffffff71784c9e,
      0xffffffffba52e926, 0xffffffff1c7e34d9, 0x1 },
    { exec_fmadd_s, false, 2, 0xfffffffffe7f38d6, 0xffffffffcf7c8fbb,
      0xffffffffb57e0e0e, 0xffffffff7f7fffff, 0x5 },
    { exec_fmsub_s, false, 2, 0xffffffff4de1a200, 0xffffffff5b9a4000,
      0xffffffff40b10000, 0xffffffff6a07f3dc, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff475b0802, 0, 0, 0x40eb610040000000,
      0x0 },
    { exec_fcvt_lu_d, true, 0, 0x10461877838e992, 0, 0, 0x0, 0x1 },
    { exec_fmadd_d, false, 1, 0x8000000000000, 0xbfb5d4ab884a3df2,
      0x3ecbc761ed86adfb, 0x3ecbc761ed86adfa, 0x1 },
    { exec_fcvt_l_s, true, 3, 0xffffffffd72afae1, 0, 0, 0xffff55051f000000,
      0x0 },
    { exec_fmsub_s, false, 4, 0xffffffffc18e5f88, 0xffffffffd30cebf7,
      0xffffffff0ea7d222, 0xffffffff551cbef3, 0x1 },
    { exec_fsub_s, false, 0, 0xffffffffc631d706, 0xffffffffcd7fb4ac,
      0xffffffffc06efb5c, 0xffffffff4d7fb1e5, 0x1 },
    { exec_fnmadd_s, false, 2, 0xffffffff003e4992, 0xffffffffb6e72fea,
      0xffffffff7e8568b5, 0xfffffffffe8568b5, 0x1 },
    { exec_fadd_d, false, 4, 0xc0293b0b80000000, 0xc1c69a351d7f0e3a,
      0x1543b9e26fbe126, 0xc1c69a3523cdd11a, 0x0 },
    { exec_fcvt_lu_s, true, 4, 0xffffffff5eed9e45, 0, 0, 0x76cf228000000000,
      0x0 },
    { exec_fcvt_d_l, false, 2, 0x398367adf9eaaf42, 0, 0, 0x43ccc1b3d6fcf557,
      0x1 },
    { exec_fmsub_s, false, 3, 0xffffffff53879884, 0xffffffffce616dbf,
      0xffffffff4e907297, 0xffffffffe26ece5a, 0x1 },
    { exec_fdiv_s, false, 4, 0xffffffffbc2ec9ef, 0xffffffffcd2a2658,
      0xffffffff2bdc5947, 0xffffffff2e837d66, 0x1 },
    { exec_fmul_d, false, 1, 0x3ffe6d6a8cf65d80, 0x42508bcb6cd2ad36,
      0x409ad1f2f0eca000, 0x425f7743f5ca0af5, 0x1 },
    { exec_fcvt_wu_d, true, 0, 0x80096dea1880bd7e, 0, 0, 0x0, 0x1 },
    { exec_fadd_s, false, 2, 0xffffffff52883d40, 0xffffffff5b4b2000,
      0xffffffff806e8bbc, 0xffffffff5b4b2044, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffff3f95fc00, 0xffffffff5011de98,
      0xffffffff73af0b0d, 0xffffffff73af0b0d, 0x1 },
    { exec_fsub_d, false, 0, 0x3ffabce24ab35f87, 0x40cbfa5d7de06e08,
      0x988a07a8e4da5, 0xc0cbf98796ce186d, 0x1 },
    { exec_fcvt_wu_d, true, 0, 0xbe3c2c1bc5f7dd41, 0, 0, 0x0, 0x1 },
    { exec_fmul_d, false, 4, 0x4026000000000000, 0xc19b759f448974ef,
      0x40260278dff6aeb7, 0xc1d2e0dd7f1e8064, 0x1 },
    { exec_fadd_d, false, 2, 0xc11eafaf9d325dc4, 0x3fc0640c5b145b4d,
      0x1882c882829cf2, 0xc11eafaf1a11faec, 0x1 },
    { exec_fsub_d, false, 1, 0x801f7dcaf8c18336, 0xc34b377d5abebc00,
      0x1baeb51b07ef2c, 0x434b377d5abebbff, 0x1 },
    { exec_fmadd_s, false, 1, 0xffffffff45b13400, 0xffffffff8894b4aa,
      0xffffffff8168935a, 0xffffffff8ecdde3c, 0x1 },
    { exec_fdiv_s, false, 1, 0xffffffff3fa28bd0, 0xffffffff404b6ae3,
      0xffffffff375505c7, 0xffffffff3ecc9045, 0x1 },
    { exec_fnmadd_s, false, 2, 0xffffffff4d440110, 0xffffffff00cb135a,
      0xffffffffd347a5b4, 0xffffffff5347a5b3, 0x1 },
    { exec_fmul_d, false, 0, 0xbfda400000000000, 0xce912b22bf44b6,
      0xc12d2847d9fd8037, 0x80b913156280e65d, 0x1 },
    { exec_fmul_d, false, 2, 0x8000000000000000, 0xbf7b6086325b8d64,
      0xfff8000000000000, 0x0, 0x0 },
    { exec_fcvt_lu_d, true, 4, 0x42dc781449f1baba, 0, 0, 0x71e05127c6eb, 0x1 },
    { exec_fnmsub_d, false, 2, 0x401e4551afbbb800, 0x400a400000000000,
      0x41cc1b251a4b4111, 0x41cc1b250de0d28f, 0x1 },
    { exec_fcvt_wu_s, true, 3, 0xffffffffc7bab913, 0, 0, 0x0, 0x10 },
    { exec_fmul_s, false, 4, 0xffffffff802cefc1, 0xffffffff8023271b,
      0xffffffff3e3c4e00, 0xffffffff00000000, 0x3 },
    { exec_fmadd_d, false, 2, 0xbe164a8d204b7562, 0xc12331494be4ad5c,
      0x42c3660000000000, 0x42c3660000000000, 0x1 },
    { exec_fmadd_s, false, 3, 0xffffffffb4a2e2a4, 0xffffffffff4e6787,
      0xffffffffc56cf9b7, 0xffffffff74835440, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff7379f1b4, 0, 0, 0x466f3e3680000000,
      0x0 },
    { exec_fcvt_s_d, false, 0, 0x7ffe6e95a28b8245, 0, 0, 0xffffffff7fc00000,
      0x0 },
    { exec_fmadd_d, false, 4, 0x400ed80000000000, 0x9cb764c45ba96eed,
      0xbd8eae88be58081a, 0xbd8eae88be58081a, 0x1 },
    { exec_fcvt_s_d, false, 2, 0x3ff70089fc882996, 0, 0, 0xffffffff3fb8044f,
      0x1 },
    { exec_fnmsub_s, false, 0, 0xffffffff914d75c1, 0xffffffffff6da2da,
      0xffffffff40b00000, 0xffffffffd13eb8b7, 0x1 },
    { exec_fcvt_d_s, false, 1, 0xffffffffd2bbfdfa, 0, 0, 0xc2577fbf40000000,
      0x0 },
    { exec_fcvt_w_s, true, 0, 0xffffffffcaf56736, 0, 0, 0xffffffffff854c65,
      0x0 },
    { exec_fsqrt_s, false, 0, 0xffffffff4185e49e, 0xffffffffbe377500,
      0xffffffff404219e5, 0xffffffff4082e9d2, 0x1 },
    { exec_fcvt_d_l, false, 2, 0x7aaab6d9e49d0, 0, 0, 0x431eaaadb6792740, 0x0 },
    { exec_fmsub_s, false, 3, 0xffffffff000f81ce, 0xffffffff803723ec,
      0xffffffffb8a8d876, 0xffffffff38a8d876, 0x1 },
    { exec_fsub_d, false, 4, 0xc06bdd44cda4bba7, 0xbe046cce94e6d0c7,
      0x40887c41818dd063, 0xc06bdd44cda469f4, 0x1 },
    { exec_fmsub_s, false, 3, 0xffffffff9d8249f9, 0xffffffff3fcc885f,
      0xffffffffb1f2a9db, 0xffffffff31f2a9db, 0x1 },
    { exec_fcvt_d_s, false, 2, 0xffffffff4fa83626, 0, 0, 0x41f506c4c0000000,
      0x0 },
    { exec_fnmsub_d, false, 0, 0x7ffc12ed2564988c, 0x7ffb4cef793b6512,
      0x407d7da2fc219e53, 0x7ff8000000000000, 0x0 },
    { exec_fmsub_d, false, 3, 0x8066c5fc82b0a9f8, 0xc04a000000000000,
      0x3dd53d80c20b5557, 0xbdd53d80c20b5556, 0x1 },
    { exec_fdiv_d, false, 2, 0xfe6511ced759ea69, 0xbedbfd7aa6b93821,
      0x42658c86c9e46b04, 0x7f78168549b2c2a5, 0x1 },
    { exec_fadd_d, false, 2, 0x3e9bd08bb032de66, 0xab5cba0bcd6b2,
      0xbffee373ac5eb183, 0x3e9bd08bb032de66, 0x1 },
    { exec_fcvt_lu_d, true, 1, 0xc0bd6b8b16ccf7df, 0, 0, 0x0, 0x10 },
    { exec_fmul_s, false, 3, 0xffffffff0068dc73, 0xffffffff59400000,
      0xffffffffbfc00000, 0xffffffff1a1d4aad, 0x1 },
    { exec_fdiv_d, false, 1, 0x80f88b07cf7e07b5, 0x402d533999c00000,
      0x7fd0e46df838fe21, 0x80bac823d9bd918f, 0x1 },
    { exec_fmul_s, false, 1, 0xffffffff37a309d0, 0xffffffff44ada000,
      0xffffffffc2000000, 0xffffffff3cdd270f, 0x1 },

};

static void test_model(void)
{
    RUN(model_vecs);
}

/* ---- mstatus.FS: written FP state makes it Dirty ---- */

static void test_fs_dirty(void)
{
    static const struct {
        InsnFn *fn;
        bool dirties;
    } cases[] = {
        { exec_fadd_s, true },
        { exec_fmadd_d, true },
        { exec_fsgnj_d, true },
        { exec_fmv_w_x, true },
        { exec_fmv_d_x, true },
        { exec_fcvt_d_s, true },
        { exec_fcvt_s_lu, true },
        { exec_fmin_s, true },
        /* these write only fflags (maybe): dirty as well */
        { exec_feq_d, true },
        { exec_fcvt_w_s, true },
        /* these write no FP state */
        { exec_fclass_s, false },
        { exec_fmv_x_w, false },
        { exec_fmv_x_d, false },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        CPURISCVState *env = fresh_env();
        DecodedInsn d = insn(RNE);

        env->fpr[1] = env->fpr[2] = env->fpr[4] = S(S_ONE);
        cases[i].fn(env, &d);
        if (cases[i].dirties) {
            g_assert_cmphex(env->mstatus & MSTATUS_FS, ==, MSTATUS_FS);
            g_assert_cmphex(env->mstatus & MSTATUS_SD, ==, MSTATUS_SD);
        } else {
            g_assert_cmphex(env->mstatus, ==, 1ULL << MSTATUS_FS_SHIFT);
        }
    }
}

/* fflags accumulate; they are never cleared by an instruction */
static void test_flags_accumulate(void)
{
    CPURISCVState *env = fresh_env();
    DecodedInsn d = insn(RNE);

    env->fflags = DZ;
    env->fpr[1] = S(S_ONE);
    env->fpr[2] = S(0x40400000);
    exec_fdiv_s(env, &d);
    g_assert_cmphex(env->fflags, ==, DZ | NX);
    env->fpr[2] = S(S_ONE);
    exec_fdiv_s(env, &d);
    g_assert_cmphex(env->fflags, ==, DZ | NX);
}

/* A destination register 0 may arrive as the sink number 32: it is f0. */
static void test_rd_f0(void)
{
    CPURISCVState *env = fresh_env();
    DecodedInsn d = insn(RNE);

    d.rd = 32;
    env->fpr[1] = D_ONE;
    env->fpr[2] = D_ONE;
    exec_fadd_d(env, &d);
    g_assert_cmphex(env->fpr[0], ==, D_TWO);
    d.rd = 0;
    exec_fmul_d(env, &d);
    g_assert_cmphex(env->fpr[0], ==, D_ONE);
}

/* ---- Loads and stores through the TLB fast path ---- */

#define TEST_PAGE 0x80000000ULL

static void map_test_page(CPURISCVState *env, uint8_t *buf)
{
    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBEntry *e =
            &env->tlb[m][(TEST_PAGE >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
        e->addr_read = e->addr_write = TEST_PAGE;
        e->addr_code = TLB_INVALID;
        e->addend = (uintptr_t)buf - TEST_PAGE;
        e->paddr = TEST_PAGE;
    }
}

static void test_loadstore(void)
{
    uint8_t *buf = g_malloc0(TARGET_PAGE_SIZE);
    CPURISCVState *env = fresh_env();
    DecodedInsn d = insn(0);
    uint32_t w = 0x3f800000;
    uint64_t q = 0x400921fb54442d18ULL;
    uint32_t w2;
    uint64_t q2;

    map_test_page(env, buf);
    memcpy(buf + 8, &w, 4);
    memcpy(buf + 16, &q, 8);

    /* flw boxes the loaded word; imm is added to x1 */
    env->gpr[1] = TEST_PAGE + 16;
    d.imm = -8;
    exec_flw(env, &d);
    g_assert_cmphex(env->fpr[3], ==, S(w));
    g_assert_cmphex(env->mstatus & MSTATUS_FS, ==, MSTATUS_FS);

    d.imm = 0;
    exec_fld(env, &d);
    g_assert_cmphex(env->fpr[3], ==, q);

    /* fsw stores the low 32 bits whatever the boxing; fsd all 64 */
    env->mstatus = 1ULL << MSTATUS_FS_SHIFT;
    env->fpr[2] = 0x12345678cafef00dULL;
    d.imm = 0x20;
    exec_fsw(env, &d);
    memcpy(&w2, buf + 0x30, 4);
    g_assert_cmphex(w2, ==, 0xcafef00d);
    g_assert_cmphex(buf[0x34], ==, 0);
    d.imm = 0x40;
    exec_fsd(env, &d);
    memcpy(&q2, buf + 0x50, 8);
    g_assert_cmphex(q2, ==, 0x12345678cafef00dULL);
    /* stores do not write FP state */
    g_assert_cmphex(env->mstatus, ==, 1ULL << MSTATUS_FS_SHIFT);
    g_free(buf);
}

/* ---- The fast paths against the exact path, on random operands ---- */

/* In fpu_helper.c: cleared, every operation takes the exact path. */
extern bool riscv_fpu_fast_path;

static uint64_t prng_state;

static uint64_t prng_next(void) /* splitmix64 */
{
    uint64_t z = (prng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/*
 * An operand of the format with precision p and exponent width ew, drawn
 * so that both the fast path (results in range, exact and inexact) and
 * its fallbacks (specials, range ends, cancellation) are well covered.
 */
static uint64_t random_operand(int p, int ew, uint64_t prev)
{
    uint64_t r = prng_next(), sel = prng_next();
    uint64_t fracmask = (1ULL << (p - 1)) - 1;
    uint64_t emax = (1ULL << ew) - 1, bias = emax >> 1;
    uint64_t sign = (r >> 63) << (p - 1 + ew);
    uint64_t frac = r & fracmask, e;
    int k;

    switch (sel % 10) {
    case 0: /* any encoding */
        return r & ((sign << 1) - 1);
    case 1:
    case 2:
    case 3: /* normal, near 1 */
        e = bias - 20 + (sel >> 8) % 41;
        return sign | (e << (p - 1)) | frac;
    case 4:
    case 5: /* few significand bits: exact products, quotients, roots */
        k = (sel >> 8) % 12;
        e = bias - 20 + (sel >> 16) % 41;
        return sign | (e << (p - 1)) | (frac & ~(fracmask >> k));
    case 6: /* near the ends of the exponent range */
        e = (sel >> 8) % 80;
        e = (sel >> 16) & 1 ? emax - 1 - e : 1 + e;
        return sign | (e << (p - 1)) | frac;
    case 7: /* subnormal, zero, infinity, NaN */
        switch ((sel >> 8) % 5) {
        case 0:
            return sign | (frac >> ((sel >> 16) % p));
        case 1:
            return sign;
        case 2:
            return sign | (emax << (p - 1));
        default:
            return sign | (emax << (p - 1)) | (frac | 1);
        }
    default: /* close to the previous operand: cancellation, ties */
        return (prev ^ ((sel >> 8) % 4 == 0 ? sign : 0)) ^
               (r & ((1ULL << ((sel >> 16) % 8)) - 1));
    }
}

static void test_fast_vs_exact(void)
{
    static const struct {
        const char *name;
        InsnFn *fn[2]; /* single, double */
    } ops[] = {
        { "fadd", { exec_fadd_s, exec_fadd_d } },
        { "fsub", { exec_fsub_s, exec_fsub_d } },
        { "fmul", { exec_fmul_s, exec_fmul_d } },
        { "fdiv", { exec_fdiv_s, exec_fdiv_d } },
        { "fsqrt", { exec_fsqrt_s, exec_fsqrt_d } },
        { "fmadd", { exec_fmadd_s, exec_fmadd_d } },
        { "fmsub", { exec_fmsub_s, exec_fmsub_d } },
        { "fnmsub", { exec_fnmsub_s, exec_fnmsub_d } },
        { "fnmadd", { exec_fnmadd_s, exec_fnmadd_d } },
    };
    const int n = 200000;
    CPURISCVState *env = fresh_env();

    prng_state = 0x5eed;
    for (size_t o = 0; o < G_N_ELEMENTS(ops); o++) {
        for (int dbl = 0; dbl < 2; dbl++) {
            int p = dbl ? 53 : 24, ew = dbl ? 11 : 8;
            uint64_t box = dbl ? 0 : 0xffffffff00000000ULL;
            uint64_t prev = 0;
            long mismatches = 0, nx = 0, exact = 0;

            for (int i = 0; i < n; i++) {
                uint64_t in[3], res[3];
                uint32_t flags[3];
                /*
                 * Mostly RNE, static or dynamic (the fast paths' case);
                 * the other modes too (the double FMAs' integer path).
                 */
                int rm = i % 4 < 2 ? RM_RNE : (prng_next() >> 32) % 5;
                DecodedInsn d = insn(i & 1 ? RM_DYN : rm);

                for (int j = 0; j < 3; j++) {
                    in[j] = prev = random_operand(p, ew, prev);
                }
                /* 0: exact, 1: fast, 2: fast with NX already set (the
                 * fast path may then skip computing it). */
                for (int fast = 0; fast < 3; fast++) {
                    env->fpr[1] = box | in[0];
                    env->fpr[2] = box | in[1];
                    env->fpr[4] = box | in[2];
                    env->fpr[3] = 0;
                    env->frm = rm;
                    env->fflags = fast == 2 ? FFLAG_NX : 0;
                    riscv_fpu_fast_path = fast;
                    ops[o].fn[dbl](env, &d);
                    res[fast] = env->fpr[3];
                    flags[fast] = env->fflags;
                }
                riscv_fpu_fast_path = true;
                if (flags[0] == FFLAG_NX) {
                    nx++;
                } else if (flags[0] == 0) {
                    exact++;
                }
                if (res[0] != res[1] || flags[0] != flags[1] ||
                    res[0] != res[2] || (flags[0] | FFLAG_NX) != flags[2]) {
                    if (mismatches++ < 10) {
                        g_test_message("%s.%c %016" PRIx64 " %016" PRIx64
                                       " %016" PRIx64 ": fast %016" PRIx64
                                       "/%02x exact %016" PRIx64 "/%02x",
                                       ops[o].name, dbl ? 'd' : 's', in[0],
                                       in[1], in[2], res[1], flags[1], res[0],
                                       flags[0]);
                    }
                }
            }
            g_test_message("%s.%c: %d vectors, %ld inexact only, %ld exact, "
                           "%ld mismatches",
                           ops[o].name, dbl ? 'd' : 's', n, nx, exact,
                           mismatches);
            if (mismatches) {
                g_test_fail();
            }
            /* The draw must reach both outcomes of the inexact check. */
            g_assert_cmpint(nx, >, n / 10);
            g_assert_cmpint(exact, >, n / 100);
        }
    }
}

/*
 * The fast path must not run when the host rounding mode is not the
 * default: with the host rounding upward, results must still be those of
 * round to nearest (fp_arith does not depend on the host's mode).
 */
static void test_fast_host_env(void)
{
    static const struct {
        InsnFn *fn;
        uint64_t a, b, want;
    } cases[] = {
        /* 1 + 2^-60 rounds down to 1 in RNE, up in the host's mode */
        { exec_fadd_d, 0x3ff0000000000000ULL, 0x3c30000000000000ULL,
          0x3ff0000000000000ULL },
        /* 1/3 is 0x3fd5555555555555 in RNE, ...56 rounding up */
        { exec_fdiv_d, 0x3ff0000000000000ULL, 0x4008000000000000ULL,
          0x3fd5555555555555ULL },
        { exec_fdiv_s, 0xffffffff3f800000ULL, 0xffffffff40400000ULL,
          0xffffffff3eaaaaabULL },
        { exec_fmul_d, 0x3ff0000000000001ULL, 0x3ff0000000000001ULL,
          0x3ff0000000000002ULL },
    };
    int saved = fegetround();

    for (int up = 0; up < 2; up++) {
        g_assert_cmpint(fesetround(up ? FE_UPWARD : FE_TONEAREST), ==, 0);
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            CPURISCVState *env = fresh_env();
            DecodedInsn d = insn(RM_RNE);

            env->fpr[1] = cases[i].a;
            env->fpr[2] = cases[i].b;
            cases[i].fn(env, &d);
            g_assert_cmphex(env->fpr[3], ==, cases[i].want);
            g_assert_cmphex(env->fflags, ==, FFLAG_NX);
        }
    }
    fesetround(saved);
}

int main(int argc, char **argv)
{
    test_cpu = g_new0(RISCVCPU, 1);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/rounding/static", test_rounding_static);
    g_test_add_func("/fpu/rounding/dynamic", test_rounding_dynamic);
    g_test_add_func("/fpu/flags/overflow", test_flags_overflow);
    g_test_add_func("/fpu/flags/underflow", test_flags_underflow);
    g_test_add_func("/fpu/flags/dz-nv", test_flags_dz_nv);
    g_test_add_func("/fpu/flags/accumulate", test_flags_accumulate);
    g_test_add_func("/fpu/nan", test_nan);
    g_test_add_func("/fpu/nanbox", test_nanbox);
    g_test_add_func("/fpu/minmax", test_minmax);
    g_test_add_func("/fpu/compare", test_compare);
    g_test_add_func("/fpu/fclass", test_fclass);
    g_test_add_func("/fpu/cvt/to-int", test_cvt_to_int);
    g_test_add_func("/fpu/cvt/from-int", test_cvt_from_int);
    g_test_add_func("/fpu/cvt/fp", test_cvt_fp);
    g_test_add_func("/fpu/fma", test_fma);
    g_test_add_func("/fpu/zero-sign", test_zero_sign);
    g_test_add_func("/fpu/model", test_model);
    g_test_add_func("/fpu/fs-dirty", test_fs_dirty);
    g_test_add_func("/fpu/rd-f0", test_rd_f0);
    g_test_add_func("/fpu/loadstore", test_loadstore);
    g_test_add_func("/fpu/fast/vs-exact", test_fast_vs_exact);
    g_test_add_func("/fpu/fast/host-env", test_fast_host_env);
    return g_test_run();
}

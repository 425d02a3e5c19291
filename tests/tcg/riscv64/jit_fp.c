/*
 * The translator's inline FP (tcg/x86_64/translate.c) against the cases
 * where it must give way to the handler: with fflags.NX already set (the
 * inline path's condition), results that overflow, underflow, are
 * invalid or divide by zero must still raise their flags; a dynamic
 * rounding mode other than RNE must be honoured; a single that is not
 * NaN-boxed reads as the canonical NaN; writes must make mstatus.FS
 * Dirty; FP loads and stores that fault trap precisely. Each case runs
 * 20 times so its block is translated (jit-hot is 8 by default).
 */
#include "testlib.h"

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

#define RM_RNE 0
#define RM_RUP 3

/* One operation on the bits of a and b, dynamic rounding mode. */
#define FP_OP2(name, insn)                                          \
    static __attribute__((noinline)) u64 name(u64 a, u64 b)         \
    {                                                               \
        u64 r;                                                      \
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn \
                         " ft2, ft0, ft1\n fmv.x.d %0, ft2"         \
                         : "=r"(r)                                  \
                         : "r"(a), "r"(b)                           \
                         : "ft0", "ft1", "ft2");                    \
        return r;                                                   \
    }

FP_OP2(fadd_d, "fadd.d")
FP_OP2(fmul_d, "fmul.d")
FP_OP2(fdiv_d, "fdiv.d")
FP_OP2(fsub_d, "fsub.d")
FP_OP2(fadd_s, "fadd.s")
FP_OP2(fmul_s, "fmul.s")

/* A comparison of the bits of a and b (an integer result). */
#define FP_CMP(name, insn)                                          \
    static __attribute__((noinline)) u64 name(u64 a, u64 b)         \
    {                                                               \
        u64 r;                                                      \
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn \
                         " %0, ft0, ft1"                            \
                         : "=r"(r)                                  \
                         : "r"(a), "r"(b)                           \
                         : "ft0", "ft1");                           \
        return r;                                                   \
    }

FP_CMP(flt_d, "flt.d")
FP_CMP(fle_d, "fle.d")
FP_CMP(feq_d, "feq.d")
FP_CMP(flt_s, "flt.s")
FP_OP2(fsgnjn_d, "fsgnjn.d")
FP_OP2(fsgnjx_d, "fsgnjx.d")

/* (a * b) + c, rounded once */
static __attribute__((noinline)) u64 fmadd_d(u64 a, u64 b, u64 c)
{
    u64 r;

    __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft3, %3\n"
                     "fmadd.d ft2, ft0, ft1, ft3\n fmv.x.d %0, ft2"
                     : "=r"(r)
                     : "r"(a), "r"(b), "r"(c)
                     : "ft0", "ft1", "ft2", "ft3");
    return r;
}

static void check_op(u64 (*op)(u64, u64), u64 a, u64 b, int rm, u64 want,
                     u64 want_flags)
{
    for (int i = 0; i < 20; i++) {
        csr_write(fcsr, (rm << 5) | NX);
        CHECK_EQ(op(a, b), want);
        CHECK_EQ(csr_read(fflags), want_flags);
    }
}

#define ONE       0x3ff0000000000000UL
#define TINY      0x3c30000000000000UL /* 2^-60 */
#define BIG       0x7e37e43c8800759cUL /* 1e300 */
#define SMALL     0x01a56e1fc2f8f359UL /* 1e-300 */
#define DINF      0x7ff0000000000000UL
#define DNAN      0x7ff8000000000000UL /* the canonical NaN */
#define SONE      0xffffffff3f800000UL /* 1.0f, boxed */
#define STWO      0xffffffff40000000UL
#define SNAN_BOX  0xffffffff7fc00000UL /* canonical single NaN, boxed */
#define UNBOXED_1 0x000000003f800000UL

static void test_flags_with_nx_set(void)
{
    check_op(fadd_d, ONE, TINY, RM_RNE, ONE, NX);
    check_op(fadd_d, ONE, TINY, RM_RUP, ONE + 1, NX);
    check_op(fsub_d, ONE, ONE, RM_RNE, 0, NX);
    check_op(fmul_d, BIG, BIG, RM_RNE, DINF, NX | OF);
    check_op(fmul_d, SMALL, SMALL, RM_RNE, 0, NX | UF);
    check_op(fdiv_d, 0, 0, RM_RNE, DNAN, NX | NV);
    check_op(fdiv_d, ONE, 0, RM_RNE, DINF, NX | DZ);
    check_op(fadd_d, DINF, ONE, RM_RNE, DINF, NX);
    check_op(fmul_d, ONE + 1, ONE + 1, RM_RNE, ONE + 2, NX);
    check_op(fadd_s, SONE, SONE, RM_RNE, STWO, NX);
    check_op(fadd_s, UNBOXED_1, SONE, RM_RNE, SNAN_BOX, NX);
    check_op(fmul_s, STWO, UNBOXED_1, RM_RNE, SNAN_BOX, NX);
}

#define MZERO 0x8000000000000000UL
#define DSNAN 0x7ff4000000000000UL

/* Comparisons raise no flag unless an operand is a NaN (any NaN for
 * flt/fle, a signaling one for feq); sign injection. */
static void test_compare_sgnj(void)
{
    check_op(flt_d, ONE, ONE + 1, RM_RNE, 1, NX);
    check_op(flt_d, ONE, ONE, RM_RNE, 0, NX);
    check_op(fle_d, ONE, ONE, RM_RNE, 1, NX);
    check_op(feq_d, 0, MZERO, RM_RNE, 1, NX);
    check_op(flt_d, MZERO, 0, RM_RNE, 0, NX);
    check_op(flt_d, DNAN, ONE, RM_RNE, 0, NX | NV);
    check_op(feq_d, DNAN, ONE, RM_RNE, 0, NX);
    check_op(feq_d, ONE, DSNAN, RM_RNE, 0, NX | NV);
    check_op(flt_s, SONE, STWO, RM_RNE, 1, NX);
    check_op(flt_s, UNBOXED_1, STWO, RM_RNE, 0, NX | NV); /* not boxed: NaN */
    check_op(fsgnjn_d, ONE, ONE, RM_RNE, ONE | MZERO, NX);
    check_op(fsgnjx_d, ONE | MZERO, ONE | MZERO, RM_RNE, ONE, NX);
}

static void test_fma_fused(void)
{
    /* (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60 exactly; unfused it is 0. */
    for (int i = 0; i < 20; i++) {
        csr_write(fcsr, NX);
        CHECK_EQ(fmadd_d(0x3ff0000000400000UL, 0x3fefffffff800000UL,
                         0xbff0000000000000UL),
                 0xbc30000000000000UL);
        CHECK_EQ(csr_read(fflags), NX);
    }
}

/* mstatus.FS Clean, NX set: an inline FP write must still make it Dirty. */
static void test_fs_dirty(void)
{
    static u64 mem = ONE;

    for (int i = 0; i < 20; i++) {
        u64 r;

        csr_write(fcsr, NX);
        csr_clear(mstatus, MSTATUS_FS);
        csr_set(mstatus, 2UL << 13);
        r = fadd_d(ONE, ONE);
        CHECK_EQ(r, 0x4000000000000000UL);
        CHECK_EQ((csr_read(mstatus) >> 13) & 3, 3);
        csr_clear(mstatus, MSTATUS_FS);
        csr_set(mstatus, 2UL << 13);
        __asm__ volatile("fld ft0, 0(%0)" ::"r"(&mem) : "ft0");
        CHECK_EQ((csr_read(mstatus) >> 13) & 3, 3);
    }
}

static __attribute__((noinline)) void fld_at(u64 addr)
{
    __asm__ volatile("fld ft0, 0(%0)" ::"r"(addr) : "ft0", "memory");
}

static __attribute__((noinline)) void fsd_at(u64 addr)
{
    __asm__ volatile("fsd ft0, 0(%0)" ::"r"(addr) : "memory");
}

static void test_faults(void)
{
    static u64 mem[2] = { 0x1234, 0 };

    for (int i = 0; i < 20; i++) {
        TRAP_EXPECT(fld_at(UNMAPPED_ADDR));
        CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR);
        TRAP_EXPECT(fsd_at(UNMAPPED_ADDR + 8));
        CHECK_TRAP(CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8);
        fld_at((u64)&mem[0]);
        fsd_at((u64)&mem[1]);
        CHECK_EQ(mem[1], 0x1234);
        mem[1] = 0;
    }
}

int main(void)
{
    test_flags_with_nx_set();
    test_compare_sgnj();
    test_fma_fused();
    test_fs_dirty();
    test_faults();
    csr_write(fcsr, 0);
    return 0;
}

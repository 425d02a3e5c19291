/*
 * F and D: static and dynamic rounding modes, exact fflags, NaN boxing of
 * single values in the 64-bit registers, the canonical NaN, fmin/fmax with
 * signed zeros and NaNs, fclass, fused multiply-add, saturating
 * conversions, and the FS field of mstatus.  Values are bit patterns.
 */
#include "testlib.h"

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

#define S_ONE      0x3f800000U
#define S_TWO      0x40000000U
#define S_HALF_ULP 0x33800000U /* 2^-24: half an ulp of 1.0 */
#define S_CNAN     0x7fc00000U
#define S_SNAN     0x7f800001U
#define S_INF      0x7f800000U
#define S_MAX      0x7f7fffffU
#define S_MIN_SUB  0x00000001U
#define S_MIN_NORM 0x00800000U
#define S_HALF     0x3f000000U
#define D_ONE      0x3ff0000000000000UL
#define D_CNAN     0x7ff8000000000000UL
#define D_HALF_ULP 0x3ca0000000000000UL /* 2^-53 */
#define BOX(x)     (0xffffffff00000000UL | (x))

static u64 get_flags(void)
{
    return csr_swap(fflags, 0);
}

/* Binary single op: returns the 32-bit result, flags in *fl. */
#define S_OP2(insn, a, b)                                           \
    ({                                                              \
        u64 r_;                                                     \
        csr_write(fflags, 0);                                       \
        __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n" insn \
                         " ft2, ft0, ft1\n fmv.x.w %0, ft2"         \
                         : "=r"(r_)                                 \
                         : "r"((u64)(a)), "r"((u64)(b))             \
                         : "ft0", "ft1", "ft2");                    \
        (u32) r_;                                                   \
    })
#define D_OP2(insn, a, b)                                           \
    ({                                                              \
        u64 r_;                                                     \
        csr_write(fflags, 0);                                       \
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn \
                         " ft2, ft0, ft1\n fmv.x.d %0, ft2"         \
                         : "=r"(r_)                                 \
                         : "r"((u64)(a)), "r"((u64)(b))             \
                         : "ft0", "ft1", "ft2");                    \
        r_;                                                         \
    })
/* Conversion from a float register to an integer one. */
#define CVT_S(insn, a)                                       \
    ({                                                       \
        u64 r_;                                              \
        csr_write(fflags, 0);                                \
        __asm__ volatile("fmv.w.x ft0, %1\n" insn " %0, ft0" \
                         : "=r"(r_)                          \
                         : "r"((u64)(a))                     \
                         : "ft0");                           \
        r_;                                                  \
    })
#define CVT_D(insn, a)                                       \
    ({                                                       \
        u64 r_;                                              \
        csr_write(fflags, 0);                                \
        __asm__ volatile("fmv.d.x ft0, %1\n" insn " %0, ft0" \
                         : "=r"(r_)                          \
                         : "r"((u64)(a))                     \
                         : "ft0");                           \
        r_;                                                  \
    })

static void test_rounding(void)
{
    /* 1 + 2^-24 is a tie between 1 and 1 + 2^-23. */
    CHECK_EQ(S_OP2("fadd.s", S_ONE, S_HALF_ULP), S_ONE);
    CHECK_EQ(get_flags(), (u64)NX);
    u32 up = S_ONE + 1;
    /* Static modes: rne, rtz, rdn, rup, rmm. */
    {
        u64 r;
        u32 a = S_ONE, b = S_HALF_ULP;
#define RM_CASE(rm, want)                                             \
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n"            \
                     "fadd.s ft2, ft0, ft1, " rm "\n fmv.x.w %0, ft2" \
                     : "=r"(r)                                        \
                     : "r"((u64)a), "r"((u64)b)                       \
                     : "ft0", "ft1", "ft2");                          \
    CHECK_EQ((u32)r, want)
        RM_CASE("rne", S_ONE);
        RM_CASE("rtz", S_ONE);
        RM_CASE("rdn", S_ONE);
        RM_CASE("rup", up);
        RM_CASE("rmm", up);
        a = S_ONE | 0x80000000U;
        b = 0x80000000U | S_HALF_ULP; /* -1 - 2^-24: a tie */
        RM_CASE("rne", S_ONE | 0x80000000U);
        RM_CASE("rtz", S_ONE | 0x80000000U);
        RM_CASE("rdn", up | 0x80000000U);
        RM_CASE("rup", S_ONE | 0x80000000U);
        RM_CASE("rmm", up | 0x80000000U);
        /* Dynamic: frm. */
        a = S_ONE;
        b = S_HALF_ULP;
        csr_write(frm, 3); /* RUP */
        RM_CASE("dyn", up);
        CHECK_EQ(csr_read(fcsr), (3UL << 5) | NX);
        csr_write(frm, 1); /* RTZ */
        RM_CASE("dyn", S_ONE);
        csr_write(frm, 0);
    }
    /* Double: 1 + 2^-53 ties to 1 (RNE) and rounds up under RUP. */
    CHECK_EQ(D_OP2("fadd.d", D_ONE, D_HALF_ULP), D_ONE);
    CHECK_EQ(get_flags(), (u64)NX);
    {
        u64 r;
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n"
                         "fadd.d ft2, ft0, ft1, rup\n fmv.x.d %0, ft2"
                         : "=r"(r)
                         : "r"(D_ONE), "r"(D_HALF_ULP)
                         : "ft0", "ft1", "ft2");
        CHECK_EQ(r, D_ONE + 1);
    }
    /* Reserved frm values make dynamic-rounding instructions illegal. */
    csr_write(frm, 5);
    TRAP_EXPECT(__asm__ volatile("fadd.s ft0, ft1, ft2, dyn" ::: "ft0"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x0020f053UL);
    csr_write(frm, 7);
    TRAP_EXPECT(__asm__ volatile("fadd.d ft0, ft1, ft2, dyn" ::: "ft0"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x0220f053UL);
    csr_write(frm, 0);
    /* A reserved static rm (5) is illegal. */
    TRAP_EXPECT(__asm__ volatile(".word 0x002050d3"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x002050d3UL);
    /* Instructions without rounding don't care about frm. */
    csr_write(frm, 6);
    TRAP_EXPECT(__asm__ volatile("fsgnj.d ft0, ft1, ft1" ::: "ft0"));
    CHECK_NO_TRAP();
    csr_write(frm, 0);
    trap.armed = 0;
}

static void test_flags(void)
{
    CHECK_EQ(S_OP2("fdiv.s", S_ONE, 0), S_INF);
    CHECK_EQ(get_flags(), (u64)DZ);
    CHECK_EQ(S_OP2("fdiv.s", 0, 0), S_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(S_OP2("fmul.s", S_MAX, S_TWO), S_INF);
    CHECK_EQ(get_flags(), (u64)(OF | NX));
    /* Exact subnormal result: no underflow flag. */
    CHECK_EQ(S_OP2("fmul.s", S_MIN_NORM, S_HALF), 0x00400000U);
    CHECK_EQ(get_flags(), 0UL);
    /* Inexact tiny result: UF | NX; the tie rounds to even (zero). */
    CHECK_EQ(S_OP2("fmul.s", S_MIN_SUB, S_HALF), 0U);
    CHECK_EQ(get_flags(), (u64)(UF | NX));
    CHECK_EQ(S_OP2("fsub.s", S_INF, S_INF), S_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(S_OP2("fadd.s", S_ONE, S_ONE), S_TWO);
    CHECK_EQ(get_flags(), 0UL);
    /* Flags accumulate; fcsr holds frm and fflags. */
    csr_write(fcsr, 0);
    (void)S_OP2("fdiv.s", S_ONE, 0);
    csr_set(fflags, NX);
    CHECK_EQ(csr_read(fflags), (u64)(DZ | NX));
    csr_write(fcsr, 0xff);
    CHECK_EQ(csr_read(frm), 7UL);
    CHECK_EQ(csr_read(fflags), 0x1fUL);
    csr_write(fcsr, 0);
    /* sqrt of a negative number. */
    CHECK_EQ(CVT_D("fsqrt.d ft0, ft0\n fmv.x.d", 0xbff0000000000000UL), D_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_D("fsqrt.d ft0, ft0\n fmv.x.d", 0x4010000000000000UL),
             0x4000000000000000UL);
    CHECK_EQ(get_flags(), 0UL);
}

static void test_nan(void)
{
    /* A signaling NaN operand: invalid, canonical NaN out. */
    CHECK_EQ(S_OP2("fadd.s", S_SNAN, S_ONE), S_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
    /* A quiet NaN with payload: no flag, canonical NaN out. */
    CHECK_EQ(S_OP2("fmul.s", 0xffc12345U, S_ONE), S_CNAN);
    CHECK_EQ(get_flags(), 0UL);
    CHECK_EQ(D_OP2("fadd.d", 0x7ff0000000000001UL, D_ONE), D_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
    /* Single values are NaN-boxed in the 64-bit registers. */
    u64 r;
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"((u64)S_ONE)
                     : "ft0");
    CHECK_EQ(r, BOX(S_ONE));
    static volatile u32 mem32 = S_TWO;
    __asm__ volatile("flw ft0, 0(%1)\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(&mem32)
                     : "ft0");
    CHECK_EQ(r, BOX(S_TWO));
    /* An improperly boxed single reads as the canonical NaN. */
    CHECK_EQ(D_OP2("fadd.s", (u64)S_ONE, BOX(S_ONE)), BOX(S_CNAN));
    CHECK_EQ(D_OP2("fsgnj.s", 0x00000000ffffffffUL, BOX(S_ONE)), BOX(S_CNAN));
    CHECK_EQ(CVT_D("fclass.s", 0x000000003f800000UL), 1UL << 9);
    /* fmv.x.w takes the low 32 bits as they are, sign-extended. */
    CHECK_EQ(CVT_D("fmv.x.w", 0x12345678cafef00dUL), 0xffffffffcafef00dUL);
    /* fcvt.s.d of a NaN is the canonical NaN; d.s too. */
    CHECK_EQ(CVT_D("fcvt.s.d ft0, ft0\n fmv.x.d", 0x7ff0000000000001UL),
             BOX(S_CNAN));
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_S("fcvt.d.s ft0, ft0\n fmv.x.d", 0xffc00001U), D_CNAN);
    /* fsgnj family works on the bits, NaN or not. */
    CHECK_EQ(S_OP2("fsgnjn.s", S_SNAN, S_SNAN), S_SNAN | 0x80000000U);
    CHECK_EQ(S_OP2("fsgnjx.s", 0x80000000U | S_ONE, 0x80000000U), S_ONE);
    CHECK_EQ(get_flags(), 0UL);
}

static void test_minmax(void)
{
    CHECK_EQ(S_OP2("fmin.s", 0x80000000U, 0), 0x80000000U);
    CHECK_EQ(S_OP2("fmin.s", 0, 0x80000000U), 0x80000000U);
    CHECK_EQ(S_OP2("fmax.s", 0x80000000U, 0), 0U);
    CHECK_EQ(S_OP2("fmin.s", S_CNAN, S_ONE), S_ONE);
    CHECK_EQ(get_flags(), 0UL);
    CHECK_EQ(S_OP2("fmax.s", S_ONE, 0x7fc01234U), S_ONE);
    CHECK_EQ(S_OP2("fmin.s", S_SNAN, S_ONE), S_ONE);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(S_OP2("fmax.s", 0x7fc01234U, 0xffc00000U), S_CNAN);
    CHECK_EQ(D_OP2("fmax.d", 0x8000000000000000UL, 0), 0UL);
    CHECK_EQ(D_OP2("fmin.d", D_CNAN | 5, D_ONE), D_ONE);
    /* Comparisons: feq is quiet, flt/fle signal on any NaN. */
    u64 r;
    csr_write(fflags, 0);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n feq.s %0, ft0, ft1"
                     : "=r"(r)
                     : "r"((u64)S_CNAN), "r"((u64)S_ONE)
                     : "ft0", "ft1");
    CHECK_EQ(r, 0UL);
    CHECK_EQ(get_flags(), 0UL);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n flt.s %0, ft0, ft1"
                     : "=r"(r)
                     : "r"((u64)S_CNAN), "r"((u64)S_ONE)
                     : "ft0", "ft1");
    CHECK_EQ(r, 0UL);
    CHECK_EQ(get_flags(), (u64)NV);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n feq.s %0, ft0, ft1"
                     : "=r"(r)
                     : "r"((u64)S_SNAN), "r"((u64)S_ONE)
                     : "ft0", "ft1");
    CHECK_EQ(get_flags(), (u64)NV);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n fle.s %0, ft0, ft1"
                     : "=r"(r)
                     : "r"((u64)0x80000000U), "r"(0UL)
                     : "ft0", "ft1");
    CHECK_EQ(r, 1UL);
}

static void test_fclass(void)
{
    CHECK_EQ(CVT_S("fclass.s", 0xff800000U), 1UL << 0);
    CHECK_EQ(CVT_S("fclass.s", 0xbf800000U), 1UL << 1);
    CHECK_EQ(CVT_S("fclass.s", 0x80000001U), 1UL << 2);
    CHECK_EQ(CVT_S("fclass.s", 0x80000000U), 1UL << 3);
    CHECK_EQ(CVT_S("fclass.s", 0U), 1UL << 4);
    CHECK_EQ(CVT_S("fclass.s", 1U), 1UL << 5);
    CHECK_EQ(CVT_S("fclass.s", S_ONE), 1UL << 6);
    CHECK_EQ(CVT_S("fclass.s", S_INF), 1UL << 7);
    CHECK_EQ(CVT_S("fclass.s", S_SNAN), 1UL << 8);
    CHECK_EQ(CVT_S("fclass.s", S_CNAN), 1UL << 9);
    CHECK_EQ(CVT_D("fclass.d", 0xfff0000000000000UL), 1UL << 0);
    CHECK_EQ(CVT_D("fclass.d", 0x000fffffffffffffUL), 1UL << 5);
    CHECK_EQ(CVT_D("fclass.d", 0x7ff0000000000001UL), 1UL << 8);
    CHECK_EQ(CVT_D("fclass.d", D_CNAN), 1UL << 9);
    CHECK_EQ(get_flags(), 0UL);
}

static void test_convert(void)
{
    CHECK_EQ(CVT_S("fcvt.w.s", S_CNAN), 0x7fffffffUL);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_S("fcvt.w.s", S_INF), 0x7fffffffUL);
    CHECK_EQ(CVT_S("fcvt.w.s", 0xff800000U), 0xffffffff80000000UL);
    CHECK_EQ(CVT_S("fcvt.w.s", 0x4f32d05eU), 0x7fffffffUL); /* 3e9 */
    CHECK_EQ(get_flags(), (u64)NV);
    /* fcvt.wu results are sign-extended from 32 bits. */
    CHECK_EQ(CVT_S("fcvt.wu.s", 0x4f32d05eU), 0xffffffffb2d05e00UL);
    CHECK_EQ(get_flags(), 0UL);
    CHECK_EQ(CVT_S("fcvt.wu.s", 0xbf800000U), 0UL); /* -1 */
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_S("fcvt.wu.s", S_CNAN), ~0UL);
    /* -0.5 rounds to 0 (RNE, RTZ): inexact, not invalid. */
    CHECK_EQ(CVT_S("fcvt.wu.s", 0xbf000000U), 0UL);
    CHECK_EQ(get_flags(), (u64)NX);
    CHECK_EQ(CVT_S("fcvt.w.s", 0x40200000U), 2UL); /* 2.5, RNE */
    CHECK_EQ(get_flags(), (u64)NX);
    u64 r;
    __asm__ volatile("fmv.w.x ft0, %1\n fcvt.w.s %0, ft0, rmm"
                     : "=r"(r)
                     : "r"(0x40200000UL)
                     : "ft0");
    CHECK_EQ(r, 3UL);
    __asm__ volatile("fmv.w.x ft0, %1\n fcvt.w.s %0, ft0, rdn"
                     : "=r"(r)
                     : "r"(0xc0200000UL)
                     : "ft0");
    CHECK_EQ(r, (u64)-3);
    CHECK_EQ(CVT_D("fcvt.l.d", 0x43e0000000000000UL), 0x7fffffffffffffffUL);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_D("fcvt.l.d", 0xc3e0000000000000UL), 0x8000000000000000UL);
    CHECK_EQ(get_flags(), 0UL);
    CHECK_EQ(CVT_D("fcvt.lu.d", D_CNAN), ~0UL);
    CHECK_EQ(CVT_D("fcvt.lu.d", 0xfff0000000000000UL), 0UL);
    CHECK_EQ(get_flags(), (u64)NV);
    CHECK_EQ(CVT_D("fcvt.w.d", 0x41dfffffffd00000UL), 0x7fffffffUL);
    CHECK_EQ(get_flags(), (u64)NX); /* 2^31 - 0.75 rounds to 2^31 - 1 */
    /* Integer to float: rounding and NX. */
    csr_write(fflags, 0);
    __asm__ volatile("fcvt.s.l ft0, %1\n fmv.x.w %0, ft0"
                     : "=r"(r)
                     : "r"(0x1000001UL) /* 2^24 + 1 */
                     : "ft0");
    CHECK_EQ(r, 0x4b800000UL);
    CHECK_EQ(get_flags(), (u64)NX);
    __asm__ volatile("fcvt.d.lu ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(~0UL)
                     : "ft0");
    CHECK_EQ(r, 0x43f0000000000000UL);
    __asm__ volatile("fcvt.s.wu ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(0xffffffff00000001UL)
                     : "ft0");
    CHECK_EQ(r, BOX(S_ONE));
}

static void test_fma(void)
{
    /* (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 only when fused. */
    u64 r;
    csr_write(fflags, 0);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n fmv.w.x ft2, %3\n"
                     "fmsub.s ft3, ft0, ft1, ft2\n fmv.x.w %0, ft3"
                     : "=r"(r)
                     : "r"(0x3f800001UL), "r"(0x3f7ffffeUL), "r"((u64)S_ONE)
                     : "ft0", "ft1", "ft2", "ft3");
    CHECK_EQ((u32)r, 0xa8800000U);
    CHECK_EQ(get_flags(), 0UL);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n fmv.w.x ft2, %3\n"
                     "fnmadd.s ft3, ft0, ft1, ft2\n fmv.x.w %0, ft3"
                     : "=r"(r)
                     : "r"((u64)S_TWO), "r"((u64)S_TWO), "r"((u64)S_ONE)
                     : "ft0", "ft1", "ft2", "ft3");
    CHECK_EQ((u32)r, 0xc0a00000U); /* -(2*2 + 1) */
    /* inf * 0 + qNaN: invalid. */
    __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft2, %3\n"
                     "fmadd.d ft3, ft0, ft1, ft2\n fmv.x.d %0, ft3"
                     : "=r"(r)
                     : "r"(0x7ff0000000000000UL), "r"(0UL), "r"(D_CNAN)
                     : "ft0", "ft1", "ft2", "ft3");
    CHECK_EQ(r, D_CNAN);
    CHECK_EQ(get_flags(), (u64)NV);
}

static void test_loads_stores(void)
{
    static volatile u64 m[4] __attribute__((aligned(16)));
    u64 r;
    m[0] = 0x400921fb54442d18UL; /* pi */
    m[1] = 0;
    m[2] = 0x11111111c0490fdbUL;
    __asm__ volatile("fld ft0, 0(%1)\n fsd ft0, 8(%1)\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(m)
                     : "ft0", "memory");
    CHECK_EQ(r, m[0]);
    CHECK_EQ(m[1], m[0]);
    /* flw boxes; fsw stores the low 32 bits, boxed or not. */
    __asm__ volatile("flw ft0, 16(%1)\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(m)
                     : "ft0");
    CHECK_EQ(r, BOX(0xc0490fdbU));
    __asm__ volatile("fld ft0, 0(%0)\n fsw ft0, 24(%0)" ::"r"(m)
                     : "ft0", "memory");
    CHECK_EQ(m[3] & 0xffffffffUL, 0x54442d18UL);
    /* Compressed forms: c.fld/c.fsd (x8-x15, f8-f15), c.fldsp/c.fsdsp. */
    m[1] = 0;
    __asm__ volatile(".option push\n .option rvc\n mv a0, %1\n"
                     " c.fld fa0, 0(a0)\n c.fsd fa0, 8(a0)\n"
                     " addi sp, sp, -16\n c.fsdsp fa0, 8(sp)\n"
                     " c.fldsp fa1, 8(sp)\n addi sp, sp, 16\n"
                     " fmv.x.d %0, fa1\n .option pop"
                     : "=r"(r)
                     : "r"(m)
                     : "a0", "fa0", "fa1", "memory");
    CHECK_EQ(m[1], m[0]);
    CHECK_EQ(r, m[0]);
    /* An FP load from a hole faults like an integer one. */
    TRAP_EXPECT(__asm__ volatile("fld ft0, 0(%0)" ::"r"(UNMAPPED_ADDR)
                                 : "ft0"));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR);
}

static void test_fs(void)
{
    /* FS = Off: FP instructions and fcsr are illegal. */
    csr_clear(mstatus, MSTATUS_FS);
    TRAP_EXPECT(__asm__ volatile("fadd.d ft0, ft0, ft0" ::: "ft0"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x02007053UL);
    TRAP_EXPECT(__asm__ volatile("csrr a0, fcsr" ::: "a0"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x00302573UL);
    /* FS = Clean: an FP write makes it Dirty, and SD shows it. */
    csr_set(mstatus, 2UL << 13);
    CHECK_EQ(csr_read(mstatus) >> 63, 0UL);
    __asm__ volatile("fmv.w.x ft0, zero" ::: "ft0");
    CHECK_EQ((csr_read(mstatus) >> 13) & 3, 3UL);
    CHECK_EQ(csr_read(mstatus) >> 63, 1UL);
}

int main(void)
{
    test_rounding();
    test_flags();
    test_nan();
    test_minmax();
    test_fclass();
    test_convert();
    test_fma();
    test_loads_stores();
    test_fs();
    return 0;
}

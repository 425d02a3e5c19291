/*
 * Zfh and Zfhmin (run with -cpu rv64,Zfh=on): loads and stores, moves
 * (fmv.x.h sign-extends, fmv.h.x NaN-boxes), NaN boxing of half
 * operands, rounding in static and dynamic modes, exact fflags
 * (NX, UF after rounding, OF, DZ, NV), conversions and fclass. Values are
 * bit patterns, worked out by hand from the binary16 format.
 */
#include "testlib.h"

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

#define H_ONE   0x3c00
#define H_TWO   0x4000
#define H_THREE 0x4200
#define H_HALF  0x3800
#define H_CNAN  0x7e00
#define H_SNAN  0x7c01
#define H_INF   0x7c00
#define H_MAX   0x7bff
#define HBOX(x) (0xffffffffffff0000UL | (x))

static u64 flags_after;

/* Two-operand op on raw 64-bit register values; the raw result. */
#define H_OP2(insn, a, b) H_OP2RM(insn, "", a, b)
#define H_OP2RM(insn, rm, a, b)                                     \
    ({                                                              \
        u64 r_;                                                     \
        csr_write(fflags, 0);                                       \
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn \
                         " ft2, ft0, ft1" rm "\n fmv.x.d %0, ft2"   \
                         : "=r"(r_)                                 \
                         : "r"((u64)(a)), "r"((u64)(b))             \
                         : "ft0", "ft1", "ft2");                    \
        flags_after = csr_swap(fflags, 0);                          \
        r_;                                                         \
    })
#define H_OP1(insn, a)                                          \
    ({                                                          \
        u64 r_;                                                 \
        csr_write(fflags, 0);                                   \
        __asm__ volatile("fmv.d.x ft0, %1\n" insn " ft2, ft0\n" \
                         "fmv.x.d %0, ft2"                      \
                         : "=r"(r_)                             \
                         : "r"((u64)(a))                        \
                         : "ft0", "ft2");                       \
        flags_after = csr_swap(fflags, 0);                      \
        r_;                                                     \
    })
/* From a float register to an integer register. */
#define H_TOX(insn, a) H_TOXRM(insn, "", a)
#define H_TOXRM(insn, rm, a)                                    \
    ({                                                          \
        u64 r_;                                                 \
        csr_write(fflags, 0);                                   \
        __asm__ volatile("fmv.d.x ft0, %1\n" insn " %0, ft0" rm \
                         : "=r"(r_)                             \
                         : "r"((u64)(a))                        \
                         : "ft0");                              \
        flags_after = csr_swap(fflags, 0);                      \
        r_;                                                     \
    })

static void test_load_store_move(void)
{
    static volatile uint16_t mem[2] = { 0xbc00, 0 };
    u64 r;

    __asm__ volatile("flh ft0, 0(%1)\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(mem)
                     : "ft0", "memory");
    CHECK_EQ(r, HBOX(0xbc00)); /* loads NaN-box */
    __asm__ volatile("fmv.d.x ft0, %0\n fsh ft0, 2(%1)" ::"r"(0x1234UL),
                     "r"(mem)
                     : "ft0", "memory");
    CHECK_EQ(mem[1], 0x1234); /* stores the low 16 bits, boxed or not */
    CHECK_EQ(H_TOX("fmv.x.h", HBOX(0x8001)), 0xffffffffffff8001UL);
    CHECK_EQ(H_TOX("fmv.x.h", HBOX(0x7fff)), 0x7fffUL);
    __asm__ volatile("fmv.h.x ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(0xabcd5678UL)
                     : "ft0");
    CHECK_EQ(r, HBOX(0x5678));
}

static void test_arith(void)
{
    /* 1 + 2^-11 is a tie between 1 and 1 + 2^-10. */
    CHECK_EQ(H_OP2RM("fadd.h", ", rne", HBOX(H_ONE), HBOX(0x1000)),
             HBOX(H_ONE));
    CHECK_EQ(flags_after, NX);
    CHECK_EQ(H_OP2RM("fadd.h", ", rup", HBOX(H_ONE), HBOX(0x1000)),
             HBOX(0x3c01));
    CHECK_EQ(H_OP2RM("fadd.h", ", rmm", HBOX(H_ONE), HBOX(0x1000)),
             HBOX(0x3c01));
    CHECK_EQ(H_OP2RM("fadd.h", ", rdn", HBOX(H_ONE), HBOX(0x1000)),
             HBOX(H_ONE));
    /* The dynamic mode comes from frm. */
    csr_write(frm, 3); /* RUP */
    CHECK_EQ(H_OP2("fadd.h", HBOX(H_ONE), HBOX(0x1000)), HBOX(0x3c01));
    csr_write(frm, 0);
    CHECK_EQ(H_OP2("fadd.h", HBOX(H_ONE), HBOX(H_TWO)), HBOX(H_THREE));
    CHECK_EQ(flags_after, 0);
    CHECK_EQ(H_OP2("fsub.h", HBOX(H_ONE), HBOX(H_ONE)), HBOX(0));
    CHECK_EQ(H_OP2RM("fsub.h", ", rdn", HBOX(H_ONE), HBOX(H_ONE)),
             HBOX(0x8000)); /* exact zero is -0 rounding down */
    CHECK_EQ(H_OP2("fmul.h", HBOX(H_THREE), HBOX(H_HALF)), HBOX(0x3e00));
    /* 1/3 = 1.0101010101|0101...b * 2^-2: below half an ulp. */
    CHECK_EQ(H_OP2("fdiv.h", HBOX(H_ONE), HBOX(H_THREE)), HBOX(0x3555));
    CHECK_EQ(flags_after, NX);
    CHECK_EQ(H_OP2RM("fdiv.h", ", rup", HBOX(H_ONE), HBOX(H_THREE)),
             HBOX(0x3556));
    CHECK_EQ(H_OP1("fsqrt.h", HBOX(0x4400)), HBOX(H_TWO)); /* sqrt 4 */
    CHECK_EQ(flags_after, 0);
    CHECK_EQ(H_OP1("fsqrt.h", HBOX(H_TWO)), HBOX(0x3da8)); /* 1.4141 */
    CHECK_EQ(flags_after, NX);
}

static void test_flags(void)
{
    /* Overflow: 65504 * 2. */
    CHECK_EQ(H_OP2("fmul.h", HBOX(H_MAX), HBOX(H_TWO)), HBOX(H_INF));
    CHECK_EQ(flags_after, OF | NX);
    CHECK_EQ(H_OP2RM("fmul.h", ", rtz", HBOX(H_MAX), HBOX(H_TWO)), HBOX(H_MAX));
    CHECK_EQ(flags_after, OF | NX);
    /* An exact subnormal result raises nothing: 2^-14 * 0.5. */
    CHECK_EQ(H_OP2("fmul.h", HBOX(0x0400), HBOX(H_HALF)), HBOX(0x0200));
    CHECK_EQ(flags_after, 0);
    /* (1 + 2^-10) * 2^-15 is a tie at 2^-24 steps: tiny and inexact. */
    CHECK_EQ(H_OP2("fmul.h", HBOX(0x0401), HBOX(H_HALF)), HBOX(0x0200));
    CHECK_EQ(flags_after, UF | NX);
    /* 2047 * 2^-25 rounds up to the smallest normal, but with an
     * unbounded exponent it is exact and below 2^-14: tiny, so UF. */
    CHECK_EQ(H_OP2RM("fmul.h", ", rup", HBOX(0x07ff), HBOX(H_HALF)),
             HBOX(0x0400));
    CHECK_EQ(flags_after, UF | NX);
    CHECK_EQ(H_OP2("fdiv.h", HBOX(H_ONE), HBOX(0)), HBOX(H_INF));
    CHECK_EQ(flags_after, DZ);
    CHECK_EQ(H_OP1("fsqrt.h", HBOX(0xbc00)), HBOX(H_CNAN));
    CHECK_EQ(flags_after, NV);
    CHECK_EQ(H_OP2("fadd.h", HBOX(H_SNAN), HBOX(H_ONE)), HBOX(H_CNAN));
    CHECK_EQ(flags_after, NV);
    CHECK_EQ(H_OP2("fmin.h", HBOX(H_SNAN), HBOX(H_ONE)), HBOX(H_ONE));
    CHECK_EQ(flags_after, NV);
    CHECK_EQ(H_OP2("fmax.h", HBOX(0x8000), HBOX(0)), HBOX(0));
}

/* A half whose upper 48 bits are not all ones reads as the canonical NaN. */
static void test_nanbox(void)
{
    CHECK_EQ(H_OP2("fadd.h", H_ONE, HBOX(H_ONE)), HBOX(H_CNAN));
    CHECK_EQ(flags_after, 0);
    CHECK_EQ(H_OP2("fsgnj.h", 0xffffffff00003c00UL, HBOX(0x8000)),
             HBOX(0xfe00));
    CHECK_EQ(H_TOX("fclass.h", 0x3c00UL), 1UL << 9); /* quiet NaN */
    CHECK_EQ(H_TOX("fmv.x.h", 0x3c00UL), 0x3c00UL);  /* moves do not check */
}

static void test_compare_class(void)
{
    {
        u64 r;
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n"
                         "flt.h %0, ft0, ft1"
                         : "=r"(r)
                         : "r"(HBOX(0xbc00)), "r"(HBOX(H_ONE))
                         : "ft0", "ft1");
        CHECK_EQ(r, 1UL);
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n"
                         "feq.h %0, ft0, ft1"
                         : "=r"(r)
                         : "r"(HBOX(0x8000)), "r"(HBOX(0))
                         : "ft0", "ft1");
        CHECK_EQ(r, 1UL);
    }
    CHECK_EQ(H_TOX("fclass.h", HBOX(H_SNAN)), 1UL << 8);
    CHECK_EQ(H_TOX("fclass.h", HBOX(0x0001)), 1UL << 5);
    CHECK_EQ(H_TOX("fclass.h", HBOX(0xfc00)), 1UL << 0);
    CHECK_EQ(H_TOX("fclass.h", HBOX(0x8000)), 1UL << 3);
}

static void test_convert(void)
{
    u64 r;

    /* 2.5 to integers: ties. */
    CHECK_EQ(H_TOX("fcvt.w.h", HBOX(0x4100)), 2UL);
    CHECK_EQ(flags_after, NX);
    CHECK_EQ(H_TOXRM("fcvt.w.h", ", rmm", HBOX(0x4100)), 3UL);
    CHECK_EQ(H_TOX("fcvt.l.h", HBOX(0xfbff)), (u64)-65504L);
    CHECK_EQ(H_TOX("fcvt.wu.h", HBOX(0xbc00)), 0UL); /* -1: saturates */
    CHECK_EQ(flags_after, NV);
    CHECK_EQ(H_TOX("fcvt.lu.h", HBOX(H_INF)), ~0UL);
    CHECK_EQ(flags_after, NV);
    /* Integers to half: 65520 rounds to inf (nearest), 65519 does not. */
    __asm__ volatile("csrw fflags, x0\n fcvt.h.w ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(65520UL)
                     : "ft0");
    CHECK_EQ(r, HBOX(H_INF));
    CHECK_EQ(csr_swap(fflags, 0), OF | NX);
    __asm__ volatile("fcvt.h.lu ft0, %1\n fmv.x.d %0, ft0"
                     : "=r"(r)
                     : "r"(65519UL)
                     : "ft0");
    CHECK_EQ(r, HBOX(H_MAX));
    CHECK_EQ(csr_swap(fflags, 0), NX);
    /* Between formats: single 1 + 2^-11 is a tie; widening is exact. */
    CHECK_EQ(H_OP1("fcvt.h.s", 0xffffffff3f801000UL), HBOX(H_ONE));
    CHECK_EQ(flags_after, NX);
    CHECK_EQ(H_OP1("fcvt.s.h", HBOX(0x0001)), 0xffffffff33800000UL);
    CHECK_EQ(flags_after, 0);
    CHECK_EQ(H_OP1("fcvt.d.h", HBOX(0xfbff)), 0xc0effc0000000000UL);
    CHECK_EQ(H_OP1("fcvt.h.d", 0x3ff0000000000001UL), HBOX(H_ONE));
    CHECK_EQ(flags_after, NX);
    CHECK_EQ(H_OP1("fcvt.s.h", HBOX(H_SNAN)), 0xffffffff7fc00000UL);
    CHECK_EQ(flags_after, NV);
}

/* Three-operand (fused multiply-add) op on raw register values. */
#define H_OP3(insn, a, b, c)                                              \
    ({                                                                    \
        u64 r_;                                                           \
        __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n"            \
                         "fmv.d.x ft3, %3\n" insn " ft2, ft0, ft1, ft3\n" \
                         "fmv.x.d %0, ft2"                                \
                         : "=r"(r_)                                       \
                         : "r"((u64)(a)), "r"((u64)(b)), "r"((u64)(c))    \
                         : "ft0", "ft1", "ft2", "ft3");                   \
        r_;                                                               \
    })

static void test_fma(void)
{
    /* 3 * 0.5 + 1 = 2.5 and -(3 * 0.5) - 1 = -2.5 */
    CHECK_EQ(H_OP3("fmadd.h", HBOX(H_THREE), HBOX(H_HALF), HBOX(H_ONE)),
             HBOX(0x4100));
    CHECK_EQ(H_OP3("fnmadd.h", HBOX(H_THREE), HBOX(H_HALF), HBOX(H_ONE)),
             HBOX(0xc100));
    /* 3 * 0.5 - 1 = 0.5 and -(3 * 0.5) + 1 = -0.5 */
    CHECK_EQ(H_OP3("fmsub.h", HBOX(H_THREE), HBOX(H_HALF), HBOX(H_ONE)),
             HBOX(H_HALF));
    CHECK_EQ(H_OP3("fnmsub.h", HBOX(H_THREE), HBOX(H_HALF), HBOX(H_ONE)),
             HBOX(0xb800));
}

int main(void)
{
    test_load_store_move();
    test_arith();
    test_flags();
    test_nanbox();
    test_compare_class();
    test_convert();
    test_fma();
    return 0;
}

/*
 * RV64F and RV64D: the single- and double-precision floating-point
 * instruction handlers.
 *
 * How results are made exact (every rounding mode including RMM, exact
 * fflags, tininess detected after rounding as RISC-V requires):
 *
 * 1. NaN operands, invalid square roots and the FMA "inf * 0" case are
 *    decided in software before anything is computed: any NaN result is
 *    the canonical NaN, a signaling NaN operand raises NV.
 *
 * 2. The operation itself (+ - * / sqrt fma) is computed by the host in a
 *    WIDER format, rounding toward zero, and then "rounded to odd": if the
 *    host reported the result inexact, the least significant bit of the
 *    wide significand is set. Singles are computed in double (53 bits),
 *    doubles in x87 long double (64 bits). Both wide formats have at least
 *    two more bits than the target and a far wider exponent range, so the
 *    wide result never overflows or underflows (the smallest product of
 *    two doubles is 2^-2148, a long double goes to 2^-16382). Rounding a
 *    round-to-odd value of precision >= p + 2 to precision p in any
 *    rounding mode gives the same result as rounding the exact value
 *    directly (Boldo & Melquiond, "Emulation of FMA and correctly rounded
 *    sums: proved algorithms using rounding to odd", IEEE TC 2008): the
 *    odd bit stands in for everything below it, so ties are exactly the
 *    exact ties and no value is mistaken for one.
 *
 * 3. The final rounding to the target format (round_pack) is done in
 *    software, for all five modes including RMM, and computes NX, OF and
 *    UF itself. UF is raised when the result is tiny after rounding (the
 *    result rounded to p bits with an unbounded exponent is below 2^emin)
 *    and inexact. Only NV and DZ are taken from the host.
 *
 * Conversions to and from integers, fcvt.s.d/fcvt.d.s, comparisons,
 * fmin/fmax, fclass and the sign injections are done purely in software.
 *
 * The host floating-point environment (MXCSR and the x87 control/status
 * words) is saved before and restored after each host computation. The
 * operands and the result of the host computation are volatile so that
 * the compiler can neither constant-fold nor move the arithmetic across
 * the fesetround()/fetestexcept() calls (GCC does not implement
 * "#pragma STDC FENV_ACCESS"); this makes -frounding-math unnecessary.
 *
 * Destination FP registers are indexed with `d->rd & 31`: the decoder may
 * turn a destination of register 0 into the sink number 32 (meant for x0),
 * which for an FP register must still mean f0.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include <fenv.h>
#include <float.h>
#include <math.h>

/* An IEEE 754 binary format: precision p (with the hidden bit). */
typedef struct FloatFmt {
    int p;
    int emin, emax, bias;
    int width;
} FloatFmt;

static const FloatFmt fmt_s = { 24, -126, 127, 127, 32 };
static const FloatFmt fmt_d = { 53, -1022, 1023, 1023, 64 };

#define NANBOX_MASK 0xffffffff00000000ULL

static inline uint64_t fmt_signbit(const FloatFmt *f)
{
    return 1ULL << (f->width - 1);
}

static inline uint64_t fmt_expmask(const FloatFmt *f)
{
    return ((1ULL << (f->width - f->p)) - 1) << (f->p - 1);
}

static inline uint64_t fmt_qbit(const FloatFmt *f)
{
    return 1ULL << (f->p - 2);
}

static inline uint64_t canonical_nan(const FloatFmt *f)
{
    return fmt_expmask(f) | fmt_qbit(f);
}

static inline uint64_t fmt_abs(const FloatFmt *f, uint64_t x)
{
    return x & ~fmt_signbit(f);
}

static inline bool fp_is_nan(const FloatFmt *f, uint64_t x)
{
    return fmt_abs(f, x) > fmt_expmask(f);
}

static inline bool fp_is_snan(const FloatFmt *f, uint64_t x)
{
    return fp_is_nan(f, x) && !(x & fmt_qbit(f));
}

static inline bool fp_is_inf(const FloatFmt *f, uint64_t x)
{
    return fmt_abs(f, x) == fmt_expmask(f);
}

static inline bool fp_is_zero(const FloatFmt *f, uint64_t x)
{
    return fmt_abs(f, x) == 0;
}

static inline bool fp_sign(const FloatFmt *f, uint64_t x)
{
    return (x & fmt_signbit(f)) != 0;
}

/* A finite value: (-1)^sign * sig * 2^exp (sig == 0 for zero). */
typedef struct Unpacked {
    bool sign;
    int exp;
    uint64_t sig;
} Unpacked;

static Unpacked fp_unpack(const FloatFmt *f, uint64_t x)
{
    Unpacked u;
    uint64_t frac = x & ((1ULL << (f->p - 1)) - 1);
    int e = (int)(fmt_abs(f, x) >> (f->p - 1));

    u.sign = fp_sign(f, x);
    if (e == 0) {
        u.sig = frac;
        u.exp = f->emin - (f->p - 1);
    } else {
        u.sig = frac | (1ULL << (f->p - 1));
        u.exp = e - f->bias - (f->p - 1);
    }
    return u;
}

/*
 * Shift sig right by `shift` bits, rounding per rm for a value of the
 * given sign. *inexact tells whether nonzero bits were dropped.
 */
static uint64_t round_shift(uint64_t sig, int shift, bool sign, int rm,
                            bool *inexact)
{
    unsigned __int128 kept, rem, half;
    bool up = false;

    if (shift <= 0) {
        *inexact = false;
        return sig;
    }
    if (shift > 65) {
        shift = 65; /* sig < 2^64 <= half: all of it is below half */
    }
    kept = (unsigned __int128)sig >> shift;
    rem = (unsigned __int128)sig & (((unsigned __int128)1 << shift) - 1);
    half = (unsigned __int128)1 << (shift - 1);
    *inexact = rem != 0;
    switch (rm) {
    case RM_RNE:
        up = rem > half || (rem == half && (kept & 1));
        break;
    case RM_RMM:
        up = rem >= half;
        break;
    case RM_RTZ:
        break;
    case RM_RDN:
        up = sign && rem != 0;
        break;
    case RM_RUP:
        up = !sign && rem != 0;
        break;
    }
    return (uint64_t)(kept + up);
}

/*
 * Round (-1)^sign * sig * 2^exp (sig != 0) to format f in mode rm and
 * return its encoding, accumulating NX/UF/OF in *flags.
 */
static uint64_t round_pack(const FloatFmt *f, bool sign, int exp, uint64_t sig,
                           int rm, uint32_t *flags)
{
    uint64_t signbit = sign ? fmt_signbit(f) : 0;
    int lz = __builtin_clzll(sig);
    int shift = 64 - f->p;
    int e;
    uint64_t m;
    bool inexact;

    sig <<= lz;
    exp -= lz;
    e = exp + 63; /* the value is 1.xxx * 2^e */

    if (e < f->emin) {
        /* Tiny after rounding: rounded to p bits, unbounded exponent. */
        bool unused;
        uint64_t r = round_shift(sig, shift, sign, rm, &unused);
        bool tiny = e + (int)(r >> f->p) < f->emin;

        m = round_shift(sig, shift + (f->emin - e), sign, rm, &inexact);
        if (inexact) {
            *flags |= FFLAG_NX | (tiny ? FFLAG_UF : 0);
        }
        /* m == 2^(p-1) encodes the smallest normal by itself. */
        return signbit | m;
    }

    m = round_shift(sig, shift, sign, rm, &inexact);
    if (m >> f->p) {
        m >>= 1;
        e++;
    }
    if (e > f->emax) {
        bool to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && !sign) ||
                      (rm == RM_RDN && sign);
        *flags |= FFLAG_OF | FFLAG_NX;
        return signbit | (fmt_expmask(f) - (to_inf ? 0 : 1));
    }
    if (inexact) {
        *flags |= FFLAG_NX;
    }
    /* m has bit p-1 set, which adds the 1 back to the exponent field. */
    return signbit | (((uint64_t)(e + f->bias - 1) << (f->p - 1)) + m);
}

/* ---- The wide host computation ---- */

typedef enum ArithOp { OP_ADD, OP_MUL, OP_DIV, OP_SQRT, OP_FMA } ArithOp;

typedef enum WideKind { WIDE_FINITE, WIDE_ZERO, WIDE_INF, WIDE_NAN } WideKind;

typedef struct WideResult {
    WideKind kind;
    Unpacked u;     /* round-to-odd value for WIDE_FINITE; sign for all */
    uint32_t flags; /* NV and DZ from the host */
} WideResult;

static uint32_t host_flags(int ex)
{
    return (ex & FE_INVALID ? FFLAG_NV : 0) |
           (ex & FE_DIVBYZERO ? FFLAG_DZ : 0);
}

/* A single-precision operation computed in double, rounded to odd. */
static WideResult wide_double(ArithOp op, float a, float b, float c)
{
    volatile double va = a, vb = b, vc = c, vr = 0;
    fenv_t saved;
    WideResult w;
    uint64_t bits;
    int ex;
    double r;

    feholdexcept(&saved);
    fesetround(FE_TOWARDZERO);
    switch (op) {
    case OP_ADD:
        vr = va + vb;
        break;
    case OP_MUL:
        vr = va * vb;
        break;
    case OP_DIV:
        vr = va / vb;
        break;
    case OP_SQRT:
        vr = sqrt(va);
        break;
    case OP_FMA:
        vr = fma(va, vb, vc);
        break;
    }
    ex = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);

    r = vr;
    memcpy(&bits, &r, sizeof(bits));
    w.flags = host_flags(ex);
    w.u = fp_unpack(&fmt_d, bits);
    if (fp_is_nan(&fmt_d, bits)) {
        w.kind = WIDE_NAN;
    } else if (fp_is_inf(&fmt_d, bits)) {
        w.kind = WIDE_INF;
    } else if (fp_is_zero(&fmt_d, bits)) {
        w.kind = WIDE_ZERO;
    } else {
        w.kind = WIDE_FINITE;
        if (ex & FE_INEXACT) {
            w.u.sig |= 1;
        }
    }
    return w;
}

/* A double-precision operation computed in x87 long double, rounded to odd. */
static WideResult wide_long_double(ArithOp op, double a, double b, double c)
{
    volatile long double va = a, vb = b, vc = c, vr = 0;
    fenv_t saved;
    WideResult w;
    long double r;
    uint64_t m;
    uint16_t se;
    int ex, e;

    G_STATIC_ASSERT(LDBL_MANT_DIG == 64);

    feholdexcept(&saved);
    fesetround(FE_TOWARDZERO);
    switch (op) {
    case OP_ADD:
        vr = va + vb;
        break;
    case OP_MUL:
        vr = va * vb;
        break;
    case OP_DIV:
        vr = va / vb;
        break;
    case OP_SQRT:
        vr = sqrtl(va);
        break;
    case OP_FMA:
        vr = fmal(va, vb, vc);
        break;
    }
    ex = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);

    r = vr;
    memcpy(&m, &r, 8); /* x87 extended: explicit 64-bit significand */
    memcpy(&se, (char *)&r + 8, 2);
    e = se & 0x7fff;
    w.flags = host_flags(ex);
    w.u.sign = se >> 15;
    w.u.sig = m;
    w.u.exp = (e ? e : 1) - 16383 - 63;
    if (e == 0x7fff) {
        w.kind = (m << 1) ? WIDE_NAN : WIDE_INF;
    } else if (m == 0) {
        w.kind = WIDE_ZERO;
    } else {
        w.kind = WIDE_FINITE;
        if (ex & FE_INEXACT) {
            w.u.sig |= 1;
        }
    }
    return w;
}

/*
 * a op b (op c): for OP_ADD a + b, OP_MUL a * b, OP_DIV a / b, OP_SQRT
 * sqrt(a), OP_FMA a * b + c. Subtraction and the negated FMAs flip signs
 * before calling. Returns the result's encoding in format f.
 */
static uint64_t fp_arith(const FloatFmt *f, ArithOp op, uint64_t a, uint64_t b,
                         uint64_t c, int rm, uint32_t *flags)
{
    int nops = op == OP_SQRT ? 1 : op == OP_FMA ? 3 : 2;
    uint64_t in[3] = { a, b, c };
    bool nan = false;
    WideResult w;
    int i;

    for (i = 0; i < nops; i++) {
        if (fp_is_nan(f, in[i])) {
            nan = true;
            if (fp_is_snan(f, in[i])) {
                *flags |= FFLAG_NV;
            }
        }
    }
    /* inf * 0 in an FMA is invalid even when the addend is a quiet NaN. */
    if (op == OP_FMA && ((fp_is_inf(f, a) && fp_is_zero(f, b)) ||
                         (fp_is_zero(f, a) && fp_is_inf(f, b)))) {
        *flags |= FFLAG_NV;
        return canonical_nan(f);
    }
    if (nan) {
        return canonical_nan(f);
    }
    if (op == OP_SQRT && fp_sign(f, a) && !fp_is_zero(f, a)) {
        *flags |= FFLAG_NV;
        return canonical_nan(f);
    }

    if (f == &fmt_s) {
        float fa, fb, fc;
        uint32_t a32 = a, b32 = b, c32 = c;
        memcpy(&fa, &a32, 4);
        memcpy(&fb, &b32, 4);
        memcpy(&fc, &c32, 4);
        w = wide_double(op, fa, fb, fc);
    } else {
        double da, db, dc;
        memcpy(&da, &a, 8);
        memcpy(&db, &b, 8);
        memcpy(&dc, &c, 8);
        w = wide_long_double(op, da, db, dc);
    }
    *flags |= w.flags;

    switch (w.kind) {
    case WIDE_NAN:
        return canonical_nan(f);
    case WIDE_INF:
        return (w.u.sign ? fmt_signbit(f) : 0) | fmt_expmask(f);
    case WIDE_ZERO:
        if (op == OP_ADD || op == OP_FMA) {
            /*
             * An exact zero sum has the sign of its terms when both are
             * zeros of the same sign, else it is +0 (-0 when rounding
             * down). The host computed in RTZ, so fix the sign here.
             */
            bool s1, s2, z1;
            if (op == OP_ADD) {
                s1 = fp_sign(f, a);
                z1 = fp_is_zero(f, a);
                s2 = fp_sign(f, b);
                if (!(z1 && fp_is_zero(f, b) && s1 == s2)) {
                    w.u.sign = rm == RM_RDN;
                }
            } else {
                s1 = fp_sign(f, a) ^ fp_sign(f, b);
                z1 = fp_is_zero(f, a) || fp_is_zero(f, b);
                s2 = fp_sign(f, c);
                if (!(z1 && fp_is_zero(f, c) && s1 == s2)) {
                    w.u.sign = rm == RM_RDN;
                }
            }
        }
        return w.u.sign ? fmt_signbit(f) : 0;
    case WIDE_FINITE:
        break;
    }
    return round_pack(f, w.u.sign, w.u.exp, w.u.sig, rm, flags);
}

/* ---- Register access, rounding mode, flags ---- */

static int fp_rm(CPURISCVState *env, const DecodedInsn *d)
{
    int rm = d->rm == RM_DYN ? (int)env->frm : d->rm;

    if (rm > RM_RMM) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, d->raw);
    }
    return rm;
}

/* Read an operand: singles not properly NaN-boxed read as the canonical NaN. */
static uint64_t fp_read(CPURISCVState *env, const FloatFmt *f, int reg)
{
    uint64_t v = env->fpr[reg];

    if (f == &fmt_s) {
        return (v & NANBOX_MASK) == NANBOX_MASK ? (uint32_t)v
                                                : canonical_nan(&fmt_s);
    }
    return v;
}

static void fp_write(CPURISCVState *env, const FloatFmt *f,
                     const DecodedInsn *d, uint64_t v)
{
    env->fpr[d->rd & 31] = f == &fmt_s ? NANBOX_MASK | (uint32_t)v : v;
    riscv_mark_fs_dirty(env);
}

static void fp_set_flags(CPURISCVState *env, uint32_t flags)
{
    env->fflags |= flags;
    riscv_mark_fs_dirty(env);
}

/* ---- Loads and stores ---- */

void exec_flw(CPURISCVState *env, const DecodedInsn *d)
{
    uint32_t v = cpu_ldl(env, env->gpr[d->rs1] + d->imm);

    fp_write(env, &fmt_s, d, v);
}

void exec_fld(CPURISCVState *env, const DecodedInsn *d)
{
    uint64_t v = cpu_ldq(env, env->gpr[d->rs1] + d->imm);

    fp_write(env, &fmt_d, d, v);
}

void exec_fsw(CPURISCVState *env, const DecodedInsn *d)
{
    cpu_stl(env, env->gpr[d->rs1] + d->imm, (uint32_t)env->fpr[d->rs2]);
}

void exec_fsd(CPURISCVState *env, const DecodedInsn *d)
{
    cpu_stq(env, env->gpr[d->rs1] + d->imm, env->fpr[d->rs2]);
}

/* ---- Arithmetic ---- */

/* neg: bit 0 negates operand a (the product), bit 1 negates b, bit 2 c. */
static void do_arith(CPURISCVState *env, const DecodedInsn *d,
                     const FloatFmt *f, ArithOp op, int neg)
{
    int rm = fp_rm(env, d);
    uint64_t a = fp_read(env, f, d->rs1);
    uint64_t b = op == OP_SQRT ? 0 : fp_read(env, f, d->rs2);
    uint64_t c = op == OP_FMA ? fp_read(env, f, d->rs3) : 0;
    uint32_t flags = 0;
    uint64_t r;

    a ^= (neg & 1) ? fmt_signbit(f) : 0;
    b ^= (neg & 2) ? fmt_signbit(f) : 0;
    c ^= (neg & 4) ? fmt_signbit(f) : 0;
    r = fp_arith(f, op, a, b, c, rm, &flags);
    fp_write(env, f, d, r);
    fp_set_flags(env, flags);
}

#define DEF_ARITH(name, op, neg)                                   \
    void exec_##name##_s(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_arith(env, d, &fmt_s, op, neg);                         \
    }                                                              \
    void exec_##name##_d(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_arith(env, d, &fmt_d, op, neg);                         \
    }

DEF_ARITH(fadd, OP_ADD, 0)
DEF_ARITH(fsub, OP_ADD, 2)
DEF_ARITH(fmul, OP_MUL, 0)
DEF_ARITH(fdiv, OP_DIV, 0)
DEF_ARITH(fsqrt, OP_SQRT, 0)
DEF_ARITH(fmadd, OP_FMA, 0)  /*  (a * b) + c */
DEF_ARITH(fmsub, OP_FMA, 4)  /*  (a * b) - c */
DEF_ARITH(fnmsub, OP_FMA, 1) /* -(a * b) + c */
DEF_ARITH(fnmadd, OP_FMA, 5) /* -(a * b) - c */

/* ---- Sign injection, min/max, compare, classify ---- */

static void do_sgnj(CPURISCVState *env, const DecodedInsn *d, const FloatFmt *f,
                    int kind)
{
    uint64_t a = fp_read(env, f, d->rs1);
    uint64_t b = fp_read(env, f, d->rs2);
    uint64_t sb = fmt_signbit(f);
    uint64_t s;

    switch (kind) {
    case 0: /* fsgnj */
        s = b & sb;
        break;
    case 1: /* fsgnjn */
        s = ~b & sb;
        break;
    default: /* fsgnjx */
        s = (a ^ b) & sb;
        break;
    }
    fp_write(env, f, d, (a & ~sb) | s);
}

#define DEF_SGNJ(name, kind)                                       \
    void exec_##name##_s(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_sgnj(env, d, &fmt_s, kind);                             \
    }                                                              \
    void exec_##name##_d(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_sgnj(env, d, &fmt_d, kind);                             \
    }

DEF_SGNJ(fsgnj, 0)
DEF_SGNJ(fsgnjn, 1)
DEF_SGNJ(fsgnjx, 2)

/* A signed integer ordered like the (non-NaN) values, with -0 < +0. */
static int64_t fp_order_key(const FloatFmt *f, uint64_t x)
{
    int64_t mag = (int64_t)fmt_abs(f, x);

    return fp_sign(f, x) ? -mag - 1 : mag;
}

/* IEEE 754-2019 minimumNumber / maximumNumber (F/D 2.2). */
static void do_minmax(CPURISCVState *env, const DecodedInsn *d,
                      const FloatFmt *f, bool is_max)
{
    uint64_t a = fp_read(env, f, d->rs1);
    uint64_t b = fp_read(env, f, d->rs2);
    bool an = fp_is_nan(f, a), bn = fp_is_nan(f, b);
    uint32_t flags = 0;
    uint64_t r;

    if (fp_is_snan(f, a) || fp_is_snan(f, b)) {
        flags |= FFLAG_NV;
    }
    if (an && bn) {
        r = canonical_nan(f);
    } else if (an) {
        r = b;
    } else if (bn) {
        r = a;
    } else if (is_max) {
        r = fp_order_key(f, a) >= fp_order_key(f, b) ? a : b;
    } else {
        r = fp_order_key(f, a) <= fp_order_key(f, b) ? a : b;
    }
    fp_write(env, f, d, r);
    fp_set_flags(env, flags);
}

void exec_fmin_s(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_s, false);
}

void exec_fmax_s(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_s, true);
}

void exec_fmin_d(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_d, false);
}

void exec_fmax_d(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_d, true);
}

enum { CMP_EQ, CMP_LT, CMP_LE };

/* feq is quiet (NV only for signaling NaNs); flt and fle signal on any NaN. */
static void do_compare(CPURISCVState *env, const DecodedInsn *d,
                       const FloatFmt *f, int kind)
{
    uint64_t a = fp_read(env, f, d->rs1);
    uint64_t b = fp_read(env, f, d->rs2);
    uint32_t flags = 0;
    uint64_t r = 0;

    if (fp_is_nan(f, a) || fp_is_nan(f, b)) {
        if (kind != CMP_EQ || fp_is_snan(f, a) || fp_is_snan(f, b)) {
            flags |= FFLAG_NV;
        }
    } else {
        /* Unlike fp_order_key, +0 and -0 compare equal here. */
        int64_t ka = fp_sign(f, a) ? -(int64_t)fmt_abs(f, a) : fmt_abs(f, a);
        int64_t kb = fp_sign(f, b) ? -(int64_t)fmt_abs(f, b) : fmt_abs(f, b);
        r = kind == CMP_EQ ? ka == kb : kind == CMP_LT ? ka < kb : ka <= kb;
    }
    env->gpr[d->rd] = r;
    fp_set_flags(env, flags);
}

#define DEF_CMP(name, kind)                                        \
    void exec_##name##_s(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_compare(env, d, &fmt_s, kind);                          \
    }                                                              \
    void exec_##name##_d(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_compare(env, d, &fmt_d, kind);                          \
    }

DEF_CMP(feq, CMP_EQ)
DEF_CMP(flt, CMP_LT)
DEF_CMP(fle, CMP_LE)

static void do_fclass(CPURISCVState *env, const DecodedInsn *d,
                      const FloatFmt *f)
{
    uint64_t x = fp_read(env, f, d->rs1);
    bool neg = fp_sign(f, x);
    int bit;

    if (fp_is_nan(f, x)) {
        bit = fp_is_snan(f, x) ? 8 : 9;
    } else if (fp_is_inf(f, x)) {
        bit = neg ? 0 : 7;
    } else if (fp_is_zero(f, x)) {
        bit = neg ? 3 : 4;
    } else if ((x & fmt_expmask(f)) == 0) {
        bit = neg ? 2 : 5; /* subnormal */
    } else {
        bit = neg ? 1 : 6;
    }
    env->gpr[d->rd] = 1ULL << bit;
}

void exec_fclass_s(CPURISCVState *env, const DecodedInsn *d)
{
    do_fclass(env, d, &fmt_s);
}

void exec_fclass_d(CPURISCVState *env, const DecodedInsn *d)
{
    do_fclass(env, d, &fmt_d);
}

/* ---- Conversions ---- */

/*
 * Convert x to a `bits`-bit integer (signed or not), rounding per rm and
 * saturating: NaN and too-large values give the maximum, too-small ones
 * the minimum, all with NV (and no NX). The result is returned as the
 * 64-bit register value (32-bit results sign-extended).
 */
static uint64_t fp_to_int(const FloatFmt *f, uint64_t x, int rm, bool is_signed,
                          int bits, uint32_t *flags)
{
    uint64_t maxv, minv, mag, r;
    bool sign = fp_sign(f, x), inexact = false, out = false;
    Unpacked u;

    if (is_signed) {
        maxv = (1ULL << (bits - 1)) - 1;
        minv = -(1ULL << (bits - 1));
    } else {
        maxv = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
        minv = 0;
    }

    if (fp_is_nan(f, x)) {
        *flags |= FFLAG_NV;
        r = maxv;
        goto done;
    }
    if (fp_is_inf(f, x)) {
        *flags |= FFLAG_NV;
        r = sign ? minv : maxv;
        goto done;
    }

    u = fp_unpack(f, x);
    if (u.exp >= 0) {
        if (u.exp >= 64 || (u.exp > 0 && (u.sig >> (64 - u.exp)) != 0)) {
            out = true;
            mag = 0;
        } else {
            mag = u.sig << u.exp;
        }
    } else {
        mag = round_shift(u.sig, -u.exp, sign, rm, &inexact);
    }

    if (!out) {
        if (is_signed) {
            out = sign ? mag > (1ULL << (bits - 1)) : mag > maxv;
        } else {
            out = sign ? mag != 0 : mag > maxv;
        }
    }
    if (out) {
        *flags |= FFLAG_NV;
        r = sign ? minv : maxv;
        goto done;
    }
    if (inexact) {
        *flags |= FFLAG_NX;
    }
    r = sign ? -mag : mag;

done:
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)r : r;
}

static void do_to_int(CPURISCVState *env, const DecodedInsn *d,
                      const FloatFmt *f, bool is_signed, int bits)
{
    int rm = fp_rm(env, d);
    uint32_t flags = 0;

    env->gpr[d->rd] =
        fp_to_int(f, fp_read(env, f, d->rs1), rm, is_signed, bits, &flags);
    fp_set_flags(env, flags);
}

static void do_from_int(CPURISCVState *env, const DecodedInsn *d,
                        const FloatFmt *f, bool is_signed, int bits)
{
    int rm = fp_rm(env, d);
    uint64_t v = env->gpr[d->rs1];
    uint32_t flags = 0;
    bool sign = false;
    uint64_t r;

    if (bits == 32) {
        v = is_signed ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
    }
    if (is_signed && (int64_t)v < 0) {
        sign = true;
        v = -v;
    }
    r = v ? round_pack(f, sign, 0, v, rm, &flags) : 0;
    fp_write(env, f, d, r);
    fp_set_flags(env, flags);
}

#define DEF_CVT_INT(suffix, is_signed, bits)                              \
    void exec_fcvt_##suffix##_s(CPURISCVState *env, const DecodedInsn *d) \
    {                                                                     \
        do_to_int(env, d, &fmt_s, is_signed, bits);                       \
    }                                                                     \
    void exec_fcvt_##suffix##_d(CPURISCVState *env, const DecodedInsn *d) \
    {                                                                     \
        do_to_int(env, d, &fmt_d, is_signed, bits);                       \
    }                                                                     \
    void exec_fcvt_s_##suffix(CPURISCVState *env, const DecodedInsn *d)   \
    {                                                                     \
        do_from_int(env, d, &fmt_s, is_signed, bits);                     \
    }                                                                     \
    void exec_fcvt_d_##suffix(CPURISCVState *env, const DecodedInsn *d)   \
    {                                                                     \
        do_from_int(env, d, &fmt_d, is_signed, bits);                     \
    }

DEF_CVT_INT(w, true, 32)
DEF_CVT_INT(wu, false, 32)
DEF_CVT_INT(l, true, 64)
DEF_CVT_INT(lu, false, 64)

/* Convert between formats: NaNs become canonical, finite values round. */
static uint64_t fp_convert(const FloatFmt *to, const FloatFmt *from, uint64_t x,
                           int rm, uint32_t *flags)
{
    uint64_t sb = fp_sign(from, x) ? fmt_signbit(to) : 0;
    Unpacked u;

    if (fp_is_nan(from, x)) {
        if (fp_is_snan(from, x)) {
            *flags |= FFLAG_NV;
        }
        return canonical_nan(to);
    }
    if (fp_is_inf(from, x)) {
        return sb | fmt_expmask(to);
    }
    if (fp_is_zero(from, x)) {
        return sb;
    }
    u = fp_unpack(from, x);
    return round_pack(to, u.sign, u.exp, u.sig, rm, flags);
}

void exec_fcvt_s_d(CPURISCVState *env, const DecodedInsn *d)
{
    int rm = fp_rm(env, d);
    uint32_t flags = 0;
    uint64_t r =
        fp_convert(&fmt_s, &fmt_d, fp_read(env, &fmt_d, d->rs1), rm, &flags);

    fp_write(env, &fmt_s, d, r);
    fp_set_flags(env, flags);
}

void exec_fcvt_d_s(CPURISCVState *env, const DecodedInsn *d)
{
    int rm = fp_rm(env, d); /* exact, but the field must still be valid */
    uint32_t flags = 0;
    uint64_t r =
        fp_convert(&fmt_d, &fmt_s, fp_read(env, &fmt_s, d->rs1), rm, &flags);

    fp_write(env, &fmt_d, d, r);
    fp_set_flags(env, flags);
}

/* ---- Moves between register files (bit patterns, no checks) ---- */

void exec_fmv_x_w(CPURISCVState *env, const DecodedInsn *d)
{
    env->gpr[d->rd] = (uint64_t)(int64_t)(int32_t)env->fpr[d->rs1];
}

void exec_fmv_w_x(CPURISCVState *env, const DecodedInsn *d)
{
    fp_write(env, &fmt_s, d, (uint32_t)env->gpr[d->rs1]);
}

void exec_fmv_x_d(CPURISCVState *env, const DecodedInsn *d)
{
    env->gpr[d->rd] = env->fpr[d->rs1];
}

void exec_fmv_d_x(CPURISCVState *env, const DecodedInsn *d)
{
    fp_write(env, &fmt_d, d, env->gpr[d->rs1]);
}

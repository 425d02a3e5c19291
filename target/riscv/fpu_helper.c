/*
 * RV64F, RV64D, Zfh and Zfhmin: the single-, double- and half-precision
 * floating-point instruction handlers.
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
 *    wide significand is set. Singles and halves are computed in double
 *    (53 bits; a half widens to a single exactly), doubles in x87 long
 *    double (64 bits). Both wide formats have at least
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
#include "qemu/host-cpu.h"
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
static const FloatFmt fmt_h = { 11, -14, 15, 15, 16 };

/* The upper bits that NaN-box a value narrower than 64 bits. */
static inline uint64_t fmt_box(const FloatFmt *f)
{
    return f->width == 64 ? 0 : ~0ULL << f->width;
}

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

static uint64_t fp_convert(const FloatFmt *to, const FloatFmt *from, uint64_t x,
                           int rm, uint32_t *flags);

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

    if (f != &fmt_d) {
        /* Halves widen to singles exactly (no flags: no NaNs here). */
        uint32_t unused = 0, a32, b32, c32;
        float fa, fb, fc;

        a32 = f == &fmt_h ? fp_convert(&fmt_s, f, a, RM_RNE, &unused) : a;
        b32 = f == &fmt_h ? fp_convert(&fmt_s, f, b, RM_RNE, &unused) : b;
        c32 = f == &fmt_h ? fp_convert(&fmt_s, f, c, RM_RNE, &unused) : c;
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

/* ---- Fast paths ---- */

/*
 * Most guest FP instructions round to nearest even and produce a normal
 * result nowhere near overflow or underflow. For those the host's own
 * binary64 arithmetic (SSE, which rounds to nearest even by default) gives
 * the correctly rounded result directly, and the only possible flag is
 * NX, which is detected exactly as below without touching the host's
 * exception flags or rounding mode. Anything else (other rounding modes,
 * NaN, infinite or zero results, results near the ends of the range, a
 * non-default host environment) falls back to fp_arith above. Each fast
 * function returns false when it cannot decide. The double FMAs, for
 * which there is no cheap exact check without a hardware FMA, have their
 * own integer path instead (fma_d_int).
 *
 * Range margins. A double result r with biased exponent 61..2044
 * (DBL_MIN * 2^60 <= |r| < 2^1022 = DBL_MAX / 4 rounded up) and a single
 * result with biased exponent 25..252 (FLT_MIN * 2^24 <= |r| < 2^126):
 * - r is finite, so in round-to-nearest the exact value did not overflow;
 * - r is normal and at least 2^59 ulps above the smallest normal, so the
 *   exact value rounded to p bits with an unbounded exponent is r itself
 *   (not tiny): no UF. (A normal r is in fact enough; the margin is there
 *   so that no argument depends on a boundary case.)
 * - the factor 4 below the top keeps every intermediate of 2Sum finite:
 *   with |a|, |b| and |a + b| all below 2^1022, each of its operations has
 *   an exact value below 3 * 2^1022 < DBL_MAX.
 *
 * Inexactness checks (all exact, no FMA instruction needed):
 * - add: 2Sum (Knuth, TAOCP vol. 2, 4.2.2; Moller 1965) computes the exact
 *   rounding error of a + b with six additions in the absence of overflow,
 *   even when intermediate values are subnormal (a sum that underflows is
 *   exact).
 * - double mul/div/sqrt: by the significands' odd parts (the significand
 *   with trailing zero bits removed). a * b is representable iff
 *   odd(a) * odd(b) < 2^53. For r = RN(a / b): odd(r) * odd(b) == odd(a)
 *   means r * b == a * 2^k for an integer k, and since r is within a
 *   relative 2^-53 of a / b, 2^k = 1, i.e. r is exact; conversely an
 *   exact r satisfies it. Likewise r = RN(sqrt(a)) is exact iff
 *   odd(r)^2 == odd(a). One 64x64->128-bit multiply each.
 * - singles are computed in double and rounded to single. Rounding twice
 *   (to 53 bits, then to 24) gives the correctly rounded single result
 *   for + - * / sqrt of singles because 53 >= 2 * 24 + 2 (S. A. Figueroa,
 *   "When is double rounding innocuous?", ACM SIGNUM Newsletter 30(3),
 *   1995). The product of two singles (48 bits) is exact in double, so
 *   mul is inexact iff (double)r != product, div iff r * b != a and sqrt
 *   iff r * r != a, computed in double where those products are exact; an
 *   add is inexact iff its double 2Sum error is nonzero or (double)r != sum.
 * - single FMA: the product is exact in double, the sum p + c is computed
 *   with 2Sum and turned into its round-to-odd value (if inexact and the
 *   last bit is even, step one ulp toward the exact value), which rounds
 *   to single exactly like the exact value because 53 >= 24 + 2 (Boldo &
 *   Melquiond, cited at the top of this file).
 * The double FMAs have no cheap exact check without a hardware FMA;
 * with one (x86 FMA3) the host computes them in round to nearest and
 * reports NX in MXCSR.PE (fast_fma_d); otherwise, and in the other
 * rounding modes, they are done in integers by fma_d_int below, for
 * finite nonzero operands.
 *
 * These rely on the host computing in IEEE binary64 with no excess
 * precision (SSE math on x86-64), on the compiler neither reassociating
 * nor contracting (no -ffast-math; without -mfma there is no FMA to
 * contract into, and the one product that matters is fenced below), and on
 * the host environment being the default: round to nearest, no
 * flush-to-zero, no denormals-are-zero. That is checked on every call
 * (reading MXCSR is cheap) and never changed here.
 *
 * riscv_fpu_fast_path can be cleared (by tests) to force the exact path.
 */
bool riscv_fpu_fast_path = true;

#if defined(__x86_64__) && defined(__SSE2_MATH__)
#define FPU_FAST_HOST 1
#else
#define FPU_FAST_HOST 0
#endif

static inline bool read_host_env_is_default(void)
{
#if FPU_FAST_HOST
    /*
     * MXCSR bits 6 (DAZ), 7-12 (exception masks), 13-14 (rounding
     * control), 15 (FTZ); bits 0-5 are the sticky status flags, ignored.
     */
    return (__builtin_ia32_stmxcsr() & 0xffc0) == 0x1f80;
#else
    return false;
#endif
}

/*
 * STMXCSR is slow, so on a vCPU thread the execution loop makes MXCSR's
 * control bits the default once per time slice (riscv_fpu_vouch_host_env:
 * IEEE round to nearest, no FTZ/DAZ, exceptions masked, as the translated
 * code's inline FP also needs) and the handlers trust that: only this
 * file's exact path changes them there, and it restores them before
 * returning. Other threads (unit tests) read MXCSR every time.
 */
static __thread bool host_env_vouched;

void riscv_fpu_vouch_host_env(void)
{
#if FPU_FAST_HOST
    uint32_t m = __builtin_ia32_stmxcsr();

    if ((m & 0xffc0) != 0x1f80) {
        __builtin_ia32_ldmxcsr((m & 0x3f) | 0x1f80);
    }
    host_env_vouched = true;
#endif
}

static inline bool host_env_is_default(void)
{
    return likely(host_env_vouched) || read_host_env_is_default();
}

static inline double dbl_of(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}

static inline uint64_t bits_of_dbl(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

static inline float flt_of(uint64_t x)
{
    uint32_t x32 = x;
    float f;
    memcpy(&f, &x32, 4);
    return f;
}

static inline uint32_t bits_of_flt(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

static inline unsigned dbl_bexp(uint64_t x)
{
    return (x >> 52) & 0x7ff;
}

/* Biased exponent 61..2044: see the range margins above. */
static inline bool dbl_in_range(uint64_t x)
{
    return dbl_bexp(x) - 61u <= 2044u - 61u;
}

/* Biased exponent 25..252. */
static inline bool flt_in_range(uint32_t x)
{
    return ((x >> 23) & 0xff) - 25u <= 252u - 25u;
}

/* The significand of a double without its trailing zeros (0 for zero). */
static inline uint64_t dbl_odd_sig(uint64_t x)
{
    uint64_t m = x & ((1ULL << 52) - 1);

    if (dbl_bexp(x)) {
        m |= 1ULL << 52;
    }
    return m >> __builtin_ctzll(m | (1ULL << 63));
}

/* The exact error of s = RN(a + b) (2Sum), given no overflow. */
static inline double two_sum_err(double a, double b, double s)
{
    double bv = s - a;
    double av = s - bv;

    return (a - av) + (b - bv);
}

static bool fast_arith_d(ArithOp op, uint64_t a, uint64_t b, uint64_t *res,
                         bool *nx)
{
    double x = dbl_of(a), y = dbl_of(b), r;
    uint64_t rb;

    switch (op) {
    case OP_ADD:
        r = x + y;
        rb = bits_of_dbl(r);
        if (!dbl_in_range(rb) || dbl_bexp(a) > 2044 || dbl_bexp(b) > 2044) {
            return false;
        }
        *nx = two_sum_err(x, y, r) != 0;
        break;
    case OP_MUL:
        r = x * y;
        rb = bits_of_dbl(r);
        if (!dbl_in_range(rb)) {
            return false;
        }
        *nx = ((unsigned __int128)dbl_odd_sig(a) * dbl_odd_sig(b)) >> 53 != 0;
        break;
    case OP_DIV:
        r = x / y;
        rb = bits_of_dbl(r);
        if (!dbl_in_range(rb)) {
            return false;
        }
        *nx = (unsigned __int128)dbl_odd_sig(rb) * dbl_odd_sig(b) !=
              dbl_odd_sig(a);
        break;
    case OP_SQRT:
        if (a >> 63) {
            return false; /* negative, -0 or a NaN with the sign set */
        }
        r = sqrt(x);
        rb = bits_of_dbl(r);
        if (!dbl_in_range(rb)) {
            return false;
        }
        *nx = (unsigned __int128)dbl_odd_sig(rb) * dbl_odd_sig(rb) !=
              dbl_odd_sig(a);
        break;
    default:
        return false;
    }
    *res = rb;
    return true;
}

static bool fast_arith_s(ArithOp op, uint64_t a, uint64_t b, uint64_t c,
                         uint64_t *res, bool *nx)
{
    double x = flt_of(a), y = flt_of(b), z, s, p;
    float r;
    uint32_t rb;
    uint64_t sb;

    switch (op) {
    case OP_ADD:
        s = x + y;
        r = (float)s;
        rb = bits_of_flt(r);
        if (!flt_in_range(rb)) {
            return false;
        }
        *nx = two_sum_err(x, y, s) != 0 || (double)r != s;
        break;
    case OP_MUL:
        p = x * y; /* exact */
        r = (float)p;
        rb = bits_of_flt(r);
        if (!flt_in_range(rb)) {
            return false;
        }
        *nx = (double)r != p;
        break;
    case OP_DIV:
        r = (float)(x / y);
        rb = bits_of_flt(r);
        if (!flt_in_range(rb)) {
            return false;
        }
        *nx = (double)r * y != x; /* the product is exact */
        break;
    case OP_SQRT:
        if (a & 0x80000000u) {
            return false;
        }
        r = (float)sqrt(x);
        rb = bits_of_flt(r);
        if (!flt_in_range(rb)) {
            return false;
        }
        *nx = (double)r * (double)r != x;
        break;
    case OP_FMA: {
        double err;

        z = flt_of(c);
        p = x * y; /* exact */
        /* Keep p a separate, rounded-once value: no contraction into FMA. */
#if FPU_FAST_HOST
        __asm__("" : "+x"(p));
#endif
        s = p + z;
        err = two_sum_err(p, z, s);
        sb = bits_of_dbl(s);
        if (err != 0 && !(sb & 1)) {
            /* Round to odd: one ulp toward the exact value p + z. */
            sb += (bits_of_dbl(err) >> 63) == (sb >> 63) ? 1 : -1;
        }
        r = (float)dbl_of(sb);
        rb = bits_of_flt(r);
        if (!flt_in_range(rb)) {
            return false;
        }
        *nx = err != 0 || (double)r != s;
        break;
    }
    default:
        return false;
    }
    *res = rb;
    return true;
}

/* The number of significant bits of v (0 for 0). */
static inline int bitlen128(unsigned __int128 v)
{
    uint64_t hi = v >> 64, lo = v;

    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}

/*
 * The double-precision FMA a * b + c for finite nonzero operands, in any
 * rounding mode, in integers: the exact 106-bit product and the addend
 * are added in a 128-bit frame, rounded to odd there and then to 64 bits,
 * and round_pack does the final rounding and all the flags, exactly as on
 * the exact path (round to odd with >= p + 2 bits: see the top of the
 * file). The larger term (by its top bit) X is placed with its top bit at
 * bit 125, so both the sum (< 2^127) and the other term Y (aligned to X,
 * < 2^126) fit. If Y has bits below the frame, they are jammed into its
 * bit 0; X's low 20 bits are zero (X is at most 106 significant bits), so
 * X +- Y then has an odd last bit and is the sum rounded to odd at the
 * frame's last bit. That only happens when Y is far below X (its top bit
 * at most at bit 105), so the sum then has at least 124 bits and bit 0 is
 * among those dropped on the way to 64 bits. An exact zero sum (whose sign
 * depends on the mode) is left to the exact path.
 */
static bool fma_d_int(uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t *res,
                      uint32_t *flags)
{
    const FloatFmt *f = &fmt_d;
    Unpacked ua, ub, uc;
    unsigned __int128 x, y, z;
    int ex, ey, lx, ly, sh;
    bool sx, sy, sign;
    uint64_t sig;

    if (dbl_bexp(a) == 0x7ff || dbl_bexp(b) == 0x7ff || dbl_bexp(c) == 0x7ff ||
        fp_is_zero(f, a) || fp_is_zero(f, b) || fp_is_zero(f, c)) {
        return false;
    }
    ua = fp_unpack(f, a);
    ub = fp_unpack(f, b);
    uc = fp_unpack(f, c);

    x = (unsigned __int128)ua.sig * ub.sig;
    ex = ua.exp + ub.exp;
    sx = ua.sign ^ ub.sign;
    lx = bitlen128(x);
    y = uc.sig;
    ey = uc.exp;
    sy = uc.sign;
    ly = bitlen128(y);
    if (ey + ly > ex + lx) {
        unsigned __int128 t = x;
        int ti;
        bool tb;

        x = y, y = t;
        ti = ex, ex = ey, ey = ti;
        ti = lx, lx = ly, ly = ti;
        tb = sx, sx = sy, sy = tb;
    }
    sh = 126 - lx;
    x <<= sh;
    ex -= sh;
    sh = ey - ex;
    if (sh >= 0) {
        y <<= sh; /* ey + ly <= ex + 126 */
    } else if (sh > -128) {
        bool sticky = (y & (((unsigned __int128)1 << -sh) - 1)) != 0;
        y = (y >> -sh) | sticky;
    } else {
        y = 1; /* y != 0 */
    }
    if (sx == sy) {
        z = x + y;
        sign = sx;
    } else if (x >= y) {
        z = x - y;
        sign = sx;
    } else {
        z = y - x;
        sign = sy;
    }
    if (z == 0) {
        return false;
    }
    lx = bitlen128(z);
    if (lx > 64) {
        sh = lx - 64;
        sig = (uint64_t)(z >> sh) |
              ((z & (((unsigned __int128)1 << sh) - 1)) != 0);
        ex += sh;
    } else {
        sig = z;
    }
    *res = round_pack(f, sign, ex, sig, rm, flags);
    return true;
}

#if FPU_FAST_HOST
/*
 * The double FMA in round to nearest on the host's FMA3 instruction,
 * which rounds once as RISC-V's does. With a result in the range above
 * no OF or UF is possible and NX is the only flag; the host reports it
 * exactly in MXCSR.PE, cleared just before and read just after (one asm
 * statement, so the compiler cannot move the arithmetic out of it). The
 * rest of MXCSR is left as it was.
 */
static bool fast_fma_d(uint64_t a, uint64_t b, uint64_t c, uint64_t *res,
                       bool *nx, bool want_nx)
{
    double x = dbl_of(a), y = dbl_of(b), z = dbl_of(c);
    uint32_t cleared, after = 0;
    uint64_t rb;

    if (!host_cpu_has_fma()) {
        return false;
    }
    if (want_nx) {
        cleared = __builtin_ia32_stmxcsr() & ~0x20u;
        __asm__ volatile("ldmxcsr %[c]\n\t"
                         "vfmadd213sd %[z], %[y], %[x]\n\t"
                         "stmxcsr %[a]"
                         : [x] "+x"(x), [a] "=m"(after)
                         : [c] "m"(cleared), [y] "x"(y), [z] "x"(z));
    } else {
        /* NX is already set in fflags (it is sticky): no need to know. */
        __asm__ volatile("vfmadd213sd %[z], %[y], %[x]"
                         : [x] "+x"(x)
                         : [y] "x"(y), [z] "x"(z));
    }
    rb = bits_of_dbl(x);
    if (!dbl_in_range(rb)) {
        return false;
    }
    *nx = (after & 0x20) != 0;
    *res = rb;
    return true;
}
#endif

/*
 * The fast paths for a op b (op c) in mode rm (operands already
 * sign-adjusted as for fp_arith). Returns false to ask for the exact path;
 * on success the result, with its flags added to *flags. NX is in *flags
 * already when the guest's fflags.NX is set: only NX is then left to
 * compute, and it may be skipped.
 */
static inline bool fast_arith(const FloatFmt *f, ArithOp op, uint64_t a,
                              uint64_t b, uint64_t c, int rm, uint64_t *res,
                              uint32_t *flags)
{
    bool nx = false, ok;

    if (!riscv_fpu_fast_path || f == &fmt_h) {
        return false; /* halves always take the exact path */
    }
    if (f == &fmt_d && op == OP_FMA) {
#if FPU_FAST_HOST
        if (rm == RM_RNE && host_env_is_default() &&
            fast_fma_d(a, b, c, res, &nx, !(*flags & FFLAG_NX))) {
            *flags |= nx ? FFLAG_NX : 0;
            return true;
        }
#endif
        return fma_d_int(a, b, c, rm, res, flags); /* no host FP at all */
    }
    if (!FPU_FAST_HOST || rm != RM_RNE || !host_env_is_default()) {
        return false;
    }
    ok = f == &fmt_s ? fast_arith_s(op, a, b, c, res, &nx)
                     : fast_arith_d(op, a, b, res, &nx);
    if (ok && nx) {
        *flags |= FFLAG_NX;
    }
    return ok;
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

/*
 * Read an operand: singles and halves not properly NaN-boxed read as the
 * canonical NaN.
 */
static uint64_t fp_read(CPURISCVState *env, const FloatFmt *f, int reg)
{
    uint64_t v = env->fpr[reg], box = fmt_box(f);

    if ((v & box) != box) {
        return canonical_nan(f);
    }
    return v & ~box;
}

static void fp_write(CPURISCVState *env, const FloatFmt *f,
                     const DecodedInsn *d, uint64_t v)
{
    env->fpr[d->rd & 31] = fmt_box(f) | v;
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

/* Zfhmin: the low 16 bits, whatever the register's boxing. */
void exec_flh(CPURISCVState *env, const DecodedInsn *d)
{
    uint16_t v = cpu_lduw(env, env->gpr[d->rs1] + d->imm);

    fp_write(env, &fmt_h, d, v);
}

void exec_fsh(CPURISCVState *env, const DecodedInsn *d)
{
    cpu_stw(env, env->gpr[d->rs1] + d->imm, (uint16_t)env->fpr[d->rs2]);
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
    uint32_t flags = env->fflags & FFLAG_NX; /* sticky: see fast_arith */
    uint64_t r;

    a ^= (neg & 1) ? fmt_signbit(f) : 0;
    b ^= (neg & 2) ? fmt_signbit(f) : 0;
    c ^= (neg & 4) ? fmt_signbit(f) : 0;
    if (!fast_arith(f, op, a, b, c, rm, &r, &flags)) {
        r = fp_arith(f, op, a, b, c, rm, &flags);
    }
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
    }                                                              \
    void exec_##name##_h(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_arith(env, d, &fmt_h, op, neg);                         \
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
    }                                                              \
    void exec_##name##_h(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_sgnj(env, d, &fmt_h, kind);                             \
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

void exec_fmin_h(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_h, false);
}

void exec_fmax_h(CPURISCVState *env, const DecodedInsn *d)
{
    do_minmax(env, d, &fmt_h, true);
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
    }                                                              \
    void exec_##name##_h(CPURISCVState *env, const DecodedInsn *d) \
    {                                                              \
        do_compare(env, d, &fmt_h, kind);                          \
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

void exec_fclass_h(CPURISCVState *env, const DecodedInsn *d)
{
    do_fclass(env, d, &fmt_h);
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
    }                                                                     \
    void exec_fcvt_##suffix##_h(CPURISCVState *env, const DecodedInsn *d) \
    {                                                                     \
        do_to_int(env, d, &fmt_h, is_signed, bits);                       \
    }                                                                     \
    void exec_fcvt_h_##suffix(CPURISCVState *env, const DecodedInsn *d)   \
    {                                                                     \
        do_from_int(env, d, &fmt_h, is_signed, bits);                     \
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

/* fcvt.TO.FROM: widening is exact, but the rm field must still be valid. */
static void do_convert(CPURISCVState *env, const DecodedInsn *d,
                       const FloatFmt *to, const FloatFmt *from)
{
    int rm = fp_rm(env, d);
    uint32_t flags = 0;
    uint64_t r = fp_convert(to, from, fp_read(env, from, d->rs1), rm, &flags);

    fp_write(env, to, d, r);
    fp_set_flags(env, flags);
}

#define DEF_CVT_FP(to, from)                                               \
    void exec_fcvt_##to##_##from(CPURISCVState *env, const DecodedInsn *d) \
    {                                                                      \
        do_convert(env, d, &fmt_##to, &fmt_##from);                        \
    }

DEF_CVT_FP(s, d)
DEF_CVT_FP(d, s)
DEF_CVT_FP(s, h)
DEF_CVT_FP(h, s)
DEF_CVT_FP(d, h)
DEF_CVT_FP(h, d)

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

/* Zfhmin: fmv.x.h sign-extends the 16 bits; fmv.h.x NaN-boxes them. */
void exec_fmv_x_h(CPURISCVState *env, const DecodedInsn *d)
{
    env->gpr[d->rd] = (uint64_t)(int64_t)(int16_t)env->fpr[d->rs1];
}

void exec_fmv_h_x(CPURISCVState *env, const DecodedInsn *d)
{
    fp_write(env, &fmt_h, d, (uint16_t)env->gpr[d->rs1]);
}

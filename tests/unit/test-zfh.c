/*
 * Unit tests of the Zfh/Zfhmin handlers (target/riscv/fpu_helper.c): every
 * arithmetic result and its fflags are compared, in all five rounding
 * modes, with an exact model written here independently of the handlers.
 *
 * The model: a finite half is m * 2^e with integer m < 2^11. Sums,
 * products and FMAs of halves are exact in 128-bit integers; quotients
 * and square roots are computed to 60+ extra bits with a sticky bit for
 * the remainder. model_round() then rounds (-1)^s * (N + sticky) * 2^E
 * to a half the way IEEE 754 and the RISC-V F chapter say: ties by
 * mode, overflow to inf or the largest finite value, tininess detected
 * after rounding.
 *
 * Unary operations (sqrt, conversions) run on all 65536 halves; binary
 * ones and FMAs on edge values crossed with each other plus random
 * operands (fixed seed).
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"

InsnFn exec_fadd_h, exec_fsub_h, exec_fmul_h, exec_fdiv_h, exec_fsqrt_h;
InsnFn exec_fmadd_h, exec_fmsub_h, exec_fnmadd_h, exec_fnmsub_h;
InsnFn exec_fmin_h, exec_fmax_h, exec_feq_h, exec_flt_h, exec_fle_h;
InsnFn exec_fsgnj_h, exec_fsgnjn_h, exec_fsgnjx_h, exec_fclass_h;
InsnFn exec_fcvt_s_h, exec_fcvt_h_s, exec_fcvt_d_h, exec_fcvt_h_d;
InsnFn exec_fcvt_w_h, exec_fcvt_wu_h, exec_fcvt_l_h, exec_fcvt_lu_h;
InsnFn exec_fcvt_h_w, exec_fcvt_h_wu, exec_fcvt_h_l, exec_fcvt_h_lu;
InsnFn exec_fmv_x_h, exec_fmv_h_x;

typedef unsigned __int128 u128;
typedef __int128 s128;

#define H_BOX  0xffffffffffff0000ULL
#define H_QNAN 0x7e00
#define H_SNAN 0x7c01
#define H_INF  0x7c00
#define H_MAX  0x7bff
#define H_SIGN 0x8000
#define NX     FFLAG_NX
#define UF     FFLAG_UF
#define OF     FFLAG_OF
#define DZ     FFLAG_DZ
#define NV     FFLAG_NV

static RISCVCPU *test_cpu;

/* What the handlers use, reset per run (the whole hart is too big to
 * clear for each of the million runs). */
static CPURISCVState *fresh_env(void)
{
    CPURISCVState *env = &test_cpu->env;

    env->priv = PRV_M;
    env->misa = RVF | RVD;
    env->mstatus = 1ULL << MSTATUS_FS_SHIFT;
    env->exception = RISCV_EXCP_NONE;
    env->fflags = env->frm = 0;
    env->fpr[3] = env->gpr[3] = 0;
    return env;
}

/* Run fn with f1/x1 = a, f2 = b, f4 = c; result from f3 (or x3). */
static uint64_t run(InsnFn *fn, int rm, uint64_t a, uint64_t b, uint64_t c,
                    bool int_result, uint32_t *flags)
{
    CPURISCVState *env = fresh_env();
    DecodedInsn d = { .rd = 3,
                      .rs1 = 1,
                      .rs2 = 2,
                      .rs3 = 4,
                      .rm = rm,
                      .len = 4,
                      .raw = 0x12345678 };

    env->fpr[1] = a;
    env->gpr[1] = a;
    env->fpr[2] = b;
    env->fpr[4] = c;
    fn(env, &d);
    *flags = env->fflags;
    return int_result ? env->gpr[3] : env->fpr[3];
}

/* ---- The model ---- */

static bool h_nan(uint16_t x)
{
    return (x & 0x7fff) > H_INF;
}

static bool h_snan(uint16_t x)
{
    return h_nan(x) && !(x & 0x200);
}

static bool h_inf(uint16_t x)
{
    return (x & 0x7fff) == H_INF;
}

/* A finite half as (-1)^s * m * 2^e. */
static void h_split(uint16_t x, bool *s, int64_t *m, int *e)
{
    int be = (x >> 10) & 0x1f;

    *s = x >> 15;
    *m = (x & 0x3ff) | (be ? 0x400 : 0);
    *e = (be ? be : 1) - 15 - 10;
}

static int bitlen(u128 v)
{
    uint64_t hi = v >> 64, lo = v;

    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}

/*
 * n >> sh (sh >= 0) rounded in mode rm for a value of sign s; *inexact
 * tells whether nonzero bits were dropped.
 */
static u128 shift_round(u128 n, int sh, bool s, int rm, bool *inexact)
{
    u128 kept, rem, half;
    bool up = false;

    if (sh == 0) {
        *inexact = false;
        return n;
    }
    g_assert(sh > 0 && sh < 128);
    kept = n >> sh;
    rem = n & (((u128)1 << sh) - 1);
    half = (u128)1 << (sh - 1);
    *inexact = rem != 0;
    switch (rm) {
    case RM_RNE:
        up = rem > half || (rem == half && (kept & 1));
        break;
    case RM_RMM:
        up = rem >= half;
        break;
    case RM_RDN:
        up = s && rem != 0;
        break;
    case RM_RUP:
        up = !s && rem != 0;
        break;
    default: /* RTZ */
        break;
    }
    return kept + up;
}

/*
 * Round (-1)^s * x * 2^e to a half, where x = n plus, when sticky, a
 * nonzero amount below one unit of n (n > 0).
 */
static uint16_t model_round(bool s, u128 n, int e, bool sticky, int rm,
                            uint32_t *flags)
{
    uint16_t sign = s ? H_SIGN : 0;
    int top, q, qu;
    u128 k, ku;
    bool inexact, unused;

    g_assert(n != 0);
    if (sticky) {
        n = (n << 2) | 1; /* stands for the bits below n exactly enough */
        e -= 2;
    }
    /* At least 5 bits below the 11 kept, so every shift is >= 0. */
    while (bitlen(n) < 16) {
        n <<= 1;
        e--;
    }
    top = e + bitlen(n) - 1; /* x is in [2^top, 2^(top + 1)) */
    qu = top - 10;           /* the ulp with an unbounded exponent */
    q = qu < -24 ? -24 : qu; /* the ulp of the format */
    ku = shift_round(n, qu - e, s, rm, &unused);
    k = shift_round(n, q - e, s, rm, &inexact);
    if (k == 0x800) {
        k >>= 1; /* a carry out of 11 bits */
        q++;
    }
    if (q + 10 > 15) {
        bool to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && !s) ||
                      (rm == RM_RDN && s);
        *flags |= OF | NX;
        return sign | (to_inf ? H_INF : H_MAX);
    }
    if (inexact) {
        *flags |= NX;
        /* Tiny after rounding: ku * 2^qu (carry included) below 2^-14. */
        if (bitlen(ku) - 1 + qu < -14) {
            *flags |= UF;
        }
    }
    if (k == 0) {
        return sign;
    }
    if (k < 0x400) {
        return sign | (uint16_t)k; /* subnormal: q == -24 */
    }
    return sign | (uint16_t)(((q + 25) << 10) | (k & 0x3ff));
}

/* The exact result of a + b (a, b finite); zero handled by the caller. */
static uint16_t model_add(uint16_t a, uint16_t b, int rm, uint32_t *flags)
{
    bool sa, sb;
    int64_t ma, mb;
    int ea, eb;
    s128 x, y, z;

    h_split(a, &sa, &ma, &ea);
    h_split(b, &sb, &mb, &eb);
    /* Magnitudes at the common exponent 2^-24, then the signs. */
    x = (s128)((u128)ma << (ea + 24));
    y = (s128)((u128)mb << (eb + 24));
    x = sa ? -x : x;
    y = sb ? -y : y;
    z = x + y;
    if (z == 0) {
        bool both_neg = sa && sb && ma == 0 && mb == 0;
        return (both_neg ||
                (rm == RM_RDN && !(ma == 0 && mb == 0 && !sa && !sb)))
                   ? H_SIGN
                   : 0;
    }
    return model_round(z < 0, z < 0 ? -(u128)z : (u128)z, -24, false, rm,
                       flags);
}

/* The exact a * b + c (finite), also a * b when c is absent (+0 and
 * has_c false). */
static uint16_t model_fma(uint16_t a, uint16_t b, uint16_t c, bool has_c,
                          int rm, uint32_t *flags)
{
    bool sa, sb, sc, sp;
    int64_t ma, mb, mc;
    int ea, eb, ec;
    s128 p, z, cc;

    h_split(a, &sa, &ma, &ea);
    h_split(b, &sb, &mb, &eb);
    h_split(c, &sc, &mc, &ec);
    sp = sa ^ sb;
    /* Common exponent 2^-48 (the smallest product). */
    p = (s128)(ma * mb) << (ea + eb + 48);
    p = sp ? -p : p;
    cc = has_c ? (s128)mc << (ec + 48) : 0;
    cc = sc ? -cc : cc;
    z = p + cc;
    if (z == 0) {
        bool pz = ma == 0 || mb == 0, cz = !has_c || mc == 0;
        if (!has_c) {
            return sp ? H_SIGN : 0;
        }
        if (pz && cz && sp == sc) {
            return sp ? H_SIGN : 0;
        }
        return rm == RM_RDN ? H_SIGN : 0;
    }
    return model_round(z < 0, z < 0 ? -(u128)z : (u128)z, -48, false, rm,
                       flags);
}

static uint16_t model_div(uint16_t a, uint16_t b, int rm, uint32_t *flags)
{
    bool sa, sb;
    int64_t ma, mb;
    int ea, eb;
    u128 n;

    h_split(a, &sa, &ma, &ea);
    h_split(b, &sb, &mb, &eb);
    if (mb == 0) {
        if (ma == 0) {
            *flags |= NV;
            return H_QNAN;
        }
        *flags |= DZ;
        return ((sa ^ sb) ? H_SIGN : 0) | H_INF;
    }
    if (ma == 0) {
        return (sa ^ sb) ? H_SIGN : 0;
    }
    n = ((u128)ma << 80) / (u128)mb;
    return model_round(sa ^ sb, n, ea - eb - 80,
                       ((u128)ma << 80) % (u128)mb != 0, rm, flags);
}

static u128 isqrt128(u128 v, bool *exact)
{
    u128 r = 0, bit = (u128)1 << 126;

    while (bit > v) {
        bit >>= 2;
    }
    while (bit) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    *exact = v == 0;
    return r;
}

static uint16_t model_sqrt(uint16_t a, int rm, uint32_t *flags)
{
    bool s, exact;
    int64_t m;
    int e;
    u128 r;

    h_split(a, &s, &m, &e);
    if (m == 0) {
        return a;
    }
    if (s) {
        *flags |= NV;
        return H_QNAN;
    }
    if (e & 1) {
        m <<= 1;
        e--;
    }
    r = isqrt128((u128)m << 100, &exact);
    return model_round(false, r, (e - 100) / 2, !exact, rm, flags);
}

/* The model's answer for an arithmetic op, NaNs and infinities included. */
enum {
    M_ADD,
    M_SUB,
    M_MUL,
    M_DIV,
    M_SQRT,
    M_FMADD,
    M_FMSUB,
    M_FNMSUB,
    M_FNMADD
};

static uint16_t model(int op, uint16_t a, uint16_t b, uint16_t c, int rm,
                      uint32_t *flags)
{
    int nops = op == M_SQRT ? 1 : op >= M_FMADD ? 3 : 2;
    uint16_t in[3] = { a, b, c };
    bool nan = false;

    /* Signs for subtraction and the negated FMAs. */
    if (op == M_SUB) {
        b ^= H_SIGN;
    }
    if (op == M_FNMSUB || op == M_FNMADD) {
        a ^= H_SIGN;
    }
    if (op == M_FMSUB || op == M_FNMADD) {
        c ^= H_SIGN;
    }
    for (int i = 0; i < nops; i++) {
        nan |= h_nan(in[i]);
        if (h_snan(in[i])) {
            *flags |= NV;
        }
    }
    if (op >= M_FMADD &&
        ((h_inf(a) && !(b & 0x7fff)) || (!(a & 0x7fff) && h_inf(b)))) {
        *flags |= NV;
        return H_QNAN;
    }
    if (nan) {
        return H_QNAN;
    }
    switch (op) {
    case M_ADD:
    case M_SUB:
        if (h_inf(a) || h_inf(b)) {
            if (h_inf(a) && h_inf(b) && (a ^ b) & H_SIGN) {
                *flags |= NV;
                return H_QNAN;
            }
            return h_inf(a) ? a : b;
        }
        return model_add(a, b, rm, flags);
    case M_MUL:
        if (h_inf(a) || h_inf(b)) {
            if (!(a & 0x7fff) || !(b & 0x7fff)) {
                *flags |= NV;
                return H_QNAN;
            }
            return ((a ^ b) & H_SIGN) | H_INF;
        }
        return model_fma(a, b, 0, false, rm, flags);
    case M_DIV:
        if (h_inf(a)) {
            if (h_inf(b)) {
                *flags |= NV;
                return H_QNAN;
            }
            return ((a ^ b) & H_SIGN) | H_INF;
        }
        if (h_inf(b)) {
            return (a ^ b) & H_SIGN;
        }
        return model_div(a, b, rm, flags);
    case M_SQRT:
        if (h_inf(a)) {
            if (a & H_SIGN) {
                *flags |= NV;
                return H_QNAN;
            }
            return a;
        }
        return model_sqrt(a, rm, flags);
    default: {
        bool pinf = h_inf(a) || h_inf(b);
        uint16_t psign = (a ^ b) & H_SIGN;
        if (pinf && h_inf(c) && psign != (c & H_SIGN)) {
            *flags |= NV;
            return H_QNAN;
        }
        if (pinf) {
            return psign | H_INF;
        }
        if (h_inf(c)) {
            return c;
        }
        return model_fma(a, b, c, true, rm, flags);
    }
    }
}

/* ---- Operands ---- */

static const uint16_t edge_halves[] = {
    0x0000, 0x8000, 0x0001, 0x8001, 0x03ff, 0x0400, 0x0401, 0x07ff,
    0x3c00, 0xbc00, 0x3c01, 0x3bff, 0x3555, 0x4000, 0x4200, 0x3e00,
    0x7bff, 0xfbff, 0x7bfe, 0x7800, 0x5bff, 0x1400, 0x0200, 0x8200,
    0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x7d00, 0x2e66, 0xc7a0,
};

static uint64_t prng_state = 0x2545f4914f6cdd1dULL;

static uint64_t prng_next(void) /* splitmix64 */
{
    uint64_t z = (prng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Random halves, biased toward nearby exponents so sums cancel. */
static uint16_t random_half(uint16_t near)
{
    uint64_t r = prng_next();

    switch (r & 3) {
    case 0:
        return (uint16_t)(r >> 8);
    case 1:
        return (near & 0xfc00) ^ ((r >> 8) & 0x83ff);
    case 2:
        return edge_halves[(r >> 8) % G_N_ELEMENTS(edge_halves)];
    default:
        return ((near + ((r >> 8) & 0x1f) * 0x400 - 0x2000) & 0x7c00) |
               ((r >> 20) & 0x83ff);
    }
}

static const struct {
    InsnFn *fn;
    int op;
    const char *name;
} arith_ops[] = {
    { exec_fadd_h, M_ADD, "fadd.h" },
    { exec_fsub_h, M_SUB, "fsub.h" },
    { exec_fmul_h, M_MUL, "fmul.h" },
    { exec_fdiv_h, M_DIV, "fdiv.h" },
    { exec_fsqrt_h, M_SQRT, "fsqrt.h" },
    { exec_fmadd_h, M_FMADD, "fmadd.h" },
    { exec_fmsub_h, M_FMSUB, "fmsub.h" },
    { exec_fnmsub_h, M_FNMSUB, "fnmsub.h" },
    { exec_fnmadd_h, M_FNMADD, "fnmadd.h" },
};

static unsigned failures;

static void check_one(int k, int rm, uint16_t a, uint16_t b, uint16_t c)
{
    uint32_t want_flags = 0, got_flags;
    uint16_t want = model(arith_ops[k].op, a, b, c, rm, &want_flags);
    uint64_t got = run(arith_ops[k].fn, rm, H_BOX | a, H_BOX | b, H_BOX | c,
                       false, &got_flags);

    if (got != (H_BOX | want) || got_flags != want_flags) {
        if (failures++ < 20) {
            g_test_message("%s rm %d a %04x b %04x c %04x: got %016" PRIx64
                           " flags %02x, want %04x flags %02x",
                           arith_ops[k].name, rm, a, b, c, got, got_flags, want,
                           want_flags);
        }
        g_test_fail();
    }
}

/* Every edge value against every other, in every mode. */
static void test_arith_edges(void)
{
    size_t n = G_N_ELEMENTS(edge_halves);

    for (size_t k = 0; k < G_N_ELEMENTS(arith_ops); k++) {
        for (int rm = 0; rm <= RM_RMM; rm++) {
            for (size_t i = 0; i < n; i++) {
                for (size_t j = 0; j < n; j++) {
                    check_one(k, rm, edge_halves[i], edge_halves[j],
                              edge_halves[(i * 7 + j) % n]);
                }
            }
        }
    }
}

/* 20,000 random operand sets per operation and mode. */
static void test_arith_random(void)
{
    for (size_t k = 0; k < G_N_ELEMENTS(arith_ops); k++) {
        for (int rm = 0; rm <= RM_RMM; rm++) {
            for (int i = 0; i < 20000; i++) {
                uint16_t a = random_half(0x3c00);
                uint16_t b = random_half(a);
                uint16_t c = random_half(a);
                check_one(k, rm, a, b, c);
            }
        }
    }
}

/* sqrt of every half in every mode. */
static void test_sqrt_all(void)
{
    for (int rm = 0; rm <= RM_RMM; rm++) {
        for (uint32_t a = 0; a <= 0xffff; a++) {
            check_one(4, rm, a, 0, 0);
        }
    }
}

/* Conversions: every half to single/double (exact) and to each integer
 * type in every mode, against the model's value. */
static void test_convert_all(void)
{
    for (int rm = 0; rm <= RM_RMM; rm++) {
        for (uint32_t a = 0; a <= 0xffff; a++) {
            uint32_t fl;
            uint64_t s = run(exec_fcvt_s_h, rm, H_BOX | a, 0, 0, false, &fl);
            uint64_t back = run(exec_fcvt_h_s, rm, s, 0, 0, false, &fl);
            bool s_sign;
            int64_t m;
            int e;

            /* Widening and narrowing back is the identity (NaNs become
             * canonical, sNaNs raise NV once on the way out). */
            if (h_nan(a)) {
                g_assert_cmphex(back, ==, H_BOX | H_QNAN);
                continue;
            }
            g_assert_cmphex(back, ==, H_BOX | a);
            g_assert_cmphex(fl, ==, 0);
            if (h_inf(a)) {
                continue;
            }
            /* To a 64-bit integer: the model rounds m * 2^e itself. */
            h_split(a, &s_sign, &m, &e);
            {
                uint32_t want_fl = 0;
                int64_t want;
                if (e >= 0) {
                    want = m << e;
                } else {
                    bool inexact;
                    want =
                        (int64_t)shift_round((u128)m, -e, s_sign, rm, &inexact);
                    want_fl = inexact ? NX : 0;
                }
                want = s_sign ? -want : want;
                g_assert_cmpint(
                    (int64_t)run(exec_fcvt_l_h, rm, H_BOX | a, 0, 0, true, &fl),
                    ==, want);
                g_assert_cmphex(fl, ==, want_fl);
            }
        }
    }
}

/* Integers to half: every 17-bit signed value, plus large ones. */
static void test_from_int(void)
{
    static const int64_t big[] = { 65504, 65505,     65519,     65520,    65535,
                                   65536, 1LL << 40, INT64_MAX, INT64_MIN };

    for (int rm = 0; rm <= RM_RMM; rm++) {
        for (int64_t v = -70000; v <= 70000; v++) {
            uint32_t fl, want_fl = 0;
            uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
            uint16_t want =
                v ? model_round(v < 0, u, 0, false, rm, &want_fl) : 0;
            uint64_t got =
                run(exec_fcvt_h_l, rm, (uint64_t)v, 0, 0, false, &fl);
            if (got != (H_BOX | want) || fl != want_fl) {
                g_test_message("fcvt.h.l rm %d %" PRId64 ": got %" PRIx64
                               "/%x want %x/%x",
                               rm, v, got, fl, want, want_fl);
                g_test_fail();
                return;
            }
        }
        for (size_t i = 0; i < G_N_ELEMENTS(big); i++) {
            uint32_t fl, want_fl = 0;
            int64_t v = big[i];
            uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
            uint16_t want = model_round(v < 0, u, 0, false, rm, &want_fl);
            g_assert_cmphex(
                run(exec_fcvt_h_l, rm, (uint64_t)v, 0, 0, false, &fl), ==,
                H_BOX | want);
            g_assert_cmphex(fl, ==, want_fl);
        }
    }
}

/* The model itself, on values worked out by hand. */
static void test_model_sanity(void)
{
    uint32_t fl = 0;

    g_assert_cmphex(model(M_ADD, 0x3c00, 0x1000, 0, RM_RNE, &fl), ==, 0x3c00);
    g_assert_cmphex(fl, ==, NX);
    fl = 0;
    g_assert_cmphex(model(M_DIV, 0x3c00, 0x4200, 0, RM_RNE, &fl), ==, 0x3555);
    fl = 0;
    g_assert_cmphex(model(M_MUL, 0x7bff, 0x4000, 0, RM_RTZ, &fl), ==, 0x7bff);
    g_assert_cmphex(fl, ==, OF | NX);
    fl = 0;
    g_assert_cmphex(model(M_MUL, 0x0401, 0x3800, 0, RM_RNE, &fl), ==, 0x0200);
    g_assert_cmphex(fl, ==, UF | NX);
    fl = 0;
    g_assert_cmphex(model(M_SQRT, 0x4000, 0, 0, RM_RNE, &fl), ==, 0x3da8);
    g_assert_cmphex(fl, ==, NX);
}

/* Moves, NaN boxing and the Zfhmin loads' boxing. */
static void test_moves_boxing(void)
{
    uint32_t fl;

    g_assert_cmphex(run(exec_fmv_x_h, 0, H_BOX | 0x8001, 0, 0, true, &fl), ==,
                    0xffffffffffff8001ULL);
    g_assert_cmphex(run(exec_fmv_h_x, 0, 0x12345678, 0, 0, false, &fl), ==,
                    H_BOX | 0x5678);
    /* Not boxed: the canonical NaN, quietly. */
    g_assert_cmphex(run(exec_fadd_h, 0, 0x3c00, H_BOX | 0x3c00, 0, false, &fl),
                    ==, H_BOX | H_QNAN);
    g_assert_cmphex(fl, ==, 0);
    g_assert_cmphex(run(exec_fclass_h, 0, 0xffff3c00, 0, 0, true, &fl), ==,
                    1 << 9);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_cpu = g_new0(RISCVCPU, 1);
    g_test_add_func("/zfh/model-sanity", test_model_sanity);
    g_test_add_func("/zfh/arith/edges", test_arith_edges);
    g_test_add_func("/zfh/arith/random", test_arith_random);
    g_test_add_func("/zfh/sqrt/all", test_sqrt_all);
    g_test_add_func("/zfh/convert/all", test_convert_all);
    g_test_add_func("/zfh/convert/from-int", test_from_int);
    g_test_add_func("/zfh/moves-boxing", test_moves_boxing);
    g_test_run();
    g_free(test_cpu);
    return 0;
}

/*
 * String helpers: numbers, sizes, identifiers.
 */
#include "qemu/osdep.h"

bool qemu_strtou64(const char *s, uint64_t *out)
{
    char *end;
    guint64 v;

    if (!s || !*s || *s == '-' || g_ascii_isspace(*s)) {
        return false;
    }
    errno = 0;
    v = g_ascii_strtoull(s, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

static int suffix_shift(char c)
{
    switch (g_ascii_toupper(c)) {
    case 'B':
        return 0;
    case 'K':
        return 10;
    case 'M':
        return 20;
    case 'G':
        return 30;
    case 'T':
        return 40;
    case 'P':
        return 50;
    case 'E':
        return 60;
    default:
        return -1;
    }
}

/* Digits of base 10 or 16 into *val; their count, or -1 on overflow. */
static int parse_digits(const char **pp, unsigned base, uint64_t *val)
{
    const char *p = *pp;
    int n = 0;

    *val = 0;
    for (; base == 16 ? g_ascii_isxdigit(*p) : g_ascii_isdigit(*p); p++, n++) {
        if (__builtin_mul_overflow(*val, base, val) ||
            __builtin_add_overflow(*val, g_ascii_xdigit_value(*p), val)) {
            return -1;
        }
    }
    *pp = p;
    return n;
}

/*
 * A size: an integer (decimal, or hexadecimal after 0x) or a decimal
 * fraction, then an optional unit (B, k, M, G, T, P, E in either case)
 * that replaces default_shift. The rules QEMU 7.2 applies: a fraction
 * needs an explicit unit above a byte unless it is zero ("1.0" is fine,
 * "1.5" and "1.5B" are not), hexadecimal takes no fraction, and there is
 * no sign, exponent, infinity or NaN. The result must be below 2^64; a
 * fraction of a unit rounds down to a byte.
 */
static bool strtosz(const char *s, uint64_t *out, int default_shift)
{
    const char *p = s;
    uint64_t ival, unit, frac_num = 0, frac_den = 1;
    bool hex = false, frac_nonzero = false, has_unit = false;
    int shift = default_shift;
    unsigned __int128 frac;

    if (!s) {
        return false;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        hex = true;
        p += 2;
    }
    if (parse_digits(&p, hex ? 16 : 10, &ival) <= 0) {
        return false;
    }
    if (*p == '.') {
        p++;
        if (hex || !g_ascii_isdigit(*p)) {
            return false;
        }
        for (; g_ascii_isdigit(*p); p++) {
            /* 18 digits are exact in 64 bits; the rest cannot matter. */
            if (frac_den < 1000000000000000000ULL) {
                frac_num = frac_num * 10 + (*p - '0');
                frac_den *= 10;
            }
            frac_nonzero |= *p != '0';
        }
    }
    if (*p) {
        shift = suffix_shift(*p);
        has_unit = true;
        if (shift < 0 || p[1]) {
            return false;
        }
    }
    if (frac_nonzero && (!has_unit || shift == 0)) {
        return false;
    }
    unit = 1ULL << shift;
    frac = (unsigned __int128)frac_num * unit / frac_den;
    if (__builtin_mul_overflow(ival, unit, &ival) ||
        __builtin_add_overflow(ival, (uint64_t)frac, &ival)) {
        return false;
    }
    *out = ival;
    return true;
}

bool qemu_strtosz(const char *s, uint64_t *out)
{
    return strtosz(s, out, 0);
}

bool qemu_strtosz_MiB(const char *s, uint64_t *out)
{
    return strtosz(s, out, 20);
}

bool id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

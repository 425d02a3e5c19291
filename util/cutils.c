/*
 * String-to-number helpers.
 */
#include "qemu/osdep.h"
#include <math.h>

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

static bool strtosz(const char *s, uint64_t *out, int default_shift)
{
    char *end;
    double d;
    int shift = default_shift;
    uint64_t ival;

    if (!s || !*s || *s == '-' || g_ascii_isspace(*s)) {
        return false;
    }
    /* Integers exactly (a double loses precision above 2^53). */
    if (qemu_strtou64(s, &ival)) {
        if (default_shift && ival > (UINT64_MAX >> default_shift)) {
            return false;
        }
        *out = ival << default_shift;
        return true;
    }
    errno = 0;
    d = g_ascii_strtod(s, &end);
    if (errno || end == s || !isfinite(d) || d < 0) {
        return false;
    }
    if (*end) {
        shift = suffix_shift(*end);
        if (shift < 0 || end[1]) {
            return false;
        }
    }
    d = ldexp(d, shift);
    if (d >= 18446744073709551616.0) {
        return false;
    }
    *out = (uint64_t)d;
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

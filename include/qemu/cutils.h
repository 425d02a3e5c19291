/*
 * String helpers with QEMU's syntax: numbers, sizes, identifiers.
 */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

#include <stdbool.h>
#include <stdint.h>

/* Decimal, 0x hex or 0 octal; the whole string must be consumed. */
bool qemu_strtou64(const char *s, uint64_t *out);
/*
 * A size: a decimal or 0x hex integer, or a decimal fraction, and an
 * optional suffix B, k/K, M, G, T, P, E (powers of 1024). A non-zero
 * fraction needs a suffix above B; no exponents. A bare number is in
 * bytes for qemu_strtosz and in MiB for qemu_strtosz_MiB (-m).
 */
bool qemu_strtosz(const char *s, uint64_t *out);
bool qemu_strtosz_MiB(const char *s, uint64_t *out);
/* An id= (-object, -netdev): a letter, then letters, digits, '-._'. */
bool id_wellformed(const char *id);

#endif

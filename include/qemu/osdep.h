/*
 * Common includes and helpers every file starts with.
 */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

/* A guest-physical address. */
typedef uint64_t hwaddr;
#define HWADDR_PRIx PRIx64
#define HWADDR_MAX  UINT64_MAX

#ifndef container_of
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr)-offsetof(type, member)))
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#endif

#define QEMU_PACKED   __attribute__((packed))
#define QEMU_NORETURN __attribute__((noreturn))
#define likely(x)     __builtin_expect(!!(x), 1)
#define unlikely(x)   __builtin_expect(!!(x), 0)

#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

#include "qapi/error.h"
#include "qemu/cutils.h"

#endif

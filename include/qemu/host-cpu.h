/*
 * Features of the host CPU that fast paths depend on, each read once.
 */
#ifndef QEMU_HOST_CPU_H
#define QEMU_HOST_CPU_H

#include <stdbool.h>

#if defined(__x86_64__)
/* FMA3 (VFMADD etc.): a fused multiply-add that rounds once. */
static inline bool host_cpu_has_fma(void)
{
    static int has = -1;

    if (has < 0) {
        __builtin_cpu_init();
        has = __builtin_cpu_supports("fma");
    }
    return has;
}
#endif

#endif

/*
 * Shared by the trigger-module tests (trig.c, trig_tval.c): tdata1 fields
 * of an mcontrol (type 2) trigger and a function to set one on.
 */
#ifndef TRIG_H
#define TRIG_H

#include "testlib.h"

#define TDATA1_TYPE2 (2UL << 60)
#define MC_M         (1UL << 6)
#define MC_S         (1UL << 4)
#define MC_U         (1UL << 3)
#define MC_EXECUTE   (1UL << 2)
#define MC_STORE     (1UL << 1)
#define MC_LOAD      (1UL << 0)

static __attribute__((noinline, unused)) u64 target_fn(u64 x)
{
    __asm__ volatile("nop");
    return x + 1;
}

#endif

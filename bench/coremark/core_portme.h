/*
 * Our port of EEMBC's CoreMark to the bare virt machine (bench/run.sh):
 * the settings and types the benchmark's sources expect from a port.
 * M-mode, one hart, no libc: time from the CLINT's mtime (10 MHz), output
 * on the UART (bench/guest/uart.h), static memory, seeds in volatiles.
 */
#ifndef CORE_PORTME_H
#define CORE_PORTME_H

#include <stddef.h>
#include <stdint.h>

#define HAS_FLOAT         1
#define HAS_TIME_H        0
#define USE_CLOCK         0
#define HAS_STDIO         0
#define HAS_PRINTF        0
#define SEED_METHOD       SEED_VOLATILE
#define MEM_METHOD        MEM_STATIC
#define MULTITHREAD       1
#define MAIN_HAS_NOARGC   1
#define MAIN_HAS_NORETURN 0

#define COMPILER_VERSION "GCC" __VERSION__
#ifndef FLAGS_STR
#define FLAGS_STR "-O2 -march=rv64gc"
#endif
#define COMPILER_FLAGS FLAGS_STR
#define MEM_LOCATION   "STATIC"

typedef int16_t ee_s16;
typedef uint16_t ee_u16;
typedef int32_t ee_s32;
typedef double ee_f32;
typedef uint8_t ee_u8;
typedef uint32_t ee_u32;
typedef uintptr_t ee_ptr_int; /* must hold a pointer */
typedef size_t ee_size_t;

/* Round an address up to the next multiple of 4. */
#define align_mem(x) (void *)(4 + (((ee_ptr_int)(x)-1) & ~(ee_ptr_int)3))

#define CORETIMETYPE uint64_t
typedef uint64_t CORE_TICKS;

/* The run kind follows the data size, as in EEMBC's ports (2000: the
 * performance run, whose CRCs the benchmark knows). */
#if !defined(PROFILE_RUN) && !defined(PERFORMANCE_RUN) && \
    !defined(VALIDATION_RUN)
#if TOTAL_DATA_SIZE == 1200
#define PROFILE_RUN 1
#elif TOTAL_DATA_SIZE == 2000
#define PERFORMANCE_RUN 1
#else
#define VALIDATION_RUN 1
#endif
#endif

extern ee_u32 default_num_contexts;

typedef struct CORE_PORTABLE_S {
    ee_u8 portable_id;
} core_portable;

void portable_init(core_portable *p, int *argc, char *argv[]);
void portable_fini(core_portable *p);
int ee_printf(const char *fmt, ...);

#endif

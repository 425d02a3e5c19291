/*
 * Our CoreMark port layer for the bare virt machine (see core_portme.h):
 * seeds, the timer, a small printf on the UART, and the entry from
 * bench/guest/start.S, which ends the run through the test finisher.
 */
#include <stdarg.h>

#include "coremark.h"
#include "../guest/uart.h"

#define CLINT_MTIME   ((volatile uint64_t *)0x200bff8)
#define MTIME_PER_SEC 10000000 /* the virt machine's timebase */

/* The seeds of the run kind (CoreMark's documented run parameters). */
#if PERFORMANCE_RUN
volatile ee_s32 seed1_volatile = 0x0, seed2_volatile = 0x0;
volatile ee_s32 seed3_volatile = 0x66;
#elif VALIDATION_RUN
volatile ee_s32 seed1_volatile = 0x3415, seed2_volatile = 0x3415;
volatile ee_s32 seed3_volatile = 0x66;
#else
volatile ee_s32 seed1_volatile = 0x8, seed2_volatile = 0x8;
volatile ee_s32 seed3_volatile = 0x8;
#endif
volatile ee_s32 seed4_volatile = ITERATIONS;
volatile ee_s32 seed5_volatile = 0;

ee_u32 default_num_contexts = 1;

static CORE_TICKS t_start, t_stop;

void start_time(void)
{
    t_start = *CLINT_MTIME;
}

void stop_time(void)
{
    t_stop = *CLINT_MTIME;
}

CORE_TICKS get_time(void)
{
    return t_stop - t_start;
}

secs_ret time_in_secs(CORE_TICKS ticks)
{
    return (secs_ret)ticks / MTIME_PER_SEC;
}

void portable_init(core_portable *p, int *argc, char *argv[])
{
    p->portable_id = 1;
}

void portable_fini(core_portable *p)
{
    p->portable_id = 0;
}

/* ---- ee_printf: %d %u %x %s %c %f, with l, width and 0-padding ---- */

static void put_str(const char *s)
{
    while (*s) {
        putc_uart(*s++);
    }
}

static void put_uint(uint64_t v, unsigned base, int width, char pad)
{
    char buf[24];
    int n = 0;

    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (width-- > n) {
        putc_uart(pad);
    }
    while (n) {
        putc_uart(buf[--n]);
    }
}

/* Three decimals are enough for the benchmark's time and rate lines. */
static void put_double(double v)
{
    uint64_t milli;

    if (v < 0) {
        putc_uart('-');
        v = -v;
    }
    milli = (uint64_t)(v * 1000 + 0.5);
    put_uint(milli / 1000, 10, 0, ' ');
    putc_uart('.');
    put_uint(milli % 1000, 10, 3, '0');
}

int ee_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        int width = 0, lng = 0;
        char pad = ' ';

        if (*fmt != '%') {
            putc_uart(*fmt);
            continue;
        }
        fmt++;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            int64_t v = lng ? va_arg(ap, long) : va_arg(ap, int);

            if (v < 0) {
                putc_uart('-');
                v = -v;
            }
            put_uint((uint64_t)v, 10, width, pad);
            break;
        }
        case 'u':
        case 'x':
            put_uint(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned),
                     *fmt == 'x' ? 16 : 10, width, pad);
            break;
        case 's':
            put_str(va_arg(ap, const char *));
            break;
        case 'c':
            putc_uart((char)va_arg(ap, int));
            break;
        case 'f':
            put_double(va_arg(ap, double));
            break;
        case '%':
            putc_uart('%');
            break;
        default:
            putc_uart('?');
            break;
        }
    }
    va_end(ap);
    return 0;
}

/* The compiler may call these for structure copies and clears; the
 * attribute keeps it from turning the loops back into the calls. */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALL void *memset(void *d, int c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ((uint8_t *)d)[i] = (uint8_t)c;
    }
    return d;
}

NO_LIBCALL void *memcpy(void *d, const void *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ((uint8_t *)d)[i] = ((const uint8_t *)s)[i];
    }
    return d;
}

int main(void);

void bench_main(void)
{
    main();
    *FINISHER = 0x5555;
    for (;;) {
    }
}

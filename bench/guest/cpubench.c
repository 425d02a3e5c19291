/*
 * A CPU-bound guest workload for bench/run.sh: integer arithmetic, memory
 * traffic, unpredictable branches and a floating-point part. Runs bare
 * metal in M-mode on the virt machine (-bios none -kernel), prints its
 * checksum on the UART and exits through the SiFive test finisher.
 */
#include <stdint.h>

#include "uart.h"

static uint64_t buf[1 << 14]; /* 128 KiB: larger than an L1, smaller than L2 */

static uint64_t int_part(int n)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL, acc = 0;

    for (int i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc += (x * 3) / ((x & 0xff) | 1);
        acc ^= acc >> 3;
    }
    return acc;
}

static uint64_t mem_part(int rounds)
{
    uint64_t sum = 0;
    unsigned idx = 1;

    for (int r = 0; r < rounds; r++) {
        for (unsigned i = 0; i < sizeof(buf) / sizeof(buf[0]); i++) {
            buf[i] += i ^ r;
        }
        for (unsigned i = 0; i < 4096; i++) {
            idx = (idx * 1103515245u + 12345u) & (sizeof(buf) / 8 - 1);
            sum += buf[idx];
        }
    }
    return sum;
}

static uint64_t branch_part(int n)
{
    uint64_t x = 12345, count = 0;

    for (int i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        if (x >> 63) {
            count += 3;
        } else if ((x >> 62) & 1) {
            count ^= 5;
        } else {
            count -= 1;
        }
    }
    return count;
}

static uint64_t fp_part(int n)
{
    double a = 1.0, b = 0.5, s = 0.0;

    for (int i = 0; i < n; i++) {
        a = a * 1.0000001 + b;
        b = b / 1.0000003 - 1e-9;
        s += a * b;
        if (a > 1e6) {
            a = 1.0;
        }
    }
    union {
        double d;
        uint64_t u;
    } v = { .d = s };
    return v.u;
}

void bench_main(void)
{
    uint64_t sum = 0;

    sum += int_part(30000000);
    sum += mem_part(400);
    sum += branch_part(40000000);
    sum += fp_part(20000000);
    puthex(sum);
    *FINISHER = 0x5555;
    for (;;) {
    }
}

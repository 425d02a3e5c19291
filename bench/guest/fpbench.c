/*
 * An FP-heavy guest workload for bench/run.sh: a double-precision matrix
 * multiply, a single-precision polynomial/division loop and a square-root
 * iteration with int<->float conversions. Bare metal, M-mode; prints a
 * checksum on the UART and exits through the SiFive test finisher.
 */
#include <stdint.h>

#include "uart.h"

#define N 48

static double ma[N][N], mb[N][N], mc[N][N];

static uint64_t bits(double d)
{
    union {
        double d;
        uint64_t u;
    } v = { .d = d };
    return v.u;
}

static uint64_t matmul(int rounds)
{
    double s = 0;

    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            ma[i][j] = (double)(i + 1) / (j + 2);
            mb[i][j] = (double)(j - i) * 0.25;
        }
    }
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double acc = 0;
                for (int k = 0; k < N; k++) {
                    acc += ma[i][k] * mb[k][j];
                }
                mc[i][j] = acc * 0.5 + mc[i][j] * 0.5;
            }
        }
        s += mc[r % N][(r * 7) % N];
    }
    return bits(s);
}

static uint64_t poly_single(int n)
{
    float x = 0.5f, acc = 0.0f;

    for (int i = 0; i < n; i++) {
        float p = ((0.25f * x + 0.5f) * x - 1.0f) * x + 2.0f;
        acc += p / (x + 1.5f);
        x = x * 0.999f + 0.001f;
    }
    union {
        float f;
        uint32_t u;
    } v = { .f = acc };
    return v.u;
}

static uint64_t sqrt_conv(int n)
{
    uint64_t acc = 0;

    for (int i = 1; i <= n; i++) {
        double r = __builtin_sqrt((double)i * 3.0);
        acc += (uint64_t)(int64_t)(r * 16.0);
        acc ^= (uint64_t)(int32_t)(float)r;
    }
    return acc;
}

void bench_main(void)
{
    uint64_t sum = 0;

    sum += matmul(60);
    sum += poly_single(6000000);
    sum += sqrt_conv(4000000);
    puthex(sum);
    *FINISHER = 0x5555;
    for (;;) {
    }
}

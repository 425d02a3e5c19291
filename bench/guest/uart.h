/*
 * What the bench guests share: the virt machine's UART and SiFive test
 * finisher, and printing the checksum.
 */
#ifndef BENCH_GUEST_UART_H
#define BENCH_GUEST_UART_H

#include <stdint.h>

#define UART     ((volatile uint8_t *)0x10000000)
#define FINISHER ((volatile uint32_t *)0x100000)

static inline void putc_uart(char c)
{
    while (!(UART[5] & 0x20)) {
    }
    UART[0] = c;
}

static inline void puthex(uint64_t v)
{
    for (int i = 60; i >= 0; i -= 4) {
        putc_uart("0123456789abcdef"[(v >> i) & 15]);
    }
    putc_uart('\n');
}

#endif

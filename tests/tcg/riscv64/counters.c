/*
 * Exact instruction counting and machine ids; runs on ours only.
 *
 * The Zicsr chapter of the unprivileged spec (20191213, 9.1 "CSR
 * Instructions") says a CSR instruction that writes instret (or cycle)
 * does the write instead of the increment: csrw minstret, X followed by
 * csrr gives X. QEMU 7.2 without -icount counts host time ticks in both
 * (so the read is X plus some), and reports its own version as marchid and
 * mimpid; ours count retired instructions and report the ids documented in
 * docs/riscv-cpu.md.
 */
#include "testlib.h"

/* csrw CSR, v; then n nops; then csrr: the counter as the csrr sees it. */
#define WRITE_THEN_READ(csr, v, nops)                                        \
    ({                                                                       \
        u64 r_;                                                              \
        __asm__ volatile("csrw " STR(csr) ", %1\n" nops "csrr %0, " STR(csr) \
                         : "=r"(r_)                                          \
                         : "r"((u64)(v)));                                   \
        r_;                                                                  \
    })

static void test_write_wins(void)
{
    CHECK_EQ(WRITE_THEN_READ(minstret, 1000, ""), 1000UL);
    CHECK_EQ(WRITE_THEN_READ(mcycle, 77, ""), 77UL);
    CHECK_EQ(WRITE_THEN_READ(minstret, 5, "nop\nnop\nnop\n"), 8UL);
    CHECK_EQ(WRITE_THEN_READ(minstret, ~0UL, "nop\n"), 0UL); /* wraps */
    /* The unprivileged views follow. */
    CHECK_EQ(WRITE_THEN_READ(minstret, 42, "csrr t0, instret\n"), 43UL);
}

/* Counting continues across blocks, branches and traps' absence. */
static void test_counts(void)
{
    u64 a, b;

    __asm__ volatile("csrr %0, minstret\n"
                     "li t0, 10\n"
                     "1: addi t0, t0, -1\n"
                     "bnez t0, 1b\n"
                     "csrr %1, minstret"
                     : "=r"(a), "=r"(b)::"t0");
    /* li, then 10 x (addi, bnez): 21 instructions between the reads. */
    CHECK_EQ(b - a, 22UL);
}

static void test_ids(void)
{
    CHECK_EQ(csr_read(mvendorid), 0UL);
    CHECK_EQ(csr_read(marchid), 0x2000UL);
    CHECK_EQ(csr_read(mimpid), 0x100UL);
}

int main(void)
{
    test_write_wins();
    test_counts();
    test_ids();
    return 0;
}
